// The address book on real SQLite: matching and merging cards into contacts, history and
// undo, received deliveries stored once, the inbox, sent deliveries and their states.
#include <gtest/gtest.h>

#include "client/book/address_book.hpp"
#include "tests/unit/book_test_support.hpp"
#include "tests/unit/temp_dir.hpp"

namespace cardex::testing {
namespace {

using client::book::ContactQuery;
using client::book::Origin;
using client::book::ReceivedState;
using client::book::StoreOutcome;

const Origin kImport = Origin::file("contacts.vcf", 1);

std::vector<std::string> phones_of(const vcard::Card& card) {
    std::vector<std::string> out;
    for (const auto& p : card.phones())
        out.push_back(p.number);
    return out;
}

std::vector<std::string> emails_of(const vcard::Card& card) {
    std::vector<std::string> out;
    for (const auto& e : card.emails())
        out.push_back(e.address);
    return out;
}

TEST(BookStore, ACardWithoutUidGetsOne) {
    auto book = open_test_book();
    auto stored = book->add(card_of({"FN:Alice Example"}), Origin::user("add"));
    ASSERT_TRUE(stored.ok()) << stored.error().message;
    auto contact = book->contact(stored->contact);
    ASSERT_TRUE(contact.ok());
    EXPECT_EQ(contact->uid.rfind("urn:uuid:", 0), 0u) << contact->uid;
    EXPECT_EQ(contact->card.uid(), contact->uid);
    EXPECT_EQ(contact->card.formatted_name(), "Alice Example");
}

TEST(BookStore, MergesByPhoneWrittenDifferently) {
    auto book = open_test_book();
    auto first = book->merge(card_of({"FN:Alice", "TEL:+49 30 1234567"}), kImport);
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first->outcome, StoreOutcome::created);
    auto second = book->merge(
        card_of({"FN:Alice Example", "TEL:030 1234567", "EMAIL:alice@example.org"}), kImport);
    ASSERT_TRUE(second.ok()) << second.error().message;
    EXPECT_EQ(second->outcome, StoreOutcome::merged);
    EXPECT_EQ(second->contact, first->contact);
    EXPECT_EQ(*book->count(), 1u);
    auto contact = book->contact(first->contact);
    EXPECT_EQ(contact->card.formatted_name(), "Alice");  // the user's own name is kept
    EXPECT_EQ(phones_of(contact->card), std::vector<std::string>{"+49 30 1234567"});
    EXPECT_EQ(emails_of(contact->card), std::vector<std::string>{"alice@example.org"});
}

TEST(BookStore, MergesByEmailWithoutRegardToCase) {
    auto book = open_test_book();
    auto first = book->merge(card_of({"FN:Bob", "EMAIL:Bob@Example.ORG"}), kImport);
    auto second = book->merge(
        card_of({"FN:Bob B.", "EMAIL:bob@example.org", "TEL:+1 202 555 0143"}), kImport);
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(second->contact, first->contact);
    EXPECT_EQ(emails_of(book->contact(first->contact)->card).size(), 1u);
}

TEST(BookStore, UidWinsOverPhoneAndEmail) {
    auto book = open_test_book();
    auto by_uid = book->merge(card_of({"FN:Carol", "UID:urn:uuid:c1"}), kImport);
    auto by_phone = book->merge(card_of({"FN:Other", "TEL:+49 30 999999"}), kImport);
    auto incoming =
        book->merge(card_of({"FN:Carol", "UID:urn:uuid:c1", "TEL:+49 30 999999"}), kImport);
    ASSERT_TRUE(by_uid.ok() && by_phone.ok() && incoming.ok());
    EXPECT_EQ(incoming->contact, by_uid->contact);
}

TEST(BookStore, AUidMergedInMatchesLaterCards) {
    auto book = open_test_book();
    auto mine = book->merge(card_of({"FN:Dave", "TEL:+49 30 5550100"}), kImport);
    // Dave's own card: another UID, matched by the phone; its UID becomes a key of the contact.
    must(book->merge(card_of({"FN:Dave", "UID:urn:uuid:dave", "TEL:030 5550100"}), kImport));
    auto later =
        book->merge(card_of({"FN:Dave", "UID:urn:uuid:dave", "EMAIL:dave@b.test"}), kImport);
    ASSERT_TRUE(later.ok());
    EXPECT_EQ(later->contact, mine->contact);
    EXPECT_EQ(later->outcome, StoreOutcome::merged);
}

TEST(BookStore, NothingInCommonMakesANewContact) {
    auto book = open_test_book();
    must(book->merge(card_of({"FN:Erin", "TEL:+49 30 1111111"}), kImport));
    auto other = book->merge(card_of({"FN:Erin", "TEL:+49 30 2222222"}), kImport);
    ASSERT_TRUE(other.ok());
    EXPECT_EQ(other->outcome, StoreOutcome::created);
    EXPECT_EQ(*book->count(), 2u);
}

TEST(BookStore, UndoRestoresTheContactAsItWasBeforeTheMerge) {
    auto book = open_test_book();
    const vcard::Card original = card_of({"FN:Frank", "TEL:+49 30 3333333"});
    auto mine = book->merge(original, kImport);
    const vcard::Card before = book->contact(mine->contact)->card;
    must(book->merge(
        card_of({"FN:Frank", "TEL:030 3333333", "EMAIL:frank@example.org", "UID:urn:uuid:frank"}),
        kImport));
    ASSERT_EQ(emails_of(book->contact(mine->contact)->card).size(), 1u);
    auto undone = book->undo(mine->contact);
    ASSERT_TRUE(undone.ok()) << undone.error().message;
    EXPECT_EQ(undone->action, "merged");
    EXPECT_EQ(book->contact(mine->contact)->card, before);
    // The UID the merge brought is no longer a key: a card with it makes a new contact.
    auto again = book->merge(card_of({"FN:F.", "UID:urn:uuid:frank"}), kImport);
    EXPECT_NE(again->contact, mine->contact);
}

TEST(BookStore, UndoOfACreationRemovesAndUndoOfARemovalRestores) {
    auto book = open_test_book();
    auto created = book->add(card_of({"FN:Grace"}), Origin::user("add"));
    const auto id = created->contact;
    ASSERT_TRUE(book->remove(id, Origin::user("rm")).ok());
    EXPECT_FALSE(book->contact(id).ok());
    ASSERT_TRUE(book->undo(id).ok());
    auto back = book->contact(id);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->card.formatted_name(), "Grace");
    ASSERT_TRUE(book->undo(id).ok());  // now the creation
    EXPECT_FALSE(book->contact(id).ok());
    EXPECT_FALSE(book->undo(id).ok());  // nothing left to undo
    const auto history = book->history(id);
    ASSERT_EQ(history->size(), 4u);  // created, removed, and two undo entries
    EXPECT_TRUE((*history)[0].undone);
    EXPECT_TRUE((*history)[1].undone);
}

