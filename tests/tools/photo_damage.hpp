// "Phone photos" made from a clean picture of a card (a rendered PNG), for the tests and the
// benchmark of reading cards from photos: turned a few degrees, blurred, noisy, seen at an
// angle (perspective), at a lower resolution, or compressed hard as JPEG; each damage alone or
// all together. Deterministic: the same picture, kind and seed give the same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace cardex::tests {

enum class Damage { none, rotation, blur, noise, perspective, low_resolution, jpeg, combined };

const std::vector<Damage>& all_damages();
std::string_view damage_name(Damage damage);  // "rotation", "low-resolution", ...

// The photo as JPEG bytes (quality 90, or low for Damage::jpeg and combined).
Result<std::string> damaged_photo(std::string_view picture, Damage damage, std::uint32_t seed);

}  // namespace cardex::tests
