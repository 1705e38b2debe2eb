// Telephone and fax numbers, e-mail addresses and web addresses in the recognised lines.
#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <regex>

#include "client/ocr/extraction_parts.hpp"

namespace cardex::client::ocr::parts {
namespace {

using i18n::phonenumbers::PhoneNumberMatch;
using i18n::phonenumbers::PhoneNumberMatcher;
using i18n::phonenumbers::PhoneNumberUtil;

// How much a pattern check that fails lowers a field's confidence.
constexpr double kFailedCheck = 0.6;
// An e-mail address has no check digit or structure that catches a misread letter, so it is
// doubtful unless Tesseract was very sure of it.
constexpr double kEmailDoubtfulBelow = 90.0;
// An e-mail address whose local part holds letters Tesseract takes for one another (q and g,
// l and 1, 0 and o, rn and m) is doubtful below this, unless the card's other lines spell it.
constexpr double kConfusableDoubtfulBelow = 97.0;

struct Keyword {
    std::string_view word;  // lower-case
    std::string_view type;  // vCard TEL type
};
// Longer words first, so that "telefax" is not taken for "tel".
constexpr std::array kPhoneKeywords = {
    Keyword{"telefax", "fax"}, Keyword{"mobile", "cell"},   Keyword{"mobil", "cell"},
    Keyword{"handy", "cell"},  Keyword{"mob", "cell"},      Keyword{"cell", "cell"},
    Keyword{"fax", "fax"},     Keyword{"telefon", "voice"}, Keyword{"phone", "voice"},
    Keyword{"tel", "voice"},   Keyword{"office", "voice"},  Keyword{"direct", "voice"},
    Keyword{"传真", "fax"},    Keyword{"手机", "cell"},     Keyword{"移动电话", "cell"},
    Keyword{"电话", "voice"},  Keyword{"f", "fax"},         Keyword{"m", "cell"},
    Keyword{"t", "voice"},
};

bool ascii_letter(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

// Whether `keyword` stands alone at `at` of `lower`: no ASCII letter on either side, and a
// one-letter keyword ("T", "F", "M") followed by ':', '.' or a space.
bool keyword_at(const std::string& lower, std::size_t at, std::string_view keyword) {
    if (at > 0 && ascii_letter(lower[at - 1])) return false;
    const std::size_t after = at + keyword.size();
    if (after < lower.size() && ascii_letter(lower[after])) return false;
    if (keyword.size() == 1)
        return after < lower.size() &&
               (lower[after] == ':' || lower[after] == '.' || lower[after] == ' ');
    return true;
}

// The type the nearest keyword before `at` gives ("voice" when there is none).
std::string phone_type(const std::string& text, std::size_t at) {
    const std::string lower = lower_ascii(text.substr(0, at));
    std::size_t best_at = 0;
    std::string_view best = "voice";
    bool any = false;
    for (const auto& keyword : kPhoneKeywords) {
        for (std::size_t found = lower.find(keyword.word); found != std::string::npos;
             found = lower.find(keyword.word, found + 1)) {
            if (!keyword_at(lower, found, keyword.word)) continue;
            if (!any || found > best_at) {
                best_at = found;
                best = keyword.type;
                any = true;
            }
        }
    }
    return std::string(best);
}

// Letters OCR likes to read for digits, put back where they stand between digits or signs.
std::string digits_repaired(const std::string& text) {
    std::string out = text;
    const auto digitish = [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) || c == ' ' || c == '-' || c == '/' ||
               c == '(' || c == ')' || c == '+';
    };
    for (std::size_t i = 1; i + 1 < out.size(); ++i) {
        const char c = out[i];
        if (c != 'O' && c != 'o' && c != 'l' && c != 'I' && c != '|') continue;
        if (!digitish(out[i - 1]) || !digitish(out[i + 1])) continue;
        if (!std::isdigit(static_cast<unsigned char>(out[i - 1])) &&
            !std::isdigit(static_cast<unsigned char>(out[i + 1])))
            continue;
        out[i] = (c == 'O' || c == 'o') ? '0' : '1';
    }
    return out;
}

std::size_t digit_count(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
    }));
}

