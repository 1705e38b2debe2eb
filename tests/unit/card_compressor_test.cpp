// The store's card compression: what goes in comes out, and a frame that is not one is an
// error naming what is wrong, never a crash or a huge allocation.
#include "component/store/card_compressor.hpp"

#include <gtest/gtest.h>

#include <string>

#include "component/store/sqlite.hpp"

namespace cardex::component::store {
namespace {

std::string error_of(CardCompressor& c, std::string_view frame) {
    try {
        c.decompress(frame);
    } catch (const SqliteError& e) {
        return e.what();
    }
    return "";
}

TEST(CardCompressor, WhatIsCompressedComesBackByteForByte) {
    CardCompressor c;
    for (const std::string& xml :
         {std::string(), std::string("<vcard/>"), std::string(5000, 'x'),
          std::string(
              "<fn><text>\xc3\x89mile \xce\x95\xce\xbb\xce\xad\xce\xbd\xce\xb7</text></fn>")}) {
        EXPECT_EQ(c.decompress(c.compress(xml)), xml);
    }
}

TEST(CardCompressor, BytesThatAreNotAFrameAreAnErrorNamingThem) {
    CardCompressor c;
    EXPECT_NE(error_of(c, "not a frame").find("are not a zstd frame"), std::string::npos);
    EXPECT_NE(error_of(c, "").find("are not a zstd frame"), std::string::npos);
}

TEST(CardCompressor, ATruncatedFrameIsAnError) {
    CardCompressor c;
    const std::string frame = c.compress(std::string(3000, 'a') + std::string(3000, 'b'));
    EXPECT_NE(error_of(c, frame.substr(0, frame.size() - 3)).find("a stored card is damaged"),
              std::string::npos);
}

TEST(CardCompressor, AFrameClaimingMoreThanAnyCardIsRefusedBeforeAllocating) {
    CardCompressor c;
    // A frame of 17 MiB of zeros (compresses to a few hundred bytes) says its size up front.
    const std::string frame = c.compress(std::string(CardCompressor::kMaxCardBytes + 1, '\0'));
    EXPECT_NE(error_of(c, frame).find("more than any card"), std::string::npos);
}

}  // namespace
}  // namespace cardex::component::store
