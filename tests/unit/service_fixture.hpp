// A card service wired to the fakes of service_test_support.hpp, with helpers to feed it
// stanzas and read what it sent.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "component/service/card_service.hpp"
#include "core/protocol/service_messages.hpp"
#include "core/protocol/sets.hpp"
#include "core/xml/parser.hpp"
#include "core/xmpp/namespaces.hpp"
#include "tests/unit/service_test_support.hpp"

namespace cardex::component::testing {

inline constexpr std::string_view kCard =
    "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'>"
    "<uid><uri>urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1</uri></uid>"
    "<fn><text>Alice Example</text></fn>"
    "<tel><uri>tel:+49-30-1234567</uri></tel></vcard>";

class ServiceFixture : public ::testing::Test {
  protected:
    static constexpr protocol::Timestamp kStart{std::chrono::milliseconds(1'795'000'000'000)};

    ServiceFixture() : clock(kStart), store(policy()) {
        settings.identity = {"cards.a.test", "Cards", "1.2.3"};
        settings.requests.local_domains = {"a.test"};
        settings.requests.min_sync_interval = std::chrono::seconds(60);
        settings.courier.scan_interval = std::chrono::milliseconds(1000);
    }

    static store::RetryPolicy policy() {
        store::RetryPolicy p;
        p.jitter = 0;
        return p;
    }

    // Built on first use, so that a test can change `settings` first.
    CardService& service() {
        if (!service_) {
            service_ =
                std::make_unique<CardService>(channel, store, clock, settings, null_logger());
            service_->link_up();
            settle();
        }
        return *service_;
    }

    // A new service over the same store (what a restart of cardexd keeps).
    void restart_service() {
        service_.reset();
        channel.sent.clear();
    }

    // Completes store requests and timers due now, until nothing is left to do.
    void settle() {
        while (store.settle() || clock.run_due()) {
        }
    }
    void advance(std::chrono::milliseconds by) {
        service();
        clock.advance_to(clock.now() + by, [this] { settle(); });
        settle();
    }

    void receive(std::string_view text) {
        auto stanza = xml::parse_document(text, {}, ns::kComponentAccept);
        ASSERT_TRUE(stanza.ok()) << stanza.error().message;
        service().handle(*stanza);
        settle();
    }

    // The reply to the IQ with this id (fails the test if there is none).
    xmpp::Iq reply_to(std::string_view id) {
        for (const auto& s : channel.sent) {
            if (s.name == "iq" && s.attr_or_empty("id") == id) {
                auto iq = xmpp::parse_iq(s);
                EXPECT_TRUE(iq.ok()) << iq.error().message;
                if (iq) return *iq;
            }
        }
        ADD_FAILURE() << "no reply to IQ " << id;
        return {};
    }
    std::string app_condition(const xmpp::Iq& reply) {
        if (!reply.error || !reply.error->application) return "";
        return reply.error->application->name;
    }

    std::vector<protocol::DeliveryMessage> copies() {
        std::vector<protocol::DeliveryMessage> out;
        for (const auto& s : channel.sent) {
            if (s.name != "message" || s.child("card", ns::kBizcard) == nullptr) continue;
            auto m = protocol::parse_delivery_message(s);
            EXPECT_TRUE(m.ok()) << m.error().message;
            if (m) out.push_back(*m);
        }
        return out;
    }
    // Each receipt sent, with the envelope of its message.
    std::vector<protocol::ReceiptOf> receipts() {
        std::vector<protocol::ReceiptOf> out;
        for (const auto& s : channel.sent) {
            if (s.name != "message" || s.child("receipt", ns::kBizcard) == nullptr) continue;
            auto m = protocol::parse_receipt_message(s);
            EXPECT_TRUE(m.ok()) << m.error().message;
            if (!m) continue;
            for (auto& r : protocol::each_receipt(*m))
                out.push_back(std::move(r));
        }
        return out;
    }

