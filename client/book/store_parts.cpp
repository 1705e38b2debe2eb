#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstdio>

#include "client/book/book_store.hpp"
#include "core/text/ascii.hpp"
#include "core/vcard/reader.hpp"
#include "core/vcard/writer.hpp"

namespace cardex::client::book {
namespace {

void append_lower(std::string& out, std::string_view text) {
    if (text.empty()) return;
    out += '\n';
    out += lower_ascii(text);
}

std::string digits_of(std::string_view text) {
    std::string digits;
    for (char c : text)
        if (c >= '0' && c <= '9') digits.push_back(c);
    return digits;
}

}  // namespace

void set_uid(vcard::Card& card, const std::string& uid) {
    vcard::Property p = vcard::make_text("UID", uid);
    if (uid.find(':') == std::string::npos) p.value_type = "text";  // a free-text UID
    auto& props = card.properties;
    auto first =
        std::find_if(props.begin(), props.end(), [](const auto& q) { return q.name == "UID"; });
    if (first == props.end()) return card.add(std::move(p));
    if (first->first_value() != uid) *first = std::move(p);
    props.erase(std::remove_if(std::next(first), props.end(),
                               [](const auto& q) { return q.name == "UID"; }),
                props.end());
}

std::string card_text(const vcard::Card& card) {
    return vcard::write_vcard_text(card, vcard::Version::v40);
}

vcard::Card card_from_text(std::string_view text) {
    auto read = vcard::read_vcard_text(text);
    if (read.cards.size() != 1 || !read.errors.empty()) {
        const std::string why =
            read.errors.empty() ? "not exactly one card" : read.errors.front().message;
        throw sqlite::SqliteError("a stored card does not parse (" + why + ")");
    }
    return std::move(read.cards.front());
}

std::optional<vcard::Card> optional_card(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    return card_from_text(*text);
}

std::string search_text(const vcard::Card& card) {
    std::string text;
    append_lower(text, card.formatted_name());
    for (const char* name : {"N", "NICKNAME", "ORG", "TITLE", "CATEGORIES", "NOTE", "ADR"}) {
        for (const vcard::Property* p : card.all(name))
            append_lower(text, p->display_text());
    }
    for (const auto& email : card.emails())
        append_lower(text, email.address);
    for (const auto& phone : card.phones()) {
        append_lower(text, phone.number);
        append_lower(text, digits_of(phone.number));
    }
    return text;
}

std::string card_digest(const vcard::Card& card) {
    const std::string text = card_text(card);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr);
    // 128 of the 256 bits, in base64: as unique as needed, and a small key to index.
    std::array<unsigned char, 28> text64{};
    const int size = EVP_EncodeBlock(text64.data(), digest.data(), 16);
    return std::string(reinterpret_cast<const char*>(text64.data()),
                       static_cast<std::size_t>(size));
}

std::string new_uid() {
    std::array<unsigned char, 16> b{};
    if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1)
        throw sqlite::SqliteError("no random bytes for a new UID");
    b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);  // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
    std::array<char, 37> text{};
    std::snprintf(text.data(), text.size(),
                  "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
                  b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
                  b[14], b[15]);
    return "urn:uuid:" + std::string(text.data());
}

std::int64_t to_millis(Timestamp t) {
    return t.time_since_epoch().count();
}

Timestamp from_millis(std::int64_t ms) {
    return Timestamp(std::chrono::milliseconds(ms));
}

}  // namespace cardex::client::book
