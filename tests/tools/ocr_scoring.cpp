#include "tests/tools/ocr_scoring.hpp"

#include <algorithm>
#include <cctype>

#include "client/book/phone.hpp"
#include "client/ocr/ocr_lines.hpp"

namespace cardex::tests {
namespace {

namespace ocr = client::ocr;

// Lower-case ASCII, without spaces and punctuation: "Hauptstraße 12, 10115 Berlin" and
// "Hauptstraße 12 10115 Berlin" are equal.
std::string plain(const std::string& text) {
    std::string out;
    for (char32_t c : ocr::code_points(text)) {
        if (c < 0x80) {
            const char a = static_cast<char>(c);
            if (std::isalnum(static_cast<unsigned char>(a)))
                out += static_cast<char>(std::tolower(static_cast<unsigned char>(a)));
            continue;
        }
        if (c == 0x3001 || c == 0xFF0C || c == 0xFF1A || c == 0x3002) continue;  // 、，：。
        // back to UTF-8
        if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

std::string plain_url(std::string url) {
    url = plain(url);
    for (const char* scheme : {"https", "http"})
        if (url.rfind(scheme, 0) == 0) url = url.substr(std::string(scheme).size());
    return url;
}

std::string compared(const std::string& property, const std::string& value,
                     const client::book::PhoneNormalizer& phones) {
    if (property == "TEL") return phones.key(value);
    if (property == "URL") return plain_url(value);
    return plain(value);
}

bool is_contact(const std::string& property) {
    return property == "TEL" || property == "EMAIL";
}

}  // namespace

PhotoScore score_reading(const std::vector<PrintedField>& printed, const ocr::CardProposal& read,
                         const std::string& region) {
    const client::book::PhoneNormalizer phones(region);
    PhotoScore score;
    std::vector<bool> matched(read.fields.size(), false);
    for (const auto& expected : printed) {
        FieldScore s{expected.property, expected.value, {}, false, false};
        const std::string want = compared(expected.property, expected.value, phones);
        const ocr::ProposedField* candidate = nullptr;
        for (std::size_t i = 0; i < read.fields.size(); ++i) {
            const auto& f = read.fields[i];
            if (f.property != expected.property || matched[i]) continue;
            if (compared(f.property, f.value, phones) == want) {
                matched[i] = true;
                candidate = &f;
                s.right = true;
                break;
            }
            // A number or address read differently: the first one left over stands for it.
            if (candidate == nullptr) candidate = &f;
        }
        if (candidate) {
            s.read = candidate->value;
            s.doubtful = candidate->doubtful;
        }
        if (!s.right && is_contact(expected.property) && candidate == nullptr)
            score.missed.push_back(expected.property + " " + expected.value);
        score.fields.push_back(std::move(s));
    }
    for (std::size_t i = 0; i < read.fields.size(); ++i) {
        const auto& f = read.fields[i];
        if (matched[i] || !is_contact(f.property) || f.doubtful) continue;
        score.silently_wrong.push_back(f.property + " " + f.value);
    }
    return score;
}

}  // namespace cardex::tests
