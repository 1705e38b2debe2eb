// The sentences `cardex` and the Profanity plugin print for a stored card, an ambiguous
// contact, a receipt, where a delivery stands and cards a sync could not save.
#include <gtest/gtest.h>

#include "client/ui/outcome_text.hpp"

namespace cardex::client::ui {
namespace {

TEST(UiOutcomeText, SaysWhatStoringACardDid) {
    EXPECT_EQ(stored_text({3, book::StoreOutcome::created, {}, {}}, "Alice Example"),
              "Saved as new contact 3 (Alice Example)");
    EXPECT_EQ(stored_text({3, book::StoreOutcome::unchanged, {}, {}}, "Alice Example"),
              "Contact 3 (Alice Example) had all of it already");
    EXPECT_EQ(
        stored_text({7, book::StoreOutcome::merged, {"TEL +49 170 7654321", "EMAIL a@b.c"}, {}},
                    "Alice"),
        "Merged into contact 7 (Alice): added TEL +49 170 7654321, EMAIL a@b.c");
}

TEST(UiOutcomeText, SaysOnlyWhatAnUpdateChanged) {
    EXPECT_EQ(
        stored_text({7, book::StoreOutcome::updated, {"TITLE Head of Sales"}, {"TITLE Sales"}},
                    "Alice"),
        "Contact 7 (Alice) updated: TITLE Head of Sales (no longer TITLE Sales)");
    EXPECT_EQ(update_text({7, book::StoreOutcome::updated, {"TEL +49 30 5550199"}, {}}),
              "updated: TEL +49 30 5550199");
    EXPECT_EQ(update_text({7, book::StoreOutcome::updated, {}, {"NOTE Old"}}),
              "updated: no longer NOTE Old");
    EXPECT_EQ(update_text({7, book::StoreOutcome::updated, {}, {}}),
              "updated: nothing you see changed");
}

TEST(UiOutcomeText, SanitisesWhatCameFromTheCard) {
    const std::string text = stored_text(
        {1, book::StoreOutcome::merged, {"NOTE \x1b[2Jcleared"}, {}}, "Eve\x1b]0;x\x07");
    EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
    EXPECT_EQ(text.find('\x07'), std::string::npos) << text;
}

TEST(UiOutcomeText, SaysHowManyContactsANameFitsAndWhetherAllAreListed) {
    book::Resolution found;
    found.candidates.resize(2);
    EXPECT_EQ(ambiguity_text("Alice", found),
              "'Alice' matches 2 contacts; give one of their numbers");
    found.candidates.resize(10);
    found.more_candidates = true;
    EXPECT_EQ(ambiguity_text("a", found),
              "'a' matches more than 10 contacts, the first 10 below; give one of their numbers "
              "or more of the name");
    EXPECT_EQ(ambiguity_text("\x1b[2Jx", found).find('\x1b'), std::string::npos);
}

TEST(UiOutcomeText, NamesTheRecipientTheDeliveryAndTheReason) {
    protocol::Receipt receipt;
    receipt.id = "Zz5y9RQasV8mpPKQQ9Yydg";
    receipt.to = *xmpp::Jid::parse("bob@b.test/phone");
    receipt.status = protocol::ReceiptStatus::saved;
    receipt.stamp = *protocol::parse_timestamp("2026-12-03T12:27:00Z");
    EXPECT_EQ(receipt_text(receipt),
              "bob@b.test saved your business card (delivery Zz5y9RQasV8mpPKQQ9Yydg, "
              "2026-12-03 12:27 UTC)");
    receipt.status = protocol::ReceiptStatus::rejected;
    receipt.reason = "not \x1b[31mwanted";
    const std::string rejected = receipt_text(receipt);
    EXPECT_TRUE(rejected.starts_with("bob@b.test rejected your business card (delivery "))
        << rejected;
    EXPECT_NE(rejected.find("): not "), std::string::npos) << rejected;
    EXPECT_EQ(rejected.find('\x1b'), std::string::npos) << rejected;
    receipt.status = protocol::ReceiptStatus::expired;
    receipt.reason.reset();
    EXPECT_TRUE(receipt_text(receipt).starts_with("bob@b.test did not collect your business card"));
    receipt.status = protocol::ReceiptStatus::refused;
    receipt.reason = "the recipient's server says the account does not exist (item-not-found)";
    const std::string refused = receipt_text(receipt);
    EXPECT_TRUE(refused.starts_with("the server of bob@b.test refused your business card"))
        << "a server's refusal is not worded as the person's: " << refused;
    EXPECT_NE(refused.find("does not exist (item-not-found)"), std::string::npos) << refused;
}

TEST(UiOutcomeText, SaysWhereADeliveryStandsAndNoMoreThanTheServersSaid) {
    protocol::DeliveryStatus status;
    status.id = "Zz5y9RQasV8mpPKQQ9Yydg";
    status.to = *xmpp::Jid::parse("nobody@a.test");
    status.state = protocol::DeliveryState::pending;
    EXPECT_EQ(delivery_outcome_text(status), "nobody@a.test: waiting to be sent");
    status.state = protocol::DeliveryState::sent;
    EXPECT_EQ(delivery_outcome_text(status),
              "nobody@a.test: sent, not acknowledged yet; no error came back from a.test's "
              "server, which does not tell whether the account exists")
        << "a server that said nothing has not said that the account exists";
    status.reason = "the recipient's server could not be reached (remote-server-not-found)";
    EXPECT_EQ(delivery_outcome_text(status),
              "nobody@a.test: not delivered yet: the recipient's server could not be reached "
              "(remote-server-not-found)");
    status.state = protocol::DeliveryState::refused;
    status.reason = "the account does not exist";
    EXPECT_EQ(delivery_outcome_text(status),
              "nobody@a.test: refused by the recipient's server: the account does not exist");
    status.state = protocol::DeliveryState::acked;
    status.reason.reset();
    EXPECT_EQ(delivery_outcome_text(status), "nobody@a.test: saved by the recipient");
}

TEST(UiOutcomeText, SaysHowManyReceivedCardsStillWaitAtTheService) {
    EXPECT_EQ(unsaved_text("cards.b.test", 1),
              "1 card from cards.b.test could not be saved and still waits there (not "
              "acknowledged: the service sends it again at the next sync)");
    EXPECT_EQ(unsaved_text("cards.b.test", 3),
              "3 cards from cards.b.test could not be saved and still wait there (not "
              "acknowledged: the service sends them again at the next sync)");
}

TEST(UiOutcomeText, ASyncCountsWhatTheServerKeptWhileTheUserWasOffline) {
    exchange::SyncOutcome o;
    o.service = "cards.b.test";
    o.pending = 0;
    o.before = 1;
    EXPECT_EQ(sync_text(o),
              "1 card received (1 kept by your server while you were offline); 0 were waiting at "
              "it");
    o.before = 0;
    o.copies = 2;
    o.pending = 2;
    EXPECT_EQ(sync_text(o), "2 cards received; 2 were waiting at it");
}

}  // namespace
}  // namespace cardex::client::ui
