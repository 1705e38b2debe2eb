// Helpers shared by the vCard codec tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/vcard/card.hpp"

namespace cardex::vcard::test {

// The bytes of a file of the real-world corpus, e.g. "ez-vcard/rfc6350-example.vcf".
inline std::string read_corpus(const std::string& relative) {
    std::ifstream in(std::string(CARDEX_CORPUS_DIR) + "/" + relative, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

// The nth property called `name`, or nullptr.
inline const Property* find(const Card& card, std::string_view name, std::size_t nth = 0) {
    for (const Property& p : card.properties) {
        if (p.name == name && nth-- == 0) return &p;
    }
    return nullptr;
}

inline Property prop(std::string name, std::string type, std::vector<Component> value,
                     std::vector<Parameter> params = {}, std::string group = {}) {
    return Property{std::move(group), std::move(name), std::move(params), std::move(type),
                    std::move(value)};
}

}  // namespace cardex::vcard::test
