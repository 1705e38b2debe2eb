#include "client/ui/exchange_prompt.hpp"

#include "client/ui/text_width.hpp"
#include "core/text/ascii.hpp"

namespace cardex::client::ui {
namespace {

constexpr int kTries = 3;  // unreadable answers before the dialogue gives up (cancel)

ExchangeDecision decided(ExchangeChoice choice, std::optional<std::string> set = std::nullopt) {
    return ExchangeDecision{choice, std::move(set), {}};
}

// The choice the flags make, if they make one.
std::optional<ExchangeDecision> flagged(const ExchangeFlags& flags) {
    if (flags.receive_only) return decided(ExchangeChoice::receive_only);
    if (flags.share_set) return decided(ExchangeChoice::exchange, flags.share_set);
    if (flags.share_own) return decided(ExchangeChoice::exchange);
    return std::nullopt;
}

std::string what(const ExchangeDecision& d, const std::optional<std::string>& own_card) {
    if (d.choice == ExchangeChoice::receive_only) return "only receive the owner's card";
    if (d.set) return "exchange cards, giving your set '" + *d.set + "'";
    return "exchange cards, giving your own card" +
           (own_card ? " (" + sanitize_for_terminal(*own_card) + ")" : std::string());
}

// Asks yes or no about what the flags chose.
ExchangeDecision confirm(const ExchangeDecision& chosen, const std::optional<std::string>& own_card,
                         Prompt& prompt) {
    for (int i = 0; i < kTries; ++i) {
        auto answer = prompt.ask(what(chosen, own_card) + "? [y/N] ");
        if (!answer) return decided(ExchangeChoice::cancel);
        const std::string a = lower_ascii(*answer);
        if (a == "y" || a == "yes") return chosen;
        if (a.empty() || a == "n" || a == "no") return decided(ExchangeChoice::cancel);
        prompt.say("Please answer y or n.");
    }
    return decided(ExchangeChoice::cancel);
}

// The menu: one line per card to give, receive only, cancel.
ExchangeDecision choose(const std::vector<std::string>& sets,
                        const std::optional<std::string>& own_card, Prompt& prompt) {
    std::vector<ExchangeDecision> options;
    for (const auto& s : sets)
        options.push_back(decided(ExchangeChoice::exchange, s));
    if (own_card) options.push_back(decided(ExchangeChoice::exchange));
    prompt.say("What do you want to do?");
    for (std::size_t i = 0; i < options.size(); ++i)
        prompt.say("  " + std::to_string(i + 1) + ") " + what(options[i], own_card));
    prompt.say("  r) " + what(decided(ExchangeChoice::receive_only), own_card));
    prompt.say("  c) cancel: send nothing");
    for (int i = 0; i < kTries; ++i) {
        auto answer = prompt.ask("Your choice [c]: ");
        if (!answer) return decided(ExchangeChoice::cancel);
        const std::string a = lower_ascii(*answer);
        if (a.empty() || a == "c") return decided(ExchangeChoice::cancel);
        if (a == "r") return decided(ExchangeChoice::receive_only);
        std::size_t n = 0;
        if (a.size() <= 3 && a.find_first_not_of("0123456789") == std::string::npos)
            n = std::stoul(a);
        if (n >= 1 && n <= options.size()) return options[n - 1];
        prompt.say("Please answer with one of the choices above.");
    }
    return decided(ExchangeChoice::cancel);
}

}  // namespace

std::vector<std::string> offer_lines(const ExchangeOffer& offer) {
    if (!offer.owner) {
        return {"This QR code asks for a card exchange with the card service " +
                    sanitize_for_terminal(offer.service) + ".",
                "Nothing is sent before you choose; the service does not say whose card it is "
                "before the exchange."};
    }
    std::vector<std::string> lines{"This QR code gives the card of " + *offer.owner + ".",
                                   "Nothing is sent before you choose."};
    if (!offer.accepts_card) {
        lines.push_back(
            "A card you give would not reach them: the code is yours, or you have exchanged "
            "with it before.");
    }
    return lines;
}

std::string exchange_flags_error(const ExchangeFlags& flags, bool interactive) {
    const int given =
        (flags.share_set ? 1 : 0) + (flags.share_own ? 1 : 0) + (flags.receive_only ? 1 : 0);
    if (given > 1) return "choose one of --share SET, --share-own and --receive-only";
    if (flags.yes && given == 0) {
        return "--yes needs a choice of what to give: --share SET, --share-own or "
               "--receive-only";
    }
    if (!flags.yes && !interactive) {
        return "there is no terminal to ask whether to exchange cards: add --yes with --share "
               "SET, --share-own or --receive-only";
    }
    return {};
}

ExchangeDecision decide_exchange(const ExchangeFlags& flags, const ExchangeOffer& offer,
                                 const std::vector<std::string>& sets,
                                 const std::optional<std::string>& own_card, Prompt& prompt) {
    if (auto error = exchange_flags_error(flags, prompt.interactive()); !error.empty())
        return ExchangeDecision{ExchangeChoice::cancel, std::nullopt, error};
    const auto chosen = flagged(flags);
    if (chosen && chosen->choice == ExchangeChoice::exchange && !chosen->set && !own_card) {
        return ExchangeDecision{ExchangeChoice::cancel, std::nullopt,
                                "--share-own: you have no card of your own yet (`cardex me "
                                "CONTACT` chooses one)"};
    }
    if (flags.yes) return *chosen;
    for (const auto& line : offer_lines(offer))
        prompt.say(line);
    if (chosen) return confirm(*chosen, own_card, prompt);
    if (!offer.accepts_card) return choose({}, std::nullopt, prompt);
    return choose(sets, own_card, prompt);
}

}  // namespace cardex::client::ui
