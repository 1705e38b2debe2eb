// The confirmation a scanned QR code needs before anything is sent (the draft: a client MUST
// ask its user, MUST show the service it is about to contact and MUST NOT share a card without
// the user's explicit choice): exchange cards (with which card), only receive, or cancel.
// Options given on the command line decide without asking when --yes confirms them; without a
// terminal to ask on, nothing is decided without --yes.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cardex::client::ui {

// What the command line said.
struct ExchangeFlags {
    std::optional<std::string> share_set;  // --share SET
    bool share_own = false;                // --share-own
    bool receive_only = false;             // --receive-only
    bool yes = false;                      // --yes: no question
};

// Where the question is asked: a terminal, or a fake in tests.
class Prompt {
  public:
    virtual ~Prompt() = default;
    virtual bool interactive() const = 0;
    virtual void say(const std::string& line) = 0;
    // One line of answer to `question` (printed without a newline); nullopt at end of input.
    virtual std::optional<std::string> ask(const std::string& question) = 0;
};

enum class ExchangeChoice { exchange, receive_only, cancel };

struct ExchangeDecision {
    ExchangeChoice choice = ExchangeChoice::cancel;
    std::optional<std::string> set;  // exchange: the set given; nullopt: the own card
    std::string usage_error;         // when not empty, nothing was decided: a usage error
};

// What the code offers, as far as the client knows before anything is sent: the service it
// names and, where the service gave a preview, whose card it is (preview_text) and whether a
// card given back would reach the owner.
struct ExchangeOffer {
    std::string service;
    std::optional<std::string> owner;  // nullopt: the service has no previews
    bool accepts_card = true;
};

// The lines that say what the code offers, before any question.
std::vector<std::string> offer_lines(const ExchangeOffer& offer);

// The flags alone: a usage error when they contradict each other, or when there is nobody to
// ask (not interactive, no --yes), or --yes without a choice; empty when they can go on.
std::string exchange_flags_error(const ExchangeFlags& flags, bool interactive);

// Asks (or takes the flags), offering each of `sets` and, with `own_card` (its name), the
// user's own card, after offer_lines(offer); where no card given would reach the owner, only
// receiving is offered.
ExchangeDecision decide_exchange(const ExchangeFlags& flags, const ExchangeOffer& offer,
                                 const std::vector<std::string>& sets,
                                 const std::optional<std::string>& own_card, Prompt& prompt);

}  // namespace cardex::client::ui
