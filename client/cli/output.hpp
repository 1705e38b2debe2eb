// How `cardex` shows things: cards as boxes, contacts as JSON, what storing a card did.
#pragma once

#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "client/book/address_book.hpp"
#include "core/result.hpp"

namespace cardex::cli {

// The width cards are drawn with: the terminal's, at most 72 columns; 64 when not a terminal.
std::size_t card_width();

// "2026-11-20 09:30 UTC"
std::string when(client::book::Timestamp t);

// The contact as a box, with its number and where its data came from under the fields.
std::string contact_box(const client::book::Contact& contact,
                        const std::vector<client::book::Provenance>& provenance);
// A received card as a box, with who sent it (and whether the service vouches for that).
std::string received_box(const client::book::ReceivedCard& received);

// A contact for scripts (contact_json.cpp): the fields people use, flat. `whole` (show --json)
// adds the photo and the whole card as jCard; without it (list --json), has_photo says
// whether there is one.
nlohmann::json contact_json(const client::book::Contact& contact, bool whole);
nlohmann::json received_json(const client::book::ReceivedCard& received);
nlohmann::json sent_json(const client::book::SentCard& sent);

// Writes `bytes` to `path` through a temporary file beside it, so that a cut never leaves half
// a file; `private_file` makes it readable by the user alone (0600: backups and their state).
// The Error names the file and why.
Status write_file(const std::filesystem::path& path, std::string_view bytes,
                  bool private_file = false);

}  // namespace cardex::cli
