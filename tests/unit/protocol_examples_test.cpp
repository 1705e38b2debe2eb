// Every example of the protocol draft (xep-draft/bizcard.xml), read by the codecs.
//
// Each <example/> is wrapped in a root element and parsed as "jabber:client" stanzas. Every
// element of urn:xmpp:bizcard:0 that is a direct child of a stanza is parsed with the codec its
// context calls for (IQ get / set / result, or message), serialised again and compared with the
// original in canonical form. Error replies are mapped back to their ErrorCondition, whole
// deliver and receipt messages are rebuilt by the message builders, the service's disco#info
// by its codec, and the QR-code URI by the token URI codec.
//
// Canonical form, applied to both sides before comparing:
//   - character data that is only whitespace is dropped (indentation, and what remains of
//     comments such as <!-- the other properties -->);
//   - attributes are sorted by name;
//   - booleans ('follow', 'share', 'update') are written 'true'/'false' ('1'/'0' are the same
//     values), and an optional 'follow' or 'update' of 'false' is dropped (it is the default);
//   - timestamps are re-formatted, so '2026-11-20T09:30:00.000Z' equals '2026-11-20T09:30:00Z'.
// Fallback bodies are compared with the builder's, except where the draft's text cannot be
// derived from protocol data: the sender's name is taken from the example, the summary line is
// compared only for examples whose card is complete (no comment standing for left-out
// properties).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "client/backup/book_backup.hpp"
#include "core/protocol/fallback.hpp"
#include "core/protocol/messages.hpp"
#include "core/protocol/service_info.hpp"
#include "core/protocol/service_messages.hpp"
#include "core/xml/parser.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/namespaces.hpp"
#include "core/xmpp/stanza.hpp"

namespace cardex::protocol {
namespace {

// What the draft holds today; a change to the draft that adds or drops examples shows here.
constexpr std::size_t kExamples = 53;
constexpr std::size_t kStanzaPayloads = 63;   // bizcard elements that are children of stanzas
constexpr std::size_t kErrorConditions = 19;  // bizcard conditions inside <error/>
constexpr std::size_t kDeliveryMessages = 7;
constexpr std::size_t kReceiptMessages = 2;

const xml::ParseLimits kGenerous{16u << 20, 256, true};

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool is_boolean_attr(std::string_view name) {
    return name == "follow" || name == "share" || name == "update" || name == "accepts-card";
}

bool is_timestamp_attr(std::string_view name) {
    return name == "stamp" || name == "created" || name == "updated" || name == "expires" ||
           name == "retry-after";
}

void canonicalise(xml::Element& e) {
    if (is_blank(e.text)) e.text.clear();
    for (auto& a : e.attributes) {
        if (is_boolean_attr(a.name)) {
            if (a.value == "1") a.value = "true";
            if (a.value == "0") a.value = "false";
        }
        if (is_timestamp_attr(a.name)) {
            if (auto stamp = parse_timestamp(a.value)) a.value = format_timestamp(*stamp);
        }
    }
    std::erase_if(e.attributes, [](const xml::Attribute& a) {
        return (a.name == "follow" || a.name == "update") && a.value == "false";
    });
    std::sort(e.attributes.begin(), e.attributes.end(),
              [](const auto& l, const auto& r) { return l.name < r.name; });
    for (auto& c : e.children)
        canonicalise(c);
}

xml::Element canonical(xml::Element e) {
    canonicalise(e);
    return e;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void collect_examples(const xml::Element& e, std::vector<const xml::Element*>& out) {
    if (e.name == "example") out.push_back(&e);
    for (const auto& c : e.children)
        collect_examples(c, out);
}

std::vector<std::string> lines(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find('\n', start);
        out.emplace_back(text.substr(start, end - start));
        if (end == std::string_view::npos) return out;
        start = end + 1;
    }
}

struct Walk {
    std::vector<std::string> failures;
    std::size_t examples = 0;
    std::size_t stanza_payloads = 0;
    std::size_t error_conditions = 0;
    std::size_t delivery_messages = 0;
    std::size_t receipt_messages = 0;
    std::size_t service_infos = 0;
    std::size_t token_uris = 0;
    std::size_t backup_plaintexts = 0;
    std::set<std::size_t> payload_kinds;
    std::set<ErrorCondition> conditions;
    std::map<std::string, Timestamp> created;  // delivery id -> created, from status results
    std::vector<std::pair<std::string, ReceiptMessage>> receipts;  // caption, message
};

class DraftWalker {
  public:
    Walk run() {
        const std::string path = std::string(CARDEX_XEP_DIR) + "/bizcard.xml";
        auto draft = xml::parse_document(read_file(path), kGenerous);
        if (!draft) {
            walk_.failures.push_back(path + ": " + draft.error().message);
            return std::move(walk_);
        }
        std::vector<const xml::Element*> examples;
        collect_examples(*draft, examples);
        walk_.examples = examples.size();
        for (const xml::Element* example : examples)
            read_example(*example);
        check_receipt_bodies();
        return std::move(walk_);
    }

