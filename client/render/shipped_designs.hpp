// The designs shipped inside the program: the TOML files of client/render/designs/, embedded
// at build time (embed_designs.cmake writes shipped_designs.cpp).
#pragma once

#include <span>
#include <string_view>

namespace cardex::client::render {

struct ShippedDesign {
    std::string_view name;  // the file's name without .toml
    std::string_view toml;  // the file's text
};

std::span<const ShippedDesign> shipped_designs();

}  // namespace cardex::client::render
