// The ids the service makes (component/service/ids.hpp): delivery ids sort in the order they
// were made, keep 128 random bits in the draft's alphabet, and lead back from a copy's message id.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "component/service/ids.hpp"

namespace cardex::component {
namespace {

constexpr std::string_view kUrlSafe =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

TEST(DeliveryId, SortsInTheOrderTheIdsWereMade) {
    std::vector<std::string> made;
    for (int i = 0; i < 10'000; ++i)
        made.push_back(delivery_id());
    EXPECT_TRUE(std::is_sorted(made.begin(), made.end()));
    EXPECT_EQ(std::set<std::string>(made.begin(), made.end()).size(), made.size());
}

TEST(DeliveryId, IsAPrefixThen128RandomBitsInTheUrlSafeAlphabet) {
    const std::string a = delivery_id(), b = delivery_id();
    EXPECT_EQ(a.size(), 11u + 22u);
    EXPECT_EQ(a.find_first_not_of(kUrlSafe), std::string::npos) << a;
    // Made one after the other, the two share most of the time prefix but not the random part.
    EXPECT_EQ(a.substr(0, 6), b.substr(0, 6));
    EXPECT_NE(a.substr(11), b.substr(11));
}

TEST(RandomId, NeverRepeatsAcrossManyPagesOfRandomBytes) {
    // Ids of 16, 8 and 7 bytes, so that they straddle the pages the bytes are drawn in.
    std::set<std::string> seen;
    for (int i = 0; i < 3'000; ++i) {
        for (std::size_t bytes : {16u, 8u, 7u}) {
            const std::string id = random_id(bytes);
            EXPECT_EQ(id.size(), (bytes * 4 + 2) / 3) << id;
            EXPECT_TRUE(seen.insert(id).second) << "repeated: " << id;
        }
    }
}

TEST(DeliveryId, ACopysMessageIdLeadsBackToIt) {
    const std::string id = delivery_id();
    EXPECT_EQ(delivery_of_message_id(copy_message_id(id)), id);
    EXPECT_EQ(delivery_of_message_id("no-dot-here"), std::nullopt);
    EXPECT_EQ(delivery_of_message_id("bad id.x"), std::nullopt);
}

}  // namespace
}  // namespace cardex::component