  private:
    void fail(const std::string& what) { walk_.failures.push_back(caption_ + ": " + what); }

    void expect_same(const xml::Element& original, const xml::Element& serialised,
                     std::string_view what) {
        const xml::Element want = canonical(original);
        const xml::Element got = canonical(serialised);
        if (want == got) return;
        fail(std::string(what) + " does not serialise back to the draft's form\n  draft: " +
             xml::to_string(want) + "\n  codec: " + xml::to_string(got));
    }

    void read_example(const xml::Element& example) {
        caption_ = "example '" + std::string(example.attr_or_empty("caption")) + "'";
        complete_ = example.text.find("<!--") == std::string::npos;
        auto wrapped = xml::parse_document("<examples>" + example.text + "</examples>", kGenerous,
                                           ns::kClient);
        if (!wrapped) return fail("does not parse: " + wrapped.error().message);
        if (wrapped->children.empty()) return read_uri(wrapped->text);
        for (const auto& stanza : wrapped->children) {
            if (stanza.name == "iq") {
                read_iq(stanza);
            } else if (stanza.name == "message") {
                read_message(stanza);
            } else if (stanza.name == "error") {
                read_error(stanza);
            } else if (stanza.name == "vcards") {
                read_backup_plaintext(stanza);
            } else {
                fail("unexpected top-level <" + stanza.name + "/>");
            }
        }
    }

    // The plaintext of a backup: cards with X-CARDEX-PROVENANCE, as the client reads them.
    void read_backup_plaintext(const xml::Element& vcards) {
        auto cards = client::backup::read_plaintext(xml::to_string(vcards));
        if (!cards) return fail(cards.error().message);
        for (const auto& card : *cards) {
            const auto* provenance = card.first(client::backup::kProvenanceProperty);
            if (provenance == nullptr || provenance->param("X-KIND") == nullptr)
                return fail("a card without its provenance");
        }
        ++walk_.backup_plaintexts;
    }

    void read_uri(std::string_view text) {
        const auto start = text.find_first_not_of(" \t\r\n");
        const auto end = text.find_last_not_of(" \t\r\n");
        const std::string uri(text.substr(start, end - start + 1));
        auto parsed = parse_token_uri(uri);
        if (!parsed) return fail(parsed.error().message);
        if (token_uri(parsed->service, parsed->token) != uri) fail("token URI does not round-trip");
        ++walk_.token_uris;
    }

    void read_iq(const xml::Element& stanza) {
        auto iq = xmpp::parse_iq(stanza);
        if (!iq) return fail(iq.error().message);
        if (iq->type == xmpp::IqType::error) {
            for (const auto& c : stanza.children) {
                if (c.name == "error") read_error(c);
            }
            return;
        }
        if (!iq->payload) return;  // an empty result
        const xml::Element& payload = *iq->payload;
        if (payload.ns == ns::kDiscoInfo) return read_disco(payload);
        if (payload.ns != ns::kBizcard) return;
        const Context context = iq->type == xmpp::IqType::get   ? Context::iq_get
                                : iq->type == xmpp::IqType::set ? Context::iq_set
                                                                : Context::iq_result;
        read_payload(payload, context);
    }

    void read_payload(const xml::Element& payload, Context context) {
        ++walk_.stanza_payloads;
        auto parsed = parse_payload(payload, context);
        if (!parsed) return fail(parsed.error().message);
        walk_.payload_kinds.insert(parsed->index());
        if (context_of(*parsed) != context) fail("context_of disagrees with the stanza");
        const xml::Element serialised = serialize(*parsed);
        expect_same(payload, serialised, "<" + payload.name + "/>");
        auto again = parse_payload(serialised, context);
        if (!again || !(*again == *parsed)) fail("<" + payload.name + "/> does not round-trip");
        if (const auto* status = std::get_if<StatusResult>(&*parsed)) {
            for (const auto& d : status->deliveries)
                walk_.created[d.id] = d.created;
        }
    }

    void read_message(const xml::Element& stanza) {
        for (const auto& c : stanza.children) {
            if (c.ns == ns::kBizcard) read_payload(c, Context::message);
        }
        if (stanza.child("card", ns::kBizcard) != nullptr) {
            auto message = parse_delivery_message(stanza);
            if (!message) return fail(message.error().message);
            ++walk_.delivery_messages;
            expect_same(stanza, build_message(*message, ns::kClient), "deliver <message/>");
            check_delivery_body(*message);
        } else if (stanza.child("receipt", ns::kBizcard) != nullptr) {
            auto message = parse_receipt_message(stanza);
            if (!message) return fail(message.error().message);
            ++walk_.receipt_messages;
            expect_same(stanza, build_message(*message, ns::kClient), "receipt <message/>");
            walk_.receipts.emplace_back(caption_, *message);
        }
    }