TEST(BookStore, EditKeepsTheUidAndIsUndoable) {
    auto book = open_test_book();
    auto created = book->add(card_of({"FN:Heidi", "UID:urn:uuid:heidi"}), Origin::user("add"));
    auto edited = book->replace(created->contact, card_of({"FN:Heidi Klum", "UID:urn:uuid:x"}),
                                Origin::user("edit"));
    ASSERT_TRUE(edited.ok());
    auto contact = book->contact(created->contact);
    EXPECT_EQ(contact->card.formatted_name(), "Heidi Klum");
    EXPECT_EQ(contact->card.uid(), "urn:uuid:heidi");
    must(book->undo(created->contact));
    EXPECT_EQ(book->contact(created->contact)->card.formatted_name(), "Heidi");
}

TEST(BookStore, ResolvesByNumberNameUidPhoneAndEmail) {
    auto book = open_test_book();
    auto alice = book->add(card_of({"FN:Alice Example", "UID:urn:uuid:a", "TEL:+49 30 1234567",
                                    "EMAIL:alice@example.org"}),
                           Origin::user("add"));
    must(book->add(card_of({"FN:Bob Builder"}), Origin::user("add")));
    for (const std::string& what :
         {std::to_string(alice->contact), std::string("alice example"), std::string("urn:uuid:a"),
          std::string("030 1234567"), std::string("ALICE@example.org"), std::string("Exam")}) {
        auto r = book->resolve(what);
        ASSERT_TRUE(r.ok()) << what;
        ASSERT_TRUE(r->contact.has_value()) << what;
        EXPECT_EQ(r->contact->id, alice->contact) << what;
    }
    EXPECT_FALSE(book->resolve("nobody")->contact.has_value());
    EXPECT_TRUE(book->resolve("nobody")->candidates.empty());
}

