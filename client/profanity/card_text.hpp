// What the plugin writes into Profanity's windows: cards as boxes (narrow enough for a chat
// window beside the roster) and listings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "client/book/address_book.hpp"

namespace cardex::profanity {

inline constexpr std::size_t kCardWidth = 56;

// The card's box, one string per line; `footer` lines go under the fields.
std::vector<std::string> card_lines(const vcard::Card& card,
                                    const std::vector<std::string>& footer = {});

// A received card as shown in the sender's chat window: a first line saying what it is (and
// whether the service vouches for the sender), the box, and what was done with it.
std::vector<std::string> received_card_lines(const client::book::ReceivedCard& received,
                                             const std::optional<client::book::Stored>& stored);

// One line per contact: "  12  Alice Example  Example GmbH  +49 30 1234567".
std::vector<std::string> contact_list_lines(const std::vector<client::book::Contact>& contacts);

}  // namespace cardex::profanity
