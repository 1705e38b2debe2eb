// libFuzzer target: the xCard reader, then the round trips of round_trip.hpp (vCard 4.0 text,
// and xCard again).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/round_trip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace cardex;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    fuzz::check_round_trips(
        vcard::read_xcard(bytes), [](const vcard::Card& c) { return vcard::write_xcard({c}); },
        [](std::string_view b) { return vcard::read_xcard(b); });
    return 0;
}