TEST(BookStore, AnAmbiguousNameListsTheCandidates) {
    auto book = open_test_book();
    must(book->add(card_of({"FN:Alice Example"}), Origin::user("add")));
    must(book->add(card_of({"FN:Alice Smith"}), Origin::user("add")));
    auto r = book->resolve("Alice");
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->contact.has_value());
    ASSERT_EQ(r->candidates.size(), 2u);
    EXPECT_EQ(r->candidates[0].card.formatted_name(), "Alice Example");
    EXPECT_FALSE(r->more_candidates);
    // An exact name is not ambiguous.
    EXPECT_TRUE(book->resolve("alice smith")->contact.has_value());
}

TEST(BookStore, ManyCandidatesAreCutAndSaySoFirst) {
    auto book = open_test_book();
    for (int i = 0; i < 12; ++i)
        must(book->add(card_of({"FN:Sam " + std::to_string(100 + i)}), Origin::user("add")));
    auto r = book->resolve("Sam");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->candidates.size(), 10u);
    EXPECT_TRUE(r->more_candidates);
    EXPECT_EQ(r->candidates.front().card.formatted_name(), "Sam 100");
}

TEST(BookStore, ListFindsPhonesInAnySpellingAndCategories) {
    auto book = open_test_book();
    must(book->add(card_of({"FN:Ivan", "TEL:+49 30 7777777", "CATEGORIES:work,fair"}),
                   Origin::user("add")));
    must(book->add(card_of({"FN:Judy", "ORG:Example GmbH"}), Origin::user("add")));
    EXPECT_EQ(book->contacts(ContactQuery{"030 7777777", ""})->size(), 1u);
    EXPECT_EQ(book->contacts(ContactQuery{"example", ""})->size(), 1u);
    EXPECT_EQ(book->contacts(ContactQuery{"", "Work"})->size(), 1u);
    EXPECT_EQ(book->contacts(ContactQuery{"", "home"})->size(), 0u);
    EXPECT_EQ(book->contacts()->size(), 2u);
    EXPECT_EQ(book->contacts(ContactQuery{"100%", ""})->size(), 0u);  // % is not a wildcard
}

TEST(BookStore, NamesAreListedInTheOrderOfTheContacts) {
    auto book = open_test_book();
    must(book->add(card_of({"FN:zoe Zed"}), Origin::user("add")));
    must(book->add(card_of({"FN:Alice Example"}), Origin::user("add")));
    must(book->add(card_of({"FN:bob"}), Origin::user("add")));
    EXPECT_EQ(*book->names(), (std::vector<std::string>{"Alice Example", "bob", "zoe Zed"}));
    const auto contacts = book->contacts();
    ASSERT_TRUE(contacts.ok());
    std::vector<std::string> listed;
    for (const auto& c : *contacts)
        listed.push_back(c.card.formatted_name());
    EXPECT_EQ(*book->names(), listed);
}

