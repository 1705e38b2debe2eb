#include "bench/reference_parsers.hpp"

#include <expat.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace cardex::bench {
namespace {

void on_start(void*, const XML_Char*, const XML_Char**) {}
void on_end(void*, const XML_Char*) {}
void on_text(void*, const XML_Char*, int) {}

struct ParserFree {
    void operator()(XML_Parser p) const { XML_ParserFree(p); }
};

// Accepts every event and keeps nothing.
class NullSax : public nlohmann::json_sax<nlohmann::json> {
  public:
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false;
    }
};

}  // namespace

std::size_t count_newlines(std::string_view bytes) {
    std::size_t count = 0;
    const char* at = bytes.data();
    const char* const end = at + bytes.size();
    while (at < end) {
        const void* found = std::memchr(at, '\n', static_cast<std::size_t>(end - at));
        if (!found) break;
        ++count;
        at = static_cast<const char*>(found) + 1;
    }
    return count;
}

bool expat_parse(std::string_view bytes, ExpatMode mode) {
    std::unique_ptr<XML_ParserStruct, ParserFree> parser(mode == ExpatMode::namespaces_empty
                                                             ? XML_ParserCreateNS("UTF-8", '\x01')
                                                             : XML_ParserCreate("UTF-8"));
    if (!parser) return false;
    if (mode != ExpatMode::no_handlers) {
        XML_SetElementHandler(parser.get(), &on_start, &on_end);
        XML_SetCharacterDataHandler(parser.get(), &on_text);
    }
    // XML_Parse takes an int length: feed large documents in pieces.
    constexpr std::size_t piece = 16u << 20;
    std::size_t offset = 0;
    do {
        const std::size_t length = std::min(piece, bytes.size() - offset);
        const bool last = offset + length == bytes.size();
        if (XML_Parse(parser.get(), bytes.data() + offset, static_cast<int>(length), last) !=
            XML_STATUS_OK) {
            return false;
        }
        offset += length;
    } while (offset < bytes.size());
    return true;
}

bool json_sax_parse(std::string_view bytes) {
    NullSax sax;
    return nlohmann::json::sax_parse(bytes.begin(), bytes.end(), &sax);
}

bool json_dom_parse(std::string_view bytes) {
    const nlohmann::json value = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
    return !value.is_discarded();
}

}  // namespace cardex::bench
