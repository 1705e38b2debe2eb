// What `cardex sync` ends with: exit code 5 ("done, but some failed") and the number of cards
// still waiting at the service when the book could save only some of the cards that came,
// 1 when a sync failed, 0 when every card was saved.
#include <gtest/gtest.h>

#include <sstream>

#include "client/cli/sync_report.hpp"

namespace cardex::cli {
namespace {

using client::exchange::SyncOutcome;

SyncOutcome synced(const std::string& service, std::size_t cards, std::size_t unsaved) {
    SyncOutcome o;
    o.service = service;
    o.pending = cards;
    o.copies = cards;
    o.unsaved = unsaved;
    o.answered = true;
    return o;
}

struct Report {
    int code;
    std::string out;
    std::string err;
};

Report report(const std::vector<SyncOutcome>& outcomes) {
    std::ostringstream out;
    std::ostringstream err;
    Context ctx(out, err);
    const int code = report_sync(ctx, outcomes);
    return {code, out.str(), err.str()};
}

TEST(CardexSyncReport, CardsTheBookCouldNotSaveMakeItExitFiveAndSayWhereTheyWait) {
    const auto r = report({synced("cards.a.test", 3, 1), synced("cards.b.test", 2, 0)});
    EXPECT_EQ(r.code, 5);
    EXPECT_EQ(r.err,
              "cardex: 1 card from cards.a.test could not be saved and still waits there (not "
              "acknowledged: the service sends it again at the next sync).\n");
    EXPECT_NE(r.out.find("Synced with cards.a.test: "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Synced with cards.b.test: "), std::string::npos) << r.out;
}

TEST(CardexSyncReport, EveryCardSavedIsSuccess) {
    const auto r = report({synced("cards.a.test", 3, 0)});
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.err, "");
}

TEST(CardexSyncReport, AFailedSyncIsAFailureEvenWhenCardsWereAlsoLeftUnsaved) {
    auto failed = synced("cards.b.test", 0, 0);
    failed.error = "no answer";
    const auto r = report({synced("cards.a.test", 2, 2), failed});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("cardex: sync with cards.b.test failed: no answer\n"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("cardex: 2 cards from cards.a.test could not be saved"), std::string::npos)
        << r.err;
}

}  // namespace
}  // namespace cardex::cli