TEST(BookStore, TheSameDeliveryIsStoredOnce) {
    auto book = open_test_book();
    const auto d = delivery_of("h6l2kD8n5Wv7HNEBSFKQ3g", "alice@a.test",
                               card_of({"FN:Alice Example", "TEL:+49 30 1234567"}));
    auto first = book->receive(d, "cards.a.test");
    auto second = book->receive(d, "cards.a.test");
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_FALSE(first->duplicate);
    ASSERT_TRUE(first->stored.has_value());
    EXPECT_EQ(first->stored->outcome, StoreOutcome::created);
    EXPECT_TRUE(first->record.verified);
    EXPECT_TRUE(second->duplicate);
    EXPECT_FALSE(second->stored.has_value());
    EXPECT_EQ(second->record.id, first->record.id);
    EXPECT_EQ(*book->count(), 1u);
    EXPECT_EQ(book->history(first->stored->contact)->size(), 1u);
    // The same id from another service is another delivery.
    auto elsewhere = book->receive(d, "cards.c.test");
    ASSERT_TRUE(elsewhere.ok());
    EXPECT_FALSE(elsewhere->duplicate);
    EXPECT_FALSE(elsewhere->record.verified);  // cards.c.test does not vouch for a.test users
    const auto provenance = book->provenance(first->stored->contact);
    ASSERT_EQ(provenance->size(), 2u);
    EXPECT_EQ((*provenance)[0].origin.delivery_id, "h6l2kD8n5Wv7HNEBSFKQ3g");
}

TEST(BookStore, AcksStayUnansweredUntilMarked) {
    auto book = open_test_book();
    must(book->receive(delivery_of("d1d1d1d1d1d1d1d1d1d1d1", "alice@a.test", card_of({"FN:A"})),
                       "cards.a.test"));
    must(book->receive_invalid("cards.a.test", "d2d2d2d2d2d2d2d2d2d2d2", "alice@a.test", "no FN"));
    auto open = book->unanswered_acks("cards.a.test");
    ASSERT_EQ(open->size(), 2u);
    EXPECT_EQ((*open)[1].ack_status(), protocol::AckStatus::rejected);
    EXPECT_EQ((*open)[1].reason, "no FN");
    must(book->mark_ack_answered("cards.a.test", "d1d1d1d1d1d1d1d1d1d1d1"));
    EXPECT_EQ(book->unanswered_acks("cards.a.test")->size(), 1u);
    EXPECT_TRUE(book->unanswered_acks("cards.b.test")->empty());
}

TEST(BookStore, InboxModeKeepsCardsApartUntilAccepted) {
    auto book = open_test_book(":memory:", /*inbox=*/true);
    auto kept =
        book->receive(delivery_of("in1in1in1in1in1in1in1a", "alice@a.test", card_of({"FN:Alice"})),
                      "cards.a.test");
    auto other = book->receive(
        delivery_of("in2in2in2in2in2in2in2a", "mallory@a.test", card_of({"FN:Mallory"})),
        "cards.a.test");
    ASSERT_TRUE(kept.ok() && other.ok());
    EXPECT_EQ(kept->record.state, ReceivedState::inbox);
    EXPECT_EQ(*book->count(), 0u);
    ASSERT_EQ(book->inbox()->size(), 2u);
    auto accepted = book->accept(kept->record.id);
    ASSERT_TRUE(accepted.ok()) << accepted.error().message;
    EXPECT_EQ(*book->count(), 1u);
    ASSERT_TRUE(book->decline(other->record.id).ok());
    EXPECT_TRUE(book->inbox()->empty());
    EXPECT_EQ(*book->count(), 1u);
    EXPECT_FALSE(book->accept(kept->record.id).ok());  // not in the inbox any more
    EXPECT_EQ(book->find_received("in2in")->state, ReceivedState::declined);
}

