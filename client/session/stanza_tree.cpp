#include "client/session/stanza_tree.hpp"

#include <string>
#include <vector>

namespace cardex::client {
namespace {

class Converter {
  public:
    explicit Converter(const xml::ParseLimits& limits) : limits_(limits) {}

    // False once a limit is passed; error() then says which.
    bool convert(xmpp_stanza_t* stanza, std::string_view parent_ns, std::size_t depth,
                 xml::Element& out) {
        if (depth > limits_.max_depth) {
            return refuse("the stanza nests elements deeper than " +
                          std::to_string(limits_.max_depth) + " levels");
        }
        const char* name = xmpp_stanza_get_name(stanza);
        const char* ns = xmpp_stanza_get_ns(stanza);
        out.name = name != nullptr ? name : "";
        out.ns = ns != nullptr ? std::string_view(ns) : parent_ns;
        if (!count(2 * out.name.size() + 5)) return false;  // <name ...></name>
        if (!copy_attributes(stanza, out)) return false;
        for (xmpp_stanza_t* c = xmpp_stanza_get_children(stanza); c != nullptr;
             c = xmpp_stanza_get_next(c)) {
            if (xmpp_stanza_is_text(c)) {
                const char* text = xmpp_stanza_get_text_ptr(c);
                if (text == nullptr) continue;
                const std::string_view piece(text);
                if (!count(piece.size())) return false;
                out.text += piece;
            } else if (xmpp_stanza_is_tag(c)) {
                if (!convert(c, out.ns, depth + 1, out.children.emplace_back())) return false;
            }
        }
        return true;
    }

    const std::string& error() const { return error_; }

  private:
    bool copy_attributes(xmpp_stanza_t* stanza, xml::Element& out) {
        const int n = xmpp_stanza_get_attribute_count(stanza);
        if (n <= 0) return true;
        std::vector<const char*> pairs(2 * static_cast<std::size_t>(n));
        const int filled = xmpp_stanza_get_attributes(stanza, pairs.data(), 2 * n);
        for (int i = 0; i + 1 < filled; i += 2) {
            const std::string_view key(pairs[i]);
            if (key == "xmlns") continue;  // the namespace, already taken
            const std::string_view value(pairs[i + 1] != nullptr ? pairs[i + 1] : "");
            if (!count(key.size() + value.size() + 4)) return false;  // ␠key='value'
            out.attributes.push_back({std::string(key), std::string(value)});
        }
        return true;
    }

    bool count(std::size_t bytes) {
        bytes_ += bytes;
        if (bytes_ <= limits_.max_element_bytes) return true;
        return refuse("the stanza exceeds the limit of " +
                      std::to_string(limits_.max_element_bytes) + " bytes");
    }

    bool refuse(std::string why) {
        error_ = std::move(why);
        return false;
    }

    const xml::ParseLimits& limits_;
    std::size_t bytes_ = 0;
    std::string error_;
};

}  // namespace

Result<xml::Element> element_from_stanza(xmpp_stanza_t* stanza, std::string_view default_ns,
                                         const xml::ParseLimits& limits) {
    Converter converter(limits);
    xml::Element root;
    if (!xmpp_stanza_is_tag(stanza) || !converter.convert(stanza, default_ns, 1, root)) {
        return make_error(converter.error().empty() ? "the stanza is not an element"
                                                    : converter.error());
    }
    return root;
}

}  // namespace cardex::client
