#include "tests/integration/bad_requests.hpp"

#include <array>

#include "core/protocol/delivery.hpp"
#include "core/protocol/syntax.hpp"
#include "core/xmpp/namespaces.hpp"
#include "tests/integration/card_client.hpp"

namespace cardex::testing {

using protocol::ErrorCondition;
using xmpp::ErrorType;
using xmpp::IqType;

xml::Element bizcard(const std::string& name) {
    return xml::Element(name, std::string(ns::kBizcard));
}

xml::Element ack_payload(const std::string& id, const std::string& status) {
    xml::Element e = bizcard("ack");
    e.set_attr("id", id).set_attr("status", status);
    return e;
}

xml::Element status_payload(const std::vector<std::string>& ids) {
    xml::Element e = bizcard("status");
    for (const auto& id : ids)
        e.add_child(bizcard("delivery")).set_attr("id", id);
    return e;
}

namespace {

xml::Element with_recipient(xml::Element submit, const std::string& jid) {
    submit.add_child(bizcard("recipient")).set_attr("jid", jid);
    return submit;
}

// <submit/> to bob@b.test holding `card` as the content of its <card/>.
xml::Element submit_with_card_content(std::vector<xml::Element> content) {
    xml::Element submit = with_recipient(bizcard("submit"), "bob@b.test");
    xml::Element& card = submit.add_child(bizcard("card"));
    for (auto& c : content)
        card.add_child(std::move(c));
    return submit;
}

xml::Element vcard_element(const vcard::Card& card) {
    return protocol::card_element(card).children.front();
}

// A card whose <vcard/> is about `bytes` long: the sample card plus NOTE properties.
vcard::Card card_of_size(std::size_t bytes) {
    vcard::Card card = test_card("Big Example", "urn:uuid:cardex-input-big");
    const std::size_t note_bytes = 4000;
    for (std::size_t size = 0; size < bytes; size += note_bytes + 40) {
        card.add(vcard::make_text("NOTE", std::string(note_bytes, 'x')));
    }
    return card;
}

BadRequest request(std::string user, IqType type, xml::Element payload, ExpectedError expected,
                   std::optional<std::uint64_t> max = std::nullopt) {
    return BadRequest{std::move(user), type, std::move(payload), std::move(expected), max, {}};
}

ExpectedError error(std::string condition, ErrorType type, std::optional<ErrorCondition> app,
                    std::vector<std::string> mentions) {
    ExpectedError e;
    e.condition = std::move(condition);
    e.type = type;
    e.application = app;
    e.mentions = std::move(mentions);
    return e;
}

ExpectedError invalid_recipient(const std::string& jid, const std::string& why) {
    ExpectedError e =
        error("jid-malformed", ErrorType::modify, ErrorCondition::invalid_recipient, {jid, why});
    e.jid = jid;
    return e;
}

ExpectedError invalid_card(std::vector<std::string> mentions) {
    return error("bad-request", ErrorType::modify, ErrorCondition::invalid_card,
                 std::move(mentions));
}

ExpectedError plain_bad_request(std::vector<std::string> mentions) {
    return error("bad-request", ErrorType::modify, std::nullopt, std::move(mentions));
}

using Cases = std::map<std::string, BadRequest>;

// Payloads the service does not implement, and known payloads in the wrong IQ type.
void add_unknown_and_misplaced(Cases& cases, const xml::Element& valid_submit) {
    auto unavailable = [](std::string what) {
        return error("service-unavailable", ErrorType::cancel, std::nullopt, {std::move(what)});
    };
    xml::Element other_ns = valid_submit;
    other_ns.ns = "urn:xmpp:bizcard:1";
    cases["SubmitInAnotherNamespace"] =
        request("ALICE", IqType::set, other_ns, unavailable("urn:xmpp:bizcard:1"));
    cases["UnknownProtocolElement"] =
        request("ALICE", IqType::set, bizcard("frobnicate"), unavailable("frobnicate"));
    cases["UnknownProtocolElementFromAnotherServer"] =
        request("BOB", IqType::get, bizcard("frobnicate"), unavailable("frobnicate"));

    const ExpectedError wrong_type = plain_bad_request({"get", "set", "type"});
    cases["SubmitInIqGet"] = request("ALICE", IqType::get, valid_submit, wrong_type);
    cases["AckInIqGet"] = request("BOB", IqType::get, ack_payload(kUnknownId, "saved"), wrong_type);
    cases["StatusInIqSet"] = request("ALICE", IqType::set, status_payload({}), wrong_type);
    cases["StatusInIqSetFromAnotherServer"] =
        request("BOB", IqType::set, status_payload({}), wrong_type);
    cases["SyncInIqGet"] = request("ALICE", IqType::get, bizcard("sync"), wrong_type);
}

// Submits with missing, malformed or too many recipients, or from a user of another server.
void add_recipient_problems(Cases& cases, const protocol::ServiceLimits& limits,
                            const vcard::Card& card) {
    xml::Element none = bizcard("submit");
    none.add_child(protocol::card_element(card));
    cases["SubmitWithoutRecipients"] =
        request("ALICE", IqType::set, none, plain_bad_request({"recipient"}));
    xml::Element no_jid = bizcard("submit");
    no_jid.add_child(bizcard("recipient"));
    no_jid.add_child(protocol::card_element(card));
    cases["RecipientWithoutJid"] =
        request("ALICE", IqType::set, no_jid, plain_bad_request({"jid"}));

    for (const auto& [name, jid, why] : std::vector<std::array<std::string, 3>>{
             {"RecipientWithoutLocalpart", "b.test", "localpart"},
             {"RecipientWithResource", "bob@b.test/laptop", "resource"},
             {"RecipientNotAJid", "bob@carol@b.test", "@"},
             {"RecipientWithSpace", "bob smith@b.test", "space"}}) {
        // The bad recipient comes after a good one: every recipient is checked.
        xml::Element submit = with_recipient(bizcard("submit"), "carol@a.test");
        submit = with_recipient(std::move(submit), jid);
        submit.add_child(protocol::card_element(card));
        cases[name] = request("ALICE", IqType::set, submit, invalid_recipient(jid, why));
    }

    xml::Element crowd = bizcard("submit");
    for (std::uint64_t i = 0; i <= limits.max_recipients; ++i) {
        crowd = with_recipient(std::move(crowd), "user" + std::to_string(i) + "@b.test");
    }
    crowd.add_child(protocol::card_element(card));
    cases["TooManyRecipients"] =
        request("ALICE", IqType::set, crowd,
                error("not-acceptable", ErrorType::modify, ErrorCondition::too_many_recipients,
                      {std::to_string(limits.max_recipients)}),
                limits.max_recipients);

    cases["SubmitFromAnotherServer"] = request(
        "BOB", IqType::set,
        submit_payload({"carol@a.test"}, test_card("Bob Example", "urn:uuid:cardex-input-bob")),
        error("forbidden", ErrorType::auth, ErrorCondition::not_local_user, {"a.test", "user"}));
}

// Submits whose card is too large or not one vCard with an FN.
void add_card_problems(Cases& cases, const protocol::ServiceLimits& limits,
                       const vcard::Card& card) {
    // Just over the service's limit, but within what the servers carry.
    const std::uint64_t too_large = limits.max_card_bytes + 2000;
    cases["CardTooLarge"] =
        request("ALICE", IqType::set, submit_payload({"bob@b.test"}, card_of_size(too_large)),
                error("not-acceptable", ErrorType::modify, ErrorCondition::card_too_large,
                      {std::to_string(limits.max_card_bytes)}),
                limits.max_card_bytes);
    if (too_large + 4096 > kServerStanzaLimit) {
        cases["CardTooLarge"].unsendable =
            "max-card-bytes " + std::to_string(limits.max_card_bytes) +
            " leaves no room for a larger card within the servers' stanza limit (" +
            std::to_string(kServerStanzaLimit) + " bytes)";
    }

    vcard::Card no_fn = card;
    no_fn.remove("FN");
    cases["CardWithoutFn"] = request("ALICE", IqType::set, submit_payload({"bob@b.test"}, no_fn),
                                     invalid_card({"FN", "formatted name"}));
    xml::Element temp("vCard", "vcard-temp");
    temp.add_text_child("FN", "vcard-temp", "Alice Example");
    cases["CardInVcardTempFormat"] = request("ALICE", IqType::set, submit_with_card_content({temp}),
                                             invalid_card({"vcard-temp"}));
    xml::Element junk("garbage", "urn:example:junk");
    junk.add_text_child("more", "urn:example:junk", "nonsense");
    cases["CardWithGarbageChildren"] =
        request("ALICE", IqType::set, submit_with_card_content({junk}), invalid_card({"garbage"}));
    cases["CardWithTwoVcards"] =
        request("ALICE", IqType::set,
                submit_with_card_content(
                    {vcard_element(card),
                     vcard_element(test_card("Eve Example", "urn:uuid:cardex-input-eve"))}),
                invalid_card({"2", "two", "one"}));
    cases["EmptyCard"] =
        request("ALICE", IqType::set, submit_with_card_content({}), invalid_card({"vcard"}));
}

// Acks, status queries and syncs that are malformed or name deliveries nobody made.
void add_ack_status_sync_problems(Cases& cases) {
    const ExpectedError unknown =
        error("item-not-found", ErrorType::cancel, ErrorCondition::unknown_delivery, {kUnknownId});
    cases["AckForUnknownDelivery"] =
        request("ALICE", IqType::set, ack_payload(kUnknownId, "saved"), unknown);
    cases["AckForUnknownDeliveryFromAnotherServer"] =
        request("BOB", IqType::set, ack_payload(kUnknownId, "rejected"), unknown);
    cases["AckWithInvalidStatus"] = request("BOB", IqType::set, ack_payload(kUnknownId, "maybe"),
                                            plain_bad_request({"status"}));
    cases["AckWithMalformedId"] =
        request("BOB", IqType::set, ack_payload("not an id!", "saved"), plain_bad_request({"id"}));

    cases["StatusWithMalformedId"] =
        request("ALICE", IqType::get, status_payload({"x"}), plain_bad_request({"id"}));
    cases["StatusWithTooManyIds"] =
        request("BOB", IqType::get, status_payload(std::vector<std::string>(101, kUnknownId)),
                plain_bad_request({"100"}));

    xml::Element sync = bizcard("sync");
    sync.add_child(bizcard("junk"));
    cases["SyncHoldingAProtocolElement"] =
        request("ALICE", IqType::set, sync, plain_bad_request({"junk"}));
}

}  // namespace

std::map<std::string, BadRequest> bad_requests(const protocol::ServiceLimits& limits) {
    const vcard::Card card = test_card("Alice Example", "urn:uuid:cardex-input-alice");
    Cases cases;
    add_unknown_and_misplaced(cases, submit_payload({"bob@b.test"}, card));
    add_recipient_problems(cases, limits, card);
    add_card_problems(cases, limits, card);
    add_ack_status_sync_problems(cases);
    return cases;
}

std::vector<std::string> bad_request_names() {
    std::vector<std::string> names;
    for (const auto& [name, unused] : bad_requests(protocol::ServiceLimits{}))
        names.push_back(name);
    return names;
}

}  // namespace cardex::testing