TEST(BookStore, AnUpdateWithAnOlderVersionChangesNothing) {
    auto book = open_test_book();
    auto v2 = delivery_of("up2up2up2up2up2up2up2a", "alice@a.test",
                          card_of({"FN:Alice", "UID:urn:uuid:alice", "TEL:+49 30 1"}));
    v2.set = "work";
    v2.version = 2;
    auto v1 = delivery_of("up1up1up1up1up1up1up1a", "alice@a.test",
                          card_of({"FN:Alice", "UID:urn:uuid:alice", "EMAIL:old@example.org"}));
    v1.set = "work";
    v1.version = 1;
    v1.update = true;
    ASSERT_TRUE(book->receive(v2, "cards.a.test").ok());
    auto late = book->receive(v1, "cards.a.test");
    ASSERT_TRUE(late.ok());
    EXPECT_FALSE(late->stored.has_value());
    const auto contacts = *book->contacts();
    ASSERT_EQ(contacts.size(), 1u);
    EXPECT_TRUE(contacts[0].card.emails().empty());
}

// A follower's book: version 1 of alice's set, a local edit, then version 2 as an update: what
// changed is replaced, the edit stays, it is one history entry and undo takes it back.
TEST(BookStore, AnUpdateChangesWhatTheOwnerChangedAsOneStep) {
    auto book = open_test_book();
    auto v1 = delivery_of(
        "uv1uv1uv1uv1uv1uv1uv1a", "alice@a.test",
        card_of({"FN:Alice", "UID:urn:uuid:alice", "TITLE:Sales", "NOTE:Owner's note"}));
    v1.set = "work";
    v1.version = 1;
    auto first = book->receive(v1, "cards.a.test");
    ASSERT_TRUE(first.ok() && first->stored);
    const client::book::ContactId id = first->stored->contact;
    auto mine = book->contact(id)->card;
    for (auto& p : mine.properties) {
        if (p.name == "NOTE") p.components = {{"My own note"}};
    }
    ASSERT_TRUE(book->replace(id, mine, Origin::user("edit")).ok());

    auto v2 = delivery_of("uv2uv2uv2uv2uv2uv2uv2a", "alice@a.test",
                          card_of({"FN:Alice", "UID:urn:uuid:alice", "TITLE:Head of Sales",
                                   "NOTE:Owner's new note"}));
    v2.set = "work";
    v2.version = 2;
    v2.update = true;
    auto updated = book->receive(v2, "cards.a.test");
    ASSERT_TRUE(updated.ok() && updated->stored);
    EXPECT_EQ(updated->stored->contact, id);
    EXPECT_EQ(updated->stored->outcome, client::book::StoreOutcome::updated);
    EXPECT_EQ(updated->stored->removed, std::vector<std::string>{"TITLE Sales"});
    const auto card = book->contact(id)->card;
    EXPECT_EQ(card.title(), "Head of Sales");
    std::vector<std::string> notes;
    for (const auto* p : card.all("NOTE"))
        notes.push_back(p->first_value());
    EXPECT_EQ(notes, (std::vector<std::string>{"My own note", "Owner's new note"}))
        << "the user's edit stays, the new value beside it";
    const auto history = *book->history(id);
    ASSERT_EQ(history.back().action, "updated");
    ASSERT_TRUE(book->undo(id).ok());
    EXPECT_EQ(book->contact(id)->card, mine) << "undo reverts the whole update";
}

TEST(BookStore, SentDeliveriesFollowReceiptsAndNeverGoBack) {
    auto book = open_test_book();
    client::book::SentCard s{"cards.a.test",
                             "s1s1s1s1s1s1s1s1s1s1s1",
                             "bob@b.test",
                             "urn:uuid:a",
                             "Alice",
                             at_second(100),
                             protocol::DeliveryState::pending,
                             0,
                             at_second(100),
                             std::nullopt};
    ASSERT_TRUE(book->record_sent({s}).ok());
    protocol::Receipt receipt{s.delivery_id, *xmpp::Jid::parse("bob@b.test"),
                              protocol::ReceiptStatus::saved, at_second(200), std::nullopt};
    ASSERT_TRUE(book->apply_receipt("cards.a.test", receipt).ok());
    protocol::DeliveryStatus stale{s.delivery_id,
                                   *xmpp::Jid::parse("bob@b.test"),
                                   protocol::DeliveryState::sent,
                                   1,
                                   at_second(100),
                                   at_second(150),
                                   std::nullopt};
    ASSERT_TRUE(book->update_sent("cards.a.test", stale).ok());
    auto sent = book->sent("s1s1");
    ASSERT_EQ(sent->size(), 1u);
    EXPECT_EQ((*sent)[0].state, protocol::DeliveryState::acked);
    EXPECT_EQ((*sent)[0].contact_name, "Alice");
    EXPECT_TRUE(book->sent("zz")->empty());
}