    static std::string submit_iq(std::string_view id, std::string_view from,
                                 const std::vector<std::string>& recipients,
                                 std::string_view card = kCard) {
        std::string text = "<iq type='set' id='" + std::string(id) + "' from='" +
                           std::string(from) +
                           "' to='cards.a.test'><submit xmlns='urn:xmpp:bizcard:0'>";
        for (const auto& r : recipients)
            text += "<recipient jid='" + r + "'/>";
        return text + "<card>" + std::string(card) + "</card></submit></iq>";
    }
    static std::string ack_iq(std::string_view id, std::string_view from, std::string_view delivery,
                              std::string_view status = "saved", std::string_view reason = "") {
        std::string text = "<iq type='set' id='" + std::string(id) + "' from='" +
                           std::string(from) +
                           "' to='cards.a.test'><ack xmlns='urn:xmpp:bizcard:0' id='" +
                           std::string(delivery) + "' status='" + std::string(status) + "'>";
        if (!reason.empty()) text += "<reason>" + std::string(reason) + "</reason>";
        return text + "</ack></iq>";
    }
    // An IQ of `type` with `payload` to the service.
    static std::string iq(std::string_view id, std::string_view type, std::string_view payload,
                          std::string_view from = "alice@a.test/phone") {
        return "<iq type='" + std::string(type) + "' id='" + std::string(id) + "' from='" +
               std::string(from) + "' to='cards.a.test'>" + std::string(payload) + "</iq>";
    }
    // Publishes `card` as set `name` and returns the version the service gave (0 if refused).
    std::uint64_t publish_set(std::string_view name, std::string_view card,
                              std::string_view from = "alice@a.test/phone") {
        const std::string id = "pub" + std::to_string(++counter_);
        receive(iq(id, "set",
                   "<publish xmlns='urn:xmpp:bizcard:0' name='" + std::string(name) + "'><card>" +
                       std::string(card) + "</card></publish>",
                   from));
        auto reply = reply_to(id);
        EXPECT_EQ(reply.type, xmpp::IqType::result) << (reply.error ? reply.error->text : "");
        if (reply.type != xmpp::IqType::result) return 0;
        auto published = protocol::parse_published(*reply.payload);
        EXPECT_TRUE(published.ok());
        return published ? published->version : 0;
    }
    // A <sync/>, with form='`form`' if one is given.
    static std::string sync_iq(std::string_view id, std::string_view from,
                               std::string_view form = "") {
        const std::string attr = form.empty() ? "" : " form='" + std::string(form) + "'";
        return "<iq type='set' id='" + std::string(id) + "' from='" + std::string(from) +
               "' to='cards.a.test'><sync xmlns='urn:xmpp:bizcard:0'" + attr + "/></iq>";
    }

    // Submits the default card and returns the delivery ids (in recipient order).
    std::vector<std::string> submit(const std::vector<std::string>& recipients,
                                    std::string_view from = "alice@a.test/phone") {
        const std::string id = "sub" + std::to_string(++counter_);
        receive(submit_iq(id, from, recipients));
        const auto reply = reply_to(id);
        std::vector<std::string> ids;
        if (reply.type != xmpp::IqType::result) {
            ADD_FAILURE() << "submit failed: " << (reply.error ? reply.error->text : "");
            return ids;
        }
        auto submitted = protocol::parse_submitted(*reply.payload);
        EXPECT_TRUE(submitted.ok());
        for (const auto& d : submitted->deliveries)
            ids.push_back(d.id);
        return ids;
    }

    std::vector<protocol::DeliveryStatus> status_of(const std::string& sender) {
        return store.direct().status(sender, {});
    }
    protocol::DeliveryStatus status_of_delivery(const std::string& sender, const std::string& id) {
        auto found = store.direct().status(sender, {id});
        EXPECT_EQ(found.size(), 1u);
        return found.empty() ? protocol::DeliveryStatus{} : found.front();
    }

    RecordingChannel channel;
    FakeClock clock;
    InlineStore store;
    ServiceSettings settings;

  private:
    std::unique_ptr<CardService> service_;
    int counter_ = 0;
};

}  // namespace cardex::component::testing