bool has_phone_keyword(const std::string& text) {
    const std::string lower = lower_ascii(text);
    return std::any_of(kPhoneKeywords.begin(), kPhoneKeywords.end(), [&](const Keyword& k) {
        for (auto at = lower.find(k.word); at != std::string::npos; at = lower.find(k.word, at + 1))
            if (keyword_at(lower, at, k.word)) return true;
        return false;
    });
}

// Whether the number found at [begin, end) is part of a longer run of digits: then it is not
// the whole number printed.
bool cut_from_more_digits(const std::string& text, std::size_t begin, std::size_t end) {
    const auto digit_near = [&](std::size_t from, int step) {
        for (std::size_t i = from, n = 0; i < text.size() && n < 2; i += step, ++n) {
            if (std::isdigit(static_cast<unsigned char>(text[i]))) return true;
            if (text[i] != ' ' && text[i] != '-') return false;
        }
        return false;
    };
    return (begin > 0 && digit_near(begin - 1, -1)) || digit_near(end, 1);
}

// A line with a phone keyword or many digits that libphonenumber could not read: kept as a
// doubtful number rather than lost.
void unreadable_phone(LineView& view, std::vector<ProposedField>& out) {
    const bool keyword = has_phone_keyword(view.text);
    if (digit_count(view.text) < 6 || view.text.find('@') != std::string::npos) return;
    if (!keyword && digit_count(view.text) < 8) return;
    const auto first = view.text.find_first_of("+0123456789(");
    std::string number = trimmed(view.text.substr(first));
    out.push_back(make_field("TEL", number, line_confidence(*view.line) * kFailedCheck,
                             phone_type(view.text, first)));
    view.used = true;
}

}  // namespace

void find_phones(std::vector<LineView>& lines, const std::string& region,
                 std::vector<ProposedField>& out) {
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    const std::string known = region.empty() ? std::string("ZZ") : region;
    for (auto& view : lines) {
        if (view.used || digit_count(view.text) < 5) continue;
        if (view.text.find('@') != std::string::npos) continue;
        const std::string text = digits_repaired(view.text);
        PhoneNumberMatcher matcher(util, text, known, PhoneNumberMatcher::POSSIBLE, 16);
        bool found = false;
        while (matcher.HasNext()) {
            PhoneNumberMatch match;
            if (!matcher.Next(&match)) break;
            const auto begin = static_cast<std::size_t>(match.start());
            const std::size_t end = begin + match.raw_string().size();
            double confidence = span_confidence(*view.line, begin, end);
            const bool valid = util.IsValidNumber(match.number());
            if (!valid && !has_phone_keyword(text)) continue;  // a postcode, a date, ...
            if (!valid) confidence *= kFailedCheck;
            if (cut_from_more_digits(text, begin, end)) confidence *= kFailedCheck;
            if (text != view.text) confidence *= kFailedCheck;  // letters were taken for digits
            std::string formatted;
            util.Format(match.number(), PhoneNumberUtil::INTERNATIONAL, &formatted);
            out.push_back(make_field("TEL", formatted, confidence, phone_type(text, begin)));
            found = true;
        }
        if (found) {
            view.used = true;
        } else {
            unreadable_phone(view, out);
        }
    }
}

bool has_confusable_letters(std::string_view word) {
    return word.find_first_of("qgl10") != std::string_view::npos ||
           word.find("rn") != std::string_view::npos;
}