TEST(BookStore, RemembersServicesAndTheHomeService) {
    auto book = open_test_book();
    must(book->remember_service("cards.b.test"));
    must(book->set_home_service("alice@a.test", "cards.a.test"));
    EXPECT_EQ(*book->home_service("alice@a.test"), std::optional<std::string>("cards.a.test"));
    EXPECT_EQ(*book->home_service("bob@b.test"), std::nullopt);
    EXPECT_EQ(book->services()->size(), 2u);
}

TEST(BookStore, EverythingSurvivesReopeningTheFile) {
    TempDir dir;
    const std::string path = dir.file("book.db").string();
    client::book::ContactId id = 0;
    {
        auto book = open_test_book(path);
        id = book->add(card_of({"FN:Kim", "TEL:+49 30 4444444"}), Origin::user("add"))->contact;
        must(book->receive(delivery_of("re1re1re1re1re1re1re1a", "alice@a.test", card_of({"FN:L"})),
                           "cards.a.test"));
    }
    auto book = open_test_book(path);
    EXPECT_EQ(book->contact(id)->card.formatted_name(), "Kim");
    EXPECT_EQ(*book->count(), 2u);
    EXPECT_TRUE(
        book->receive(delivery_of("re1re1re1re1re1re1re1a", "alice@a.test", card_of({"FN:L"})),
                      "cards.a.test")
            ->duplicate);
}

TEST(BookStore, ATransactionThatFailsLeavesNothing) {
    auto book = open_test_book();
    const Status failed = book->transaction([&]() -> Status {
        must(book->add(card_of({"FN:Temporary"}), Origin::user("add")));
        return make_error("stop");
    });
    EXPECT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().message, "stop");
    EXPECT_EQ(*book->count(), 0u);
}

TEST(BookStore, ChangesFromOneSourceAreUndoneTogetherExceptWhereChangedSince) {
    auto book = open_test_book();
    const auto mine = must(book->add(card_of({"FN:Alice", "TEL:+49 30 1234567"}), kImport));
    const auto later = must(book->add(card_of({"FN:Carol", "TEL:+49 30 7654321"}), kImport));
    const Origin restore = Origin::file("backup AAAAAAAAAAAAAAAAAAAAAA", 1);
    must(book->merge(card_of({"FN:Alice", "TEL:+49 30 1234567", "EMAIL:a@example.org"}), restore));
    must(book->merge(card_of({"FN:Carol", "TEL:+49 30 7654321", "EMAIL:c@example.org"}), restore));
    const auto added = must(book->merge(card_of({"FN:Bob", "TEL:+49 30 5555555"}), restore));
    must(book->replace(later.contact, card_of({"FN:Carol Edited", "TEL:+49 30 7654321"}),
                       Origin::user("edit")));

    EXPECT_EQ(must(book->undo_source("import of backup AAAAAAAAAAAAAAAAAAAAAA,")), 2u);
    EXPECT_TRUE(emails_of(must(book->contact(mine.contact)).card).empty()) << "merge undone";
    EXPECT_FALSE(book->contact(added.contact).ok()) << "the restored contact is gone";
    EXPECT_EQ(must(book->contact(later.contact)).card.formatted_name(), "Carol Edited")
        << "changed since the restore: kept";
    EXPECT_EQ(must(book->undo_source("import of backup AAAAAAAAAAAAAAAAAAAAAA,")), 0u);
}

}  // namespace
}  // namespace cardex::testing
