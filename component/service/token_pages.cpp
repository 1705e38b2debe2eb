#include "component/service/token_pages.hpp"

#include <future>
#include <memory>

#include "component/service/ids.hpp"
#include "core/protocol/syntax.hpp"
#include "core/vcard/writer.hpp"

namespace cardex::component {
namespace {

using namespace std::chrono_literals;
using web::PageOutcome;
using web::ReplyOutcome;

constexpr auto kWait = 10s;

std::string requester(const std::string& address) {
    return "web " + address;
}

// An address is counted like a domain, not like a person: everyone on a venue's or a mobile
// operator's network shares one, and one of them must not lock the others out.
bool over_limit(store::TokenStore& tokens, const std::string& who, protocol::Timestamp now,
                const TokenPolicy& policy) {
    return tokens.failures(who, now - policy.failure_window) >= policy.failures_allowed_per_domain;
}

// The token and its set's card, when the token can be used at `now`; else a failure recorded.
struct Found {
    store::StoredToken token;
    store::StoredSet set;
};
std::optional<Found> usable(store::Stores& s, const std::string& value, const std::string& who,
                            protocol::Timestamp now) {
    auto token = s.tokens.find(value, now);
    std::optional<store::StoredSet> set;
    if (token && token->uses_left > 0) set = s.sets.find(token->owner, token->set);
    if (!set) {
        s.tokens.record_failure(who, now);
        return std::nullopt;
    }
    return Found{std::move(*token), std::move(*set)};
}

}  // namespace

ServiceTokenPages::ServiceTokenPages(Post post, store::StoreExecutor& store, Courier& courier,
                                     Clock& clock, TokenPolicy policy)
    : post_(std::move(post)),
      store_(store),
      courier_(courier),
      clock_(clock),
      policy_(std::move(policy)) {}

template <class T>
T ServiceTokenPages::on_service_thread(std::function<void(std::function<void(T)>)> work,
                                       T timed_out) {
    auto promise = std::make_shared<std::promise<T>>();
    auto future = promise->get_future();
    post_([work = std::move(work), promise] {
        work([promise](T value) { promise->set_value(std::move(value)); });
    });
    if (future.wait_for(kWait) != std::future_status::ready) return timed_out;
    try {
        return future.get();
    } catch (const std::future_error&) {  // the service stopped before it answered
        return timed_out;
    }
}

PageOutcome ServiceTokenPages::page(const std::string& token, const std::string& address) {
    using Kind = PageOutcome::Kind;
    struct Lookup {
        Kind kind = Kind::invalid;
        std::optional<Found> found;
    };
    return on_service_thread<PageOutcome>(
        [this, token, who = requester(address)](std::function<void(PageOutcome)> done) {
            store_.run<Lookup>(
                [token, who, now = clock_.now(), policy = policy_](store::Stores& s) {
                    if (over_limit(s.tokens, who, now, policy)) return Lookup{Kind::limited, {}};
                    auto found = usable(s, token, who, now);
                    return Lookup{found ? Kind::shown : Kind::invalid, std::move(found)};
                },
                [this, done](Result<Lookup> lookup) {
                    PageOutcome outcome;
                    if (!lookup) {
                        outcome.kind = Kind::unavailable;
                        return done(outcome);
                    }
                    outcome.kind = lookup->kind;
                    if (lookup->found) {
                        auto card = protocol::card_from_vcard_text(lookup->found->set.xml);
                        if (!card) {
                            outcome.kind = Kind::unavailable;
                            return done(outcome);
                        }
                        outcome.page = {
                            std::move(*card), lookup->found->token.value,
                            protocol::token_uri(policy_.service, lookup->found->token.value),
                            lookup->found->token.web_replies};
                    }
                    done(std::move(outcome));
                });
        },
        PageOutcome{Kind::unavailable, {}});
}

ReplyOutcome ServiceTokenPages::reply(const std::string& token, const std::string& address,
                                      const vcard::Card& card) {
    using Kind = ReplyOutcome::Kind;
    // Stored like a submitted card: its <vcard/> in canonical form.
    const std::string xml = protocol::canonical_form(vcard::card_to_xml(card));
    if (xml.size() > policy_.max_card_bytes) {
        return {Kind::refused, "", "The card is too large; please shorten the note."};
    }
    struct Sending {
        ReplyOutcome outcome;
        std::shared_ptr<store::NewCard> card;
    };
    return on_service_thread<ReplyOutcome>(
        [this, token, card, xml, who = requester(address)](std::function<void(ReplyOutcome)> done) {
            const auto now = clock_.now();
            auto sent = std::make_shared<store::NewCard>(
                store::NewCard{policy_.service.bare_str(),
                               now,
                               xml,
                               {},
                               std::nullopt,
                               content_digest(xml),
                               {std::nullopt, std::nullopt, protocol::Via::web}});
            store_.run<Sending>(
                [token, who, now, sent, policy = policy_](store::Stores& s) -> Sending {
                    if (over_limit(s.tokens, who, now, policy))
                        return {{Kind::limited, "", ""}, {}};
                    auto found = usable(s, token, who, now);
                    if (!found) return {{Kind::invalid, "", ""}, {}};
                    if (!found->token.web_replies) return {{Kind::not_offered, "", ""}, {}};
                    sent->deliveries = {{delivery_id(), found->token.owner}};
                    auto added =
                        s.deliveries.add_card(*sent, policy.max_pending_per_recipient, now);
                    if (added.over_quota) {
                        return {{Kind::refused, "",
                                 "The owner of this code has too many cards waiting; please try "
                                 "again later."},
                                {}};
                    }
                    if (!s.tokens.consume(token, {who + " " + sent->deliveries.front().id, now,
                                                  sent->deliveries.front().id})) {
                        throw std::runtime_error("the token's last use was taken meanwhile");
                    }
                    auto owner_card = protocol::card_from_vcard_text(found->set.xml);
                    return {{Kind::sent,
                             owner_card ? owner_card->formatted_name() : found->token.owner, ""},
                            sent};
                },
                [this, done, card](Result<Sending> sending) {
                    if (!sending) return done({Kind::unavailable, "", ""});
                    if (sending->card) courier_.deliver(*sending->card, card);
                    done(sending->outcome);
                });
        },
        ReplyOutcome{Kind::unavailable, "", ""});
}

}  // namespace cardex::component
