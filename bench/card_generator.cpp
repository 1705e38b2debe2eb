#include "bench/card_generator.hpp"

#include <array>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>

namespace cardex::bench {
namespace {

using vcard::Card;
using vcard::Parameter;
using vcard::Property;

// SplitMix64: small, fast and defined here, so the cards do not depend on the standard
// library's distributions.
class Random {
  public:
    explicit Random(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    bool percent(unsigned p) { return below(100) < p; }
    template <std::size_t N>
    std::string pick(const std::array<std::string_view, N>& items) {
        return std::string(items[below(N)]);
    }
    std::string digits(std::size_t n) {
        std::string out;
        for (std::size_t i = 0; i < n; ++i)
            out += static_cast<char>('0' + below(10));
        return out;
    }

  private:
    std::uint64_t state_;
};

constexpr std::array<std::string_view, 24> given_names = {
    "Anna",  "Johann", "José",    "Zoë",    "Łukasz", "Søren", "François", "Ángel",
    "Björn", "Chloé",  "Émile",   "Ingrid", "Mehmet", "Aiko",  "太郎",     "花子",
    "Олег",  "Ελένη",  "Siobhán", "Priya",  "Kwame",  "Märta", "Jürgen",   "Renée"};
constexpr std::array<std::string_view, 20> family_names = {
    "Müller",     "García",    "O'Brien",   "Nguyễn",         "Dvořák",
    "Kowalski",   "Smith",     "Johansson", "Rossi",          "Yılmaz",
    "山田",       "佐藤",      "Иванова",   "Παπαδόπουλος",   "van der Berg",
    "de la Cruz", "Øvergaard", "Sørensen",  "Ó Súilleabháin", "Okafor"};
constexpr std::array<std::string_view, 6> prefixes = {"Dr.", "Mr.", "Ms.", "Prof.", "Mx.", "Mrs."};
constexpr std::array<std::string_view, 4> suffixes = {"Jr.", "PhD", "MBA", "III"};
constexpr std::array<std::string_view, 12> companies = {
    "Acme GmbH",        "Globex, Inc.",      "Initech",          "Umbrella; Research",
    "Société Générale", "株式会社サンプル",  "Nordisk Fisk AS",  "Contoso Ltd.",
    "Fabrikam \\ Co.",  "Wayne Enterprises", "Stark Industries", "Ελληνική Εταιρεία"};
constexpr std::array<std::string_view, 6> departments = {"Sales",   "R&D",       "Legal",
                                                         "Support", "Marketing", "IT, Ops"};
constexpr std::array<std::string_view, 8> titles = {
    "Engineer", "Head of Sales", "CEO",           "Research Scientist",
    "Designer", "Support Lead",  "Chief Counsel", "Directrice générale"};
constexpr std::array<std::string_view, 10> streets = {
    "Hauptstraße", "Main Street", "Rue de Rivoli", "Calle Mayor", "Via Roma",
    "Kungsgatan",  "Ulica Długa", "Baker Street",  "銀座通り",    "Ringvej"};
constexpr std::array<std::string_view, 10> cities = {"Berlin", "Springfield", "Paris",  "Madrid",
                                                     "Roma",   "Stockholm",   "Gdańsk", "London",
                                                     "東京",   "København"};
constexpr std::array<std::string_view, 10> countries = {
    "Germany", "USA", "France", "Spain", "Italy", "Sweden", "Poland", "UK", "Japan", "Denmark"};
constexpr std::array<std::string_view, 6> phone_types = {"cell",  "work", "home",
                                                         "voice", "fax",  "text"};
constexpr std::array<std::string_view, 8> mail_domains = {
    "example.com",  "example.org",     "mail.example.net", "exämple.de",
    "corp.example", "uni.example.edu", "example.co.uk",    "example.jp"};
constexpr std::array<std::string_view, 6> notes = {
    "Met at the conference in Lisbon; follow up about the contract, please.",
    "Prefers e-mail. Do not call before 10:00, or after 18:00.",
    "Birthday party: bring cake\nand the photos from last summer.",
    "Vegetarian; allergic to nuts, shellfish and penicillin.",
    "Ansprechpartnerin für Rückfragen zur Lieferung (Außendienst).",
    "会議の後に連絡してください。"};
constexpr std::array<std::string_view, 6> categories = {"work",   "friends", "family",
                                                        "client", "vip",     "golf, tennis"};

Property text(std::string name, std::string value, std::vector<Parameter> params = {}) {
    Property p = vcard::make_text(std::move(name), std::move(value));
    p.params = std::move(params);
    return p;
}

Property structured(std::string name, std::vector<std::string> parts,
                    std::vector<Parameter> params = {}) {
    Property p;
    p.name = std::move(name);
    p.params = std::move(params);
    p.value_type = "text";
    for (std::string& part : parts) {
        p.components.push_back(part.empty() ? vcard::Component{} : vcard::Component{part});
    }
    return p;
}

Property raw(std::string group, std::string name, std::string value_type, std::string value,
             std::vector<Parameter> params = {}) {
    Property p;
    p.group = std::move(group);
    p.name = std::move(name);
    p.params = std::move(params);
    p.value_type = std::move(value_type);
    p.components = {{std::move(value)}};
    return p;
}

std::string ascii_handle(std::size_t index) {
    return "user" + std::to_string(index);
}

std::string uuid(Random& rng) {
    char out[40];
    std::snprintf(out, sizeof out, "%08x-%04x-4%03x-8%03x-%012llx",
                  static_cast<unsigned>(rng.next()), static_cast<unsigned>(rng.below(0x10000)),
                  static_cast<unsigned>(rng.below(0x1000)),
                  static_cast<unsigned>(rng.below(0x1000)),
                  static_cast<unsigned long long>(rng.next() & 0xFFFFFFFFFFFFull));
    return std::string("urn:uuid:") + out;
}

// A few hundred bytes of base64, as a small thumbnail would be.
std::string data_uri(Random& rng) {
    static constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string uri = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA";
    const std::size_t length = 4 * (50 + rng.below(100));
    for (std::size_t i = 0; i < length; ++i)
        uri += alphabet[rng.below(alphabet.size())];
    return uri;
}

void add_name(Card& card, Random& rng) {
    const std::string given = rng.pick(given_names);
    const std::string family = rng.pick(family_names);
    const std::string additional = rng.percent(20) ? rng.pick(given_names) : "";
    const std::string prefix = rng.percent(15) ? rng.pick(prefixes) : "";
    const std::string suffix = rng.percent(5) ? rng.pick(suffixes) : "";
    std::string fn = prefix.empty() ? "" : prefix + " ";
    fn += given + " " + (additional.empty() ? "" : additional + " ") + family;
    if (!suffix.empty()) fn += ", " + suffix;
    card.add(text("FN", fn));
    card.add(structured("N", {family, given, additional, prefix, suffix}));
}

void add_phones_and_mail(Card& card, Random& rng, std::size_t index) {
    const std::size_t phones = 1 + rng.below(3);
    for (std::size_t i = 0; i < phones; ++i) {
        std::vector<Parameter> params = {{"TYPE", {rng.pick(phone_types)}}};
        if (i == 0 && rng.percent(50)) params.push_back({"PREF", {"1"}});
        const std::string number = "+" + rng.digits(2) + " " + rng.digits(3) + " " + rng.digits(7);
        if (rng.percent(50)) {
            std::string uri = "tel:" + number;
            for (char& c : uri)
                c = c == ' ' ? '-' : c;
            card.add(raw("", "TEL", "uri", uri, std::move(params)));
        } else {
            card.add(text("TEL", number, std::move(params)));
        }
    }
    const std::size_t mails = 1 + rng.below(3);
    for (std::size_t i = 0; i < mails; ++i) {
        std::vector<Parameter> params = {{"TYPE", {i == 0 ? "work" : "home"}}};
        card.add(text("EMAIL",
                      ascii_handle(index) + "." + std::to_string(i) + "@" + rng.pick(mail_domains),
                      std::move(params)));
    }
}

void add_addresses(Card& card, Random& rng) {
    const std::size_t count = 1 + rng.below(2);
    for (std::size_t i = 0; i < count; ++i) {
        const std::string street = rng.pick(streets) + " " + std::to_string(1 + rng.below(200));
        const std::string city = rng.pick(cities);
        const std::string code = rng.digits(5);
        const std::string country = rng.pick(countries);
        std::vector<Parameter> params = {{"TYPE", {i == 0 ? "work" : "home"}}};
        if (rng.percent(30)) {
            params.push_back({"LABEL", {street + "\n" + code + " " + city + "\n" + country}});
        }
        const std::string extended = rng.percent(20) ? "Apt. " + rng.digits(2) : "";
        card.add(
            structured("ADR", {"", extended, street, city, "", code, country}, std::move(params)));
    }
}

void add_work(Card& card, Random& rng) {
    if (rng.percent(80)) {
        std::vector<std::string> org = {rng.pick(companies)};
        if (rng.percent(40)) org.push_back(rng.pick(departments));
        card.add(structured("ORG", std::move(org)));
    }
    if (rng.percent(70)) card.add(text("TITLE", rng.pick(titles)));
    if (rng.percent(50)) card.add(text("NOTE", rng.pick(notes)));
}

void add_extras(Card& card, Random& rng, std::size_t index) {
    if (rng.percent(20)) {
        card.add(raw("item1", "URL", "uri", "https://www.example.com/~" + ascii_handle(index)));
        card.add(raw("item1", "X-ABLABEL", "unknown", "_$!<HomePage>!$_"));
    }
    if (rng.percent(30)) card.add(raw("", "X-SKYPE", "unknown", "live:" + ascii_handle(index)));
    if (rng.percent(15)) card.add(raw("", "X-MS-OL-DEFAULT-POSTAL-ADDRESS", "unknown", "2"));
    if (rng.percent(30)) {
        const std::string bday = "19" + std::to_string(50 + rng.below(50)) + "0" +
                                 std::to_string(1 + rng.below(9)) +
                                 std::to_string(10 + rng.below(18));
        card.add(raw("", "BDAY", "date-and-or-time", bday));
    }
    if (rng.percent(30)) {
        Property cats = text("CATEGORIES", rng.pick(categories));
        cats.components[0].push_back(rng.pick(categories));
        card.add(std::move(cats));
    }
    if (rng.percent(3)) {
        card.add(raw("", "PHOTO", "uri", data_uri(rng), {{"MEDIATYPE", {"image/png"}}}));
    }
    if (rng.percent(50))
        card.add(
            raw("", "REV", "timestamp", "20240" + std::to_string(1 + rng.below(9)) + "15T120000Z"));
}

}  // namespace

std::vector<Card> generate_cards(std::size_t count, std::uint64_t seed) {
    Random rng(seed);
    std::vector<Card> cards;
    cards.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        Card card;
        card.add(raw("", "UID", "uri", uuid(rng)));
        add_name(card, rng);
        add_phones_and_mail(card, rng, i);
        add_addresses(card, rng);
        add_work(card, rng);
        add_extras(card, rng, i);
        cards.push_back(std::move(card));
    }
    return cards;
}

}  // namespace cardex::bench