// The lower-case words of three or more letters or digits of every line but `self`, longest
// first: the name, the web address and the rest of what the card says.
std::vector<std::string> other_words(const std::vector<LineView>& lines, const LineView& self) {
    std::vector<std::string> words;
    for (const auto& view : lines) {
        if (&view == &self) continue;
        std::string word;
        for (const char c : lower_ascii(view.text) + " ") {
            if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
                word += c;
                continue;
            }
            if (word.size() >= 3) words.push_back(word);
            word.clear();
        }
    }
    std::sort(words.begin(), words.end(),
              [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return words;
}

// Whether `part` (a word of an address's local part) is spelled by the other words: at most
// one letter of it is left (an initial) once they are taken out ("jpalmer" on a card of
// "Jessica Palmer", "chenqiang" on one of "Chen Qiang").
bool spelled_by(std::string part, const std::vector<std::string>& words) {
    for (const auto& word : words) {
        for (auto at = part.find(word); at != std::string::npos; at = part.find(word))
            part.erase(at, word.size());
    }
    return part.size() <= 1;
}

// Whether a confusable letter of the local part of `address` is not backed by the card's
// other lines.
bool unbacked_confusable(const std::string& address, const std::vector<LineView>& lines,
                         const LineView& self) {
    const std::string local = lower_ascii(address.substr(0, address.find('@')));
    const auto words = other_words(lines, self);
    std::string part;
    for (const char c : local + ".") {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
            part += c;
            continue;
        }
        if (has_confusable_letters(part) && !spelled_by(part, words)) return true;
        part.clear();
    }
    return false;
}

void find_emails(std::vector<LineView>& lines, std::vector<ProposedField>& out) {
    static const std::regex kEmail(
        R"(([A-Za-z0-9._%+\-]+)@([A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}))");
    for (auto& view : lines) {
        if (view.used) continue;
        const auto at = view.text.find('@');
        if (at == std::string::npos) continue;
        // OCR sometimes puts spaces around '@' and '.'.
        std::string text = view.text;
        for (const std::string_view gap : {" @", "@ ", " .", ". "}) {
            for (auto p = text.find(gap); p != std::string::npos; p = text.find(gap))
                text.erase(gap.front() == ' ' ? p : p + 1, 1);
        }
        std::smatch match;
        if (std::regex_search(text, match, kEmail)) {
            const auto begin = static_cast<std::size_t>(match.position(0));
            const auto end = begin + static_cast<std::size_t>(match.length(0));
            double confidence = view.text == text ? span_confidence(*view.line, begin, end)
                                                  : line_confidence(*view.line) * kFailedCheck;
            // The address must be the whole word it stands in ("a@b.co" out of "a@b.co.vk" is
            // not the address printed).
            const bool whole = end == text.size() || text[end] == ' ' || text[end] == ',' ||
                               (text[end] == '.' && end + 1 == text.size());
            if (!whole || (begin > 0 && std::isalnum(static_cast<unsigned char>(text[begin - 1]))))
                confidence *= kFailedCheck;
            ProposedField field = make_field("EMAIL", match.str(0), confidence);
            field.doubtful =
                confidence < kEmailDoubtfulBelow || (confidence < kConfusableDoubtfulBelow &&
                                                     unbacked_confusable(field.value, lines, view));
            out.push_back(std::move(field));
        } else {
            const auto start = text.find_last_of(" :：", text.find('@'));
            const std::string raw =
                trimmed(start == std::string::npos ? text : text.substr(start + 1));
            out.push_back(make_field("EMAIL", raw, line_confidence(*view.line) * kFailedCheck));
        }
        view.used = true;
    }
}

void find_urls(std::vector<LineView>& lines, std::vector<ProposedField>& out) {
    static const std::regex kUrl(
        R"((https?://)?(www\.)?[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.(com|org|net|de|cn|io|eu|info|biz|co|uk|at|ch|us|dev|app|tech|ai)(\.cn|\.uk)?(/[^\s]*)?)",
        std::regex::icase);
    for (auto& view : lines) {
        if (view.used || view.text.find('@') != std::string::npos) continue;
        std::smatch match;
        if (!std::regex_search(view.text, match, kUrl)) continue;
        const std::string url = match.str(0);
        const std::string lower = lower_ascii(url);
        const bool marked = lower.rfind("http", 0) == 0 || lower.rfind("www.", 0) == 0;
        const auto begin = static_cast<std::size_t>(match.position(0));
        if (begin > 0 && std::isalnum(static_cast<unsigned char>(view.text[begin - 1]))) continue;
        double confidence = span_confidence(*view.line, begin, begin + url.size());
        if (!marked) confidence *= 0.9;
        out.push_back(make_field("URL", url, confidence));
        view.used = true;
    }
}

}  // namespace cardex::client::ocr::parts
