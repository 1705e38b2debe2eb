// The address book as a backup's plaintext (client/backup/book_backup.hpp): every contact with
// its categories, and where its cards came from, which a restore into an empty book brings back
// beside the restore itself.
#include "client/backup/book_backup.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/unit/book_test_support.hpp"

namespace cardex::client::backup {
namespace {

using book::Origin;
using testing::card_of;
using testing::delivery_of;
using testing::open_test_book;

TEST(BookBackup, ARestoreBringsBackTheCardsAndWhereTheyCameFrom) {
    auto original = open_test_book();
    auto delivered = delivery_of("prv1prv1prv1prv1prv1pr", "alice@a.test",
                                 card_of({"FN:Alice", "UID:urn:uuid:alice", "CATEGORIES:work"}));
    ASSERT_TRUE(original->receive(delivered, "cards.a.test").ok());
    ASSERT_TRUE(
        original->add(card_of({"FN:Bob", "TEL:+49 30 1"}), Origin::file("phone.vcf", 3)).ok());

    auto plaintext = book_plaintext(*original);
    ASSERT_TRUE(plaintext.ok()) << plaintext.error().message;
    auto cards = read_plaintext(*plaintext);
    ASSERT_TRUE(cards.ok()) << cards.error().message;
    ASSERT_EQ(cards->size(), 2u);

    auto restored_book = open_test_book();
    auto restored = restore_cards(*restored_book, std::move(*cards), "backup B1");
    ASSERT_TRUE(restored.ok()) << restored.error().message;
    EXPECT_EQ(restored->created, 2u);
    const auto contacts = *restored_book->contacts();
    ASSERT_EQ(contacts.size(), 2u);
    for (const auto& contact : contacts) {
        const auto came_from = *restored_book->provenance(contact.id);
        std::vector<std::string> described;
        for (const auto& p : came_from)
            described.push_back(p.origin.describe());
        if (contact.card.formatted_name() == "Alice") {
            EXPECT_EQ(contact.card.first("CATEGORIES")->first_value(), "work");
            EXPECT_NE(std::find(described.begin(), described.end(),
                                "card from alice@a.test (cards.a.test, delivery "
                                "prv1prv1prv1prv1prv1pr)"),
                      described.end())
                << described.size();
        } else {
            EXPECT_NE(std::find(described.begin(), described.end(), "import of phone.vcf, card 3"),
                      described.end());
        }
        EXPECT_NE(
            std::find_if(described.begin(), described.end(),
                         [](const std::string& d) { return d.starts_with("import of backup B1"); }),
            described.end())
            << "the restore itself is one of the sources (undo --restore takes it back)";
    }

    // Restored again: nothing is recorded twice.
    auto again = read_plaintext(*plaintext);
    ASSERT_TRUE(restore_cards(*restored_book, std::move(*again), "backup B1").ok());
    const auto alice = restored_book->contacts()->at(0);
    const auto twice = *restored_book->provenance(alice.id);
    std::size_t deliveries = 0;
    for (const auto& p : twice)
        deliveries += p.origin.kind == Origin::Kind::received ? 1 : 0;
    EXPECT_EQ(deliveries, 1u);
}

}  // namespace
}  // namespace cardex::client::backup
