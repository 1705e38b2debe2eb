// The chunked transfer of backup_transfer.hpp for front ends that cannot wait (the Profanity
// plugin): the same requests with a window of chunks outstanding, driven by the agent's answers;
// `done` is called once, with the outcome, on the thread that hands the agent its stanzas.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "client/exchange/card_agent.hpp"
#include "core/protocol/backup.hpp"
#include "core/result.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::client::backup {

// Begins an upload of `ciphertext`, sends its chunks and commits it.
void upload_with_agent(exchange::CardAgent& agent, const xmpp::Jid& service, std::string ciphertext,
                       std::uint64_t chunk_bytes, std::size_t window,
                       std::function<void(Result<protocol::BackupStored>)> done);

// Lists the backups, then downloads backup `id` (empty: the newest).
void download_with_agent(exchange::CardAgent& agent, const xmpp::Jid& service,
                         const std::string& id, std::size_t window,
                         std::function<void(Result<std::string>, protocol::BackupInfo)> done);

}  // namespace cardex::client::backup
