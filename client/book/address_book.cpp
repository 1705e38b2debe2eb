#include "client/book/address_book.hpp"

#include <algorithm>
#include <functional>

#include "client/book/book_file.hpp"
#include "client/book/book_store.hpp"
#include "core/text/ascii.hpp"

namespace cardex::client::book {
namespace {

constexpr std::size_t kMaxCandidates = 10;
constexpr std::string_view kContactColumns = "id, uid, vcard, created, updated";

Contact read_contact(const sqlite::Statement& row) {
    return Contact{row.integer(0), row.text(1), card_from_text(row.text(2)),
                   from_millis(row.integer(3)), from_millis(row.integer(4))};
}

std::vector<Contact> read_contacts(sqlite::Statement& stmt) {
    std::vector<Contact> out;
    while (stmt.step())
        out.push_back(read_contact(stmt));
    return out;
}

// `text` for a LIKE pattern: lower-cased (ASCII), with the pattern characters escaped.
std::string like_pattern(std::string_view text) {
    std::string pattern = "%";
    for (char c : lower_ascii(text)) {
        if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
        pattern.push_back(c);
    }
    return pattern + "%";
}

bool all_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Text that can only be meant as a telephone number: digits and the usual separators.
bool looks_like_phone(std::string_view text) {
    std::size_t digits = 0;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            ++digits;
        } else if (std::string_view("+-()./ ").find(c) == std::string_view::npos) {
            return false;
        }
    }
    return digits >= 3;
}

}  // namespace

std::string set_detail(const std::optional<std::string>& set,
                       const std::optional<std::uint64_t>& version,
                       std::optional<protocol::Via> via) {
    std::string detail;
    if (set) detail = "set " + *set;
    if (version)
        detail += (detail.empty() ? "" : ", ") + std::string("version ") + std::to_string(*version);
    if (via) {
        detail += (detail.empty() ? "" : ", ") +
                  std::string(*via == protocol::Via::token ? "by QR code"
                                                           : "from the web page of a QR code");
    }
    return detail;
}

std::string Origin::describe() const {
    switch (kind) {
        case Kind::user:
            return "cardex " + detail;
        case Kind::imported:
            return "import of " + detail + ", card " + std::to_string(card_number);
        case Kind::received:
            return "card from " + sender + " (" + service + ", " +
                   (detail.empty() ? "" : detail + ", ") + "delivery " + delivery_id + ")";
    }
    return detail;
}

AddressBook::Impl::Impl(std::filesystem::path p, sqlite::Database d, BookOptions opts)
    : path(std::move(p)), db(std::move(d)), phone_keys(opts.region), options(std::move(opts)) {}