    void check_delivery_body(const DeliveryMessage& message) {
        // The service names the sender by JID alone (the card need not be the sender's own).
        const auto draft = lines(message.envelope.body);
        const std::string jid = message.delivery.from.bare_str() + " ";
        if (draft.size() < 3 || draft.front().rfind(jid, 0) != 0) {
            return fail(
                "the body is not three lines (four with a picture of the card) starting "
                "with the sender's JID");
        }
        auto ours = lines(delivery_body(message.delivery, ""));
        // The summary (line 2) only when the example's card is complete enough to make it.
        bool same = ours.size() == draft.size();
        for (std::size_t i = 0; same && i < draft.size(); ++i) {
            if (i != 1 || complete_) same = ours[i] == draft[i];
        }
        if (!same)
            fail("fallback body differs:\n  draft: " + message.envelope.body +
                 "\n  ours:  " + delivery_body(message.delivery, ""));
    }

    void check_receipt_bodies() {
        for (const auto& [caption, message] : walk_.receipts) {
            caption_ = caption;
            // One line per receipt, in the order of the receipts.
            std::string ours;
            for (const auto& receipt : message.receipts) {
                const auto created = walk_.created.find(receipt.id);
                if (created == walk_.created.end()) {
                    fail("no status example gives the creation time of " + receipt.id);
                    continue;
                }
                const std::chrono::seconds lifetime{ServiceLimits{}.card_lifetime_seconds};
                ours +=
                    (ours.empty() ? "" : "\n") + receipt_body(receipt, created->second, lifetime);
            }
            if (ours != message.envelope.body) {
                fail("receipt body differs:\n  draft: " + message.envelope.body +
                     "\n  ours:  " + ours);
            }
        }
    }

    void read_error(const xml::Element& error) {
        auto stanza_error = xmpp::parse_stanza_error(error);
        if (!stanza_error) return fail(stanza_error.error().message);
        if (!stanza_error->application) return;
        ++walk_.error_conditions;
        auto parsed = parse_protocol_error(*stanza_error);
        if (!parsed) return fail(parsed.error().message);
        walk_.conditions.insert(parsed->condition);
        xmpp::StanzaError back = to_stanza_error(*parsed);
        xmpp::StanzaError want = *stanza_error;
        want.application = canonical(*want.application);
        back.application = canonical(*back.application);
        if (!(back == want)) {
            fail("<" + std::string(to_string(parsed->condition)) + "/> does not round-trip");
        }
    }

    void read_disco(const xml::Element& query) {
        if (query.child("x", ns::kDataForms) == nullptr) return;  // not the card service
        auto info = parse_service_info(query);
        if (!info) return fail(info.error().message);
        ++walk_.service_infos;
        if (info->limits != ServiceLimits{}) fail("the draft's limits are not ServiceLimits{}");
        expect_same(query, serialize(*info), "disco#info <query/>");
    }

    Walk walk_;
    std::string caption_;
    bool complete_ = true;
};

const Walk& draft_walk() {
    static const Walk walk = DraftWalker().run();
    return walk;
}

std::string joined(const std::vector<std::string>& failures) {
    std::string out;
    for (const auto& f : failures)
        out += f + "\n";
    return out;
}

TEST(ProtocolExamples, EveryExampleParsesAndSerialisesBack) {
    const Walk& walk = draft_walk();
    EXPECT_TRUE(walk.failures.empty()) << walk.failures.size() << " problems:\n"
                                       << joined(walk.failures);
}

TEST(ProtocolExamples, CountsMatchTheDraft) {
    const Walk& walk = draft_walk();
    EXPECT_EQ(walk.examples, kExamples);
    EXPECT_EQ(walk.stanza_payloads, kStanzaPayloads);
    EXPECT_EQ(walk.error_conditions, kErrorConditions);
    // xep-draft/check-examples counts both kinds as payloads: "53 examples, 82 payloads valid".
    EXPECT_EQ(walk.stanza_payloads + walk.error_conditions, 82u);
    EXPECT_EQ(walk.delivery_messages, kDeliveryMessages);
    EXPECT_EQ(walk.receipt_messages, kReceiptMessages);
    EXPECT_EQ(walk.service_infos, 1u);
    EXPECT_EQ(walk.token_uris, 1u);
    EXPECT_EQ(walk.backup_plaintexts, 1u);
}

TEST(ProtocolExamples, EveryPayloadCodecIsExercised) {
    const Walk& walk = draft_walk();
    std::vector<std::size_t> missing;
    for (std::size_t i = 0; i < std::variant_size_v<Payload>; ++i) {
        if (walk.payload_kinds.count(i) == 0) missing.push_back(i);
    }
    EXPECT_TRUE(missing.empty()) << "Payload alternatives shown by no example: " << missing.size()
                                 << " (first index " << (missing.empty() ? 0 : missing[0]) << ")";
}

TEST(ProtocolExamples, EveryErrorConditionIsShown) {
    const Walk& walk = draft_walk();
    for (std::size_t i = 0; i < kErrorConditionCount; ++i) {
        const auto condition = static_cast<ErrorCondition>(i);
        EXPECT_EQ(walk.conditions.count(condition), 1u) << to_string(condition);
    }
}

}  // namespace
}  // namespace cardex::protocol
