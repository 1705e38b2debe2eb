// End to end: cardexd attached to real Prosody (a.test) and real ejabberd (b.test), reached by
// real logged-in users over TLS, locally and across server-to-server federation.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "core/xmpp/disco.hpp"
#include "core/xmpp/namespaces.hpp"
#include "tests/integration/federation_env.hpp"

namespace cardex::testing {
namespace {

using namespace std::chrono_literals;

// Asks `service` for disco#info as `user`; the parsed answer or why there is none.
Result<xmpp::DiscoInfo> disco_as(const std::string& user, const std::string& service) {
    client::Session session(Federation::get().account(user));
    if (auto ok = session.connect(); !ok) return ok.error();
    xmpp::Iq iq;
    iq.type = xmpp::IqType::get;
    iq.to = *xmpp::Jid::parse(service);
    iq.payload = xmpp::disco_info_query();
    auto reply = session.request(iq, 20s);
    if (!reply) return reply.error();
    if (reply->type != xmpp::IqType::result || !reply->payload) {
        return make_error(service + " answered " +
                          (reply->error ? reply->error->condition : "nothing"));
    }
    return xmpp::parse_disco_info(*reply->payload);
}

void expect_card_service(const std::string& user, const std::string& service) {
    auto info = disco_as(user, service);
    ASSERT_TRUE(info.ok()) << user << " -> " << service << ": " << info.error().message;
    EXPECT_TRUE(info->has_feature(ns::kBizcard));
    ASSERT_FALSE(info->identities.empty());
    EXPECT_EQ(info->identities[0].category, "component");
}

std::string pid_of_component(const std::string& side) {
    std::ifstream in(Federation::get().var("FEDERATION_DIR") + "/cardexd-" + side + ".pid");
    std::string pid;
    std::getline(in, pid);
    return pid;
}

// After a server restart the component must come back on its own; poll until it answers.
void expect_reconnects_after_restart(const std::string& side, const std::string& user,
                                     const std::string& service) {
    const std::string pid_before = pid_of_component(side);
    ASSERT_FALSE(pid_before.empty()) << "cardexd-" << side << ".pid missing";
    ASSERT_EQ(Federation::get().script("restart " + side), 0);
    Result<xmpp::DiscoInfo> info = make_error("never asked");
    const auto deadline = std::chrono::steady_clock::now() + 90s;
    while (std::chrono::steady_clock::now() < deadline) {
        info = disco_as(user, service);
        if (info.ok()) break;
        std::this_thread::sleep_for(500ms);
    }
    ASSERT_TRUE(info.ok()) << service << " did not come back: " << info.error().message;
    EXPECT_TRUE(info->has_feature(ns::kBizcard));
    EXPECT_EQ(pid_of_component(side), pid_before)
        << "cardexd was restarted instead of reconnecting";
}

TEST(ComponentOnProsody, AnswersALocalUser) {
    expect_card_service("ALICE", Federation::get().var("A_SERVICE"));
}

TEST(ComponentOnEjabberd, AnswersALocalUser) {
    expect_card_service("BOB", Federation::get().var("B_SERVICE"));
}

TEST(Federation, UserOnProsodyReachesComponentOnEjabberd) {
    expect_card_service("ALICE", Federation::get().var("B_SERVICE"));
}

TEST(Federation, UserOnEjabberdReachesComponentOnProsody) {
    expect_card_service("DAVE", Federation::get().var("A_SERVICE"));
}

TEST(Federation, UnknownRequestAcrossServersGetsServiceUnavailable) {
    client::Session session(Federation::get().account("CAROL"));
    ASSERT_TRUE(session.connect().ok()) << session.last_error();
    xmpp::Iq iq;
    iq.type = xmpp::IqType::set;
    iq.to = *xmpp::Jid::parse(Federation::get().var("B_SERVICE"));
    iq.payload = xml::Element("nothing-like-this", "urn:example:unknown");
    auto reply = session.request(iq, 20s);
    ASSERT_TRUE(reply.ok()) << reply.error().message;
    ASSERT_EQ(reply->type, xmpp::IqType::error);
    EXPECT_EQ(reply->error->condition, "service-unavailable");
}

TEST(Tls, ServerCertificateIsVerifiedAgainstTheGivenCa) {
    auto config = Federation::get().account("ALICE");
    {
        client::Session with_right_ca(config);
        ASSERT_TRUE(with_right_ca.connect().ok()) << with_right_ca.last_error();
    }
    const std::string wrong_ca = ::testing::TempDir() + "/empty-ca.pem";
    std::ofstream(wrong_ca) << "";
    config.ca_file = wrong_ca;
    config.connect_timeout = 10s;
    client::Session session(config);
    EXPECT_FALSE(session.connect().ok())
        << "logged in although the CA does not vouch for the server";
}

TEST(Login, WrongPasswordIsRefused) {
    auto config = Federation::get().account("BOB");
    config.password = "not-" + config.password;
    client::Session session(config);
    EXPECT_FALSE(session.connect().ok());
}

TEST(Reconnect, ComponentComesBackAfterProsodyRestarts) {
    expect_reconnects_after_restart("a", "ALICE", Federation::get().var("A_SERVICE"));
}

TEST(Reconnect, ComponentComesBackAfterEjabberdRestarts) {
    expect_reconnects_after_restart("b", "BOB", Federation::get().var("B_SERVICE"));
}

}  // namespace
}  // namespace cardex::testing