Timestamp AddressBook::Impl::now() const {
    if (options.clock) return options.clock();
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

Result<std::unique_ptr<AddressBook>> AddressBook::open(const std::filesystem::path& path,
                                                       BookOptions options) {
    auto db = open_book_database(path);
    if (!db) return db.error();
    auto impl = std::make_unique<Impl>(path, std::move(db).value(), std::move(options));
    return std::unique_ptr<AddressBook>(new AddressBook(std::move(impl)));
}

AddressBook::AddressBook(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AddressBook::~AddressBook() = default;

const PhoneNormalizer& AddressBook::phones() const {
    return impl_->phone_keys;
}

bool AddressBook::inbox_mode() const {
    return impl_->options.inbox;
}

Status AddressBook::transaction(const std::function<Status()>& work) {
    struct Failed {
        Error error;
    };
    try {
        return impl_->run_write<Ok>("saving the changes", [&] {
            if (Status done = work(); !done) throw Failed{done.error()};
            return Ok{};
        });
    } catch (const Failed& failed) {
        return failed.error;
    }
}

Result<std::vector<Contact>> AddressBook::contacts(const ContactQuery& query) const {
    return impl_->run_read<std::vector<Contact>>("listing contacts", [&] {
        std::string sql = "SELECT " + std::string(kContactColumns) + " FROM contacts WHERE 1";
        if (!query.text.empty()) {
            sql +=
                " AND (search LIKE ?1 ESCAPE '\\' OR id IN (SELECT contact FROM contact_keys "
                "WHERE kind = 'tel' AND value = ?2))";
        }
        if (!query.category.empty()) {
            sql +=
                " AND id IN (SELECT contact FROM contact_keys WHERE kind = 'category' AND "
                "value = ?3)";
        }
        sql += " ORDER BY fn COLLATE NOCASE, id";
        auto stmt = impl_->db.prepare(sql);
        if (!query.text.empty()) {
            stmt.bind(1, like_pattern(query.text)).bind(2, impl_->phone_keys.key(query.text));
        }
        if (!query.category.empty()) stmt.bind(3, lower_ascii(query.category));
        return read_contacts(stmt);
    });
}

Result<std::vector<std::string>> AddressBook::names() const {
    return impl_->run_read<std::vector<std::string>>("listing contact names", [&] {
        auto stmt = impl_->db.prepare("SELECT fn FROM contacts ORDER BY fn COLLATE NOCASE, id");
        std::vector<std::string> names;
        while (stmt.step())
            names.push_back(stmt.text(0));
        return names;
    });
}

Result<std::size_t> AddressBook::count() const {
    return impl_->run_read<std::size_t>("counting contacts", [&] {
        auto stmt = impl_->db.prepare("SELECT count(*) FROM contacts");
        stmt.step();
        return static_cast<std::size_t>(stmt.integer(0));
    });
}

Result<Contact> AddressBook::contact(ContactId id) const {
    auto found = impl_->run_read<std::optional<Contact>>("reading a contact",
                                                         [&]() -> std::optional<Contact> {
                                                             auto loaded = impl_->load(id);
                                                             if (!loaded) return std::nullopt;
                                                             return std::move(loaded->contact);
                                                         });
    if (!found) return found.error();
    if (!*found) return make_error("no contact number " + std::to_string(id));
    return std::move(**found);
}

Result<Resolution> AddressBook::resolve(std::string_view what) const {
    return impl_->run_read<Resolution>("finding a contact", [&] {
        auto by = [&](std::string_view where, auto&&... values) {
            auto stmt = impl_->db.prepare("SELECT " + std::string(kContactColumns) +
                                          " FROM contacts WHERE " + std::string(where) +
                                          " ORDER BY fn COLLATE NOCASE, id LIMIT " +
                                          std::to_string(kMaxCandidates + 1));
            int index = 0;
            (stmt.bind(++index, values), ...);
            return read_contacts(stmt);
        };
        const auto key_match = [&](std::string_view kind, const std::string& value) {
            return by("id IN (SELECT contact FROM contact_keys WHERE kind = ?1 AND value = ?2)",
                      std::string(kind), value);
        };
        // Tried in this order until one finds something: the later ones are slower (the last
        // scans every contact) and only matter when the earlier ones find nothing.
        const std::string text(what);
        std::vector<std::function<std::vector<Contact>()>> stages;
        if (all_digits(text) && text.size() <= 9)
            stages.emplace_back([&] { return by("id = ?1", std::stoll(text)); });
        stages.emplace_back([&] { return key_match("uid", text); });
        if (text.find('@') != std::string::npos)
            stages.emplace_back([&] { return key_match("email", email_key(text)); });
        if (looks_like_phone(text))
            stages.emplace_back([&] { return key_match("tel", impl_->phone_keys.key(text)); });
        stages.emplace_back([&] { return by("fn = ?1 COLLATE NOCASE", text); });
        stages.emplace_back([&] { return by("search LIKE ?1 ESCAPE '\\'", like_pattern(text)); });
        Resolution resolution;
        for (const auto& stage : stages) {
            std::vector<Contact> found = stage();
            if (found.empty()) continue;
            if (found.size() == 1) {
                resolution.contact = std::move(found.front());
            } else {
                resolution.more_candidates = found.size() > kMaxCandidates;
                found.resize(std::min(found.size(), kMaxCandidates));
                resolution.candidates = std::move(found);
            }
            break;
        }
        return resolution;
    });
}

}  // namespace cardex::client::book
