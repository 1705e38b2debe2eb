// libFuzzer target: the vCard 2.1/3.0/4.0 text reader, then the round trips of round_trip.hpp.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/round_trip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    cardex::fuzz::check_round_trips(cardex::vcard::read_vcard_text(bytes));
    return 0;
}
