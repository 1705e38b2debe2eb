// The /card subcommands about card sets, QR codes and the one-step exchange: set, qr,
// exchange (the URI alone previews whose card it is and lists the ways to go on; only those
// send anything). Requests go to the card services through the agent; answers are read with the
// protocol's codecs and shown when they come (tick() expires those that do not).
#include <chrono>

#include "client/exchange/card_exchange.hpp"
#include "client/exchange/card_size.hpp"
#include "client/exchange/set_choice.hpp"
#include "client/exchange/set_requests.hpp"
#include "client/exchange/web_code.hpp"
#include "client/profanity/card_plugin.hpp"
#include "client/profanity/card_text.hpp"
#include "client/qr/qr_text.hpp"
#include "client/ui/text_width.hpp"
#include "client/ui/token_text.hpp"

namespace cardex::profanity {
namespace {

protocol::Timestamp now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

template <class T>
using Reader = Result<exchange::ServiceReply<T>> (*)(const xmpp::Iq&);

// An answer handler: `then` with the value read by `read`, else `fail` with one sentence.
template <class T>
exchange::CardAgent::Answer reading(Reader<T> read, std::function<void(const std::string&)> fail,
                                    std::function<void(const T&)> then,
                                    const std::string& set = {}) {
    return [read, fail, then, set](Result<xmpp::Iq> answer) {
        if (!answer) return fail(answer.error().message);
        auto reply = read(*answer);
        if (!reply) return fail(reply.error().message);
        if (!reply->ok()) {
            return fail(
                client::ui::token_refusal_text(*reply->error, reply->protocol_error, now(), set));
        }
        then(*reply->value);
    };
}

std::string joined(const std::vector<std::string>& words, std::size_t from) {
    std::string out;
    for (std::size_t i = from; i < words.size(); ++i)
        out += (out.empty() ? "" : " ") + words[i];
    return out;
}

}  // namespace

void CardPlugin::card_set(const std::vector<std::string>& args) {
    const std::string usage =
        "/card set publish <name> [<contact>] | /card set list | /card set show <name> | "
        "/card set retract <name>";
    if (args.empty()) return report(usage);
    const std::string& sub = args.front();
    if (sub == "list") return list_sets();
    if (args.size() < 2) return report(usage);
    const std::string& name = args[1];
    if (!exchange::valid_set_name(name))
        return report("'" + name + "' is not a set name: 1 to 64 characters from a-z, 0-9 and '-'");
    if (sub == "publish") return publish_set(name, joined(args, 2));
    if (sub == "show") return show_set(name);
    if (sub == "retract") return retract_set(name);
    report(usage);
}

void CardPlugin::publish_set(const std::string& name, const std::string& contact_given) {
    if (contact_given.empty() && settings_.book.me.empty())
        return report("no card of your own yet: /card me <contact> chooses one, or name a contact");
    auto contact = contact_of(contact_given.empty() ? settings_.book.me : contact_given);
    if (!contact) return;
    vcard::Card card = contact->card;
    if (card.first("UID") == nullptr)
        card.add(vcard::Property{{}, "UID", {}, "text", {{contact->uid}}});
    const std::string person = client::ui::sanitize_for_terminal(card.formatted_name());
    with_home_service([this, name, card, person](const exchange::CardService& home) {
        if (auto fits = exchange::check_set_size(home.jid, home.info.limits, card); !fits)
            return report(fits.error().message);
        agent_->request(
            exchange::publish_request(home.jid, name, card),
            reading<protocol::Published>(
                &exchange::read_published, [this](const std::string& why) { report(why); },
                [this, person, home](const protocol::Published& p) {
                    host_.show({"cardex: published " + person + " as set " + p.name + ", version " +
                                std::to_string(p.version) + ", at " + home.jid.str() + "."});
                },
                name));
    });
}

void CardPlugin::list_sets() {
    with_home_service([this](const exchange::CardService& home) {
        agent_->request(
            exchange::sets_request(home.jid),
            reading<protocol::SetsResult>(
                &exchange::read_sets, [this](const std::string& why) { report(why); },
                [this](const protocol::SetsResult& r) {
                    if (r.sets.empty())
                        return host_.show({"cardex: no card sets yet (/card set publish <name>)."});
                    std::vector<std::string> lines{"cardex: your card sets:"};
                    for (const auto& s : r.sets) {
                        lines.push_back("  " + s.name + "  version " + std::to_string(s.version) +
                                        "  updated " +
                                        protocol::format_timestamp_for_people(s.updated));
                    }
                    host_.show(lines);
                }));
    });
}

void CardPlugin::show_set(const std::string& name) {
    with_home_service([this, name](const exchange::CardService& home) {
        agent_->request(exchange::set_request(home.jid, name),
                        reading<protocol::SetResult>(
                            &exchange::read_set, [this](const std::string& why) { report(why); },
                            [this](const protocol::SetResult& r) {
                                host_.show(card_lines(r.card, {"set " + r.name + ", version " +
                                                               std::to_string(r.version)}));
                            },
                            name));
    });
}

void CardPlugin::retract_set(const std::string& name) {
    with_home_service([this, name](const exchange::CardService& home) {
        agent_->request(
            exchange::retract_request(home.jid, name),
            reading<Ok>(
                &exchange::read_retracted, [this](const std::string& why) { report(why); },
                [this, name](const Ok&) {
                    host_.show(
                        {"cardex: retracted set " + name + "; its QR codes no longer work."});
                },
                name));
    });
}

void CardPlugin::show_qr(const std::vector<std::string>& args) {
    if (args.size() > 1) return report("/card qr [<set>]");
    const std::string given = args.empty() ? std::string() : args.front();
    if (!given.empty() && !exchange::valid_set_name(given))
        return report("'" + given +
                      "' is not a set name: 1 to 64 characters from a-z, 0-9 and '-'");
    with_home_service([this, given](const exchange::CardService& home) {
        auto create = [this, home](const std::string& set) {
            agent_->request(
                exchange::create_token_request(home.jid, set, std::nullopt, std::nullopt),
                reading<protocol::Token>(
                    &exchange::read_token, [this](const std::string& why) { report(why); },
                    [this](const protocol::Token& t) { show_token(t); }, set));
        };
        if (!given.empty()) return create(given);
        agent_->request(exchange::sets_request(home.jid),
                        reading<protocol::SetsResult>(
                            &exchange::read_sets, [this](const std::string& why) { report(why); },
                            [this, create](const protocol::SetsResult& r) {
                                auto set = exchange::default_token_set(r.sets);
                                if (!set) return report(set.error().message);
                                create(*set);
                            }));
    });
}

void CardPlugin::show_token(const protocol::Token& token) {
    // The web page's address when there is one: any phone's camera opens it, and a client that
    // knows cards finds the exchange on it.
    auto code = client::qr::encode_qr(token.web ? *token.web : token.uri);
    if (!code) return report(code.error().message);
    std::vector<std::string> lines{"cardex: scan this to get your set " + token.set + ":"};
    for (auto& line : client::qr::half_block_lines(*code))
        lines.push_back(std::move(line));
    lines.push_back(token.uri);
    if (token.web) lines.push_back("web page, for phones without an XMPP client: " + *token.web);
    lines.push_back(client::ui::token_validity_text(token, now()) + ".");
    host_.show(lines);
}

void CardPlugin::exchange_with(const std::vector<std::string>& args) {
    const std::string usage = "/card exchange <uri> [--share <set>|--share-own|--receive-only]";
    if (args.empty()) return report(usage);
    // The address of a token's web page leads to its URI (fetched here, in a few seconds).
    auto uri = exchange::is_web_address(args.front()) ? exchange::resolve_web_code(args.front(), 10)
                                                      : protocol::parse_token_uri(args.front());
    if (!uri) {
        return report("'" + client::ui::sanitize_for_terminal(args.front()) +
                      "' is not a card exchange code (xmpp:SERVICE?bizcard;token=... or its web "
                      "page's address): " +
                      client::ui::sanitize_for_terminal(uri.error().message));
    }
    if (args.size() == 1) {
        if (!agent_) return report("not connected");
        return preview_exchange(*uri, args.front());
    }
    std::optional<std::string> set;
    bool give = true;
    if (args.size() == 3 && args[1] == "--share") {
        set = args[2];
    } else if (args.size() == 2 && args[1] == "--receive-only") {
        give = false;
    } else if (args.size() == 2 && args[1] == "--share-own") {
        if (settings_.book.me.empty()) {
            return report(
                "no card of your own to give: /card me <contact> chooses one; or add --share "
                "<set> or --receive-only");
        }
    } else {
        return report(usage);
    }
    if (!agent_) return report("not connected");
    const std::string what = !give ? "only receiving the owner's card"
                             : set ? "giving your set " + *set
                                   : std::string("giving your own card");
    host_.show({"cardex: exchanging cards through " + uri->service.str() + ", " + what + "..."});
    if (!give) return run_exchange(*uri, std::nullopt);
    if (!set) {
        auto me = contact_of(settings_.book.me);
        if (!me) return;
        return run_exchange(*uri, exchange::SharedCard{me->card, "your own card"});
    }
    with_home_service([this, token = *uri, name = *set](const exchange::CardService& home) {
        agent_->request(exchange::set_request(home.jid, name),
                        reading<protocol::SetResult>(
                            &exchange::read_set, [this](const std::string& why) { report(why); },
                            [this, token, name](const protocol::SetResult& r) {
                                run_exchange(token, exchange::SharedCard{r.card, "set " + name});
                            },
                            name));
    });
}

void CardPlugin::preview_exchange(const protocol::TokenUri& token, const std::string& given) {
    agent_->request(
        exchange::preview_request(token), [this, token, given](Result<xmpp::Iq> answer) {
            if (!answer) return report(answer.error().message);
            auto reply = exchange::read_preview(*answer);
            if (!reply) return report(token.service.str() + ": " + reply.error().message);
            if (!reply->ok() && !exchange::preview_not_offered(*reply)) {
                return report(
                    client::ui::token_refusal_text(*reply->error, reply->protocol_error, now()));
            }
            host_.show(exchange_choices(token, given, reply->value));
        });
}

std::vector<std::string> CardPlugin::exchange_choices(
    const protocol::TokenUri& token, const std::string& given,
    const std::optional<protocol::TokenPreview>& preview) const {
    const std::string service = client::ui::sanitize_for_terminal(token.service.str());
    std::vector<std::string> lines{
        preview ? "cardex: this QR code gives the card of " +
                      client::ui::preview_text(*preview, token.service) + "."
                : "cardex: this QR code asks for a card exchange with the card service " + service +
                      "; it does not say whose card it is before the exchange."};
    const std::string command = "  /card exchange " + client::ui::sanitize_for_terminal(given);
    lines.push_back("Nothing is sent until you choose:");
    if (preview && !preview->accepts_card) {
        lines.push_back(
            "(a card you give would not reach them: the code is yours, or you have "
            "exchanged with it before)");
    } else {
        lines.push_back(command + " --share <set>  give one of your card sets");
        if (!settings_.book.me.empty()) {
            lines.push_back(command + " --share-own  give your own card");
        } else {
            lines.push_back(
                "  (/card me <contact> chooses your own card, to give with --share-own)");
        }
    }
    lines.push_back(command + " --receive-only  only receive their card");
    return lines;
}

void CardPlugin::run_exchange(const protocol::TokenUri& token,
                              const std::optional<exchange::SharedCard>& shared) {
    using Answer = Result<exchange::ServiceReply<exchange::ExchangeOutcome>>;
    exchange::exchange_cards(
        *agent_, *book_, token, shared,
        [this, token](Answer reply) {
            if (!reply) return report(reply.error().message);
            if (!reply->ok()) {
                return report(
                    client::ui::token_refusal_text(*reply->error, reply->protocol_error, now()));
            }
            const exchange::ExchangeOutcome& o = *reply->value;
            const std::string owner = o.owner.from.bare_str();
            if (!o.received.duplicate)
                host_.show_from(owner, received_card_lines(o.received.record, o.received.stored));
            host_.show({"cardex: " + client::ui::exchange_outcome_text(o) + "."});
            refresh_completions();
        },
        settings_.book.follow == "on");
}

}  // namespace cardex::profanity
