// Every payload of urn:xmpp:bizcard:0, and the choice of codec by stanza context.
//
// An element name alone does not say which struct it is: <status/> is a StatusQuery in an IQ
// get and a StatusResult in an IQ result, <exchange/> a request or a result, <backup-upload/> a
// query or an upload's state. The context of the stanza decides.
#pragma once

#include <string_view>
#include <variant>

#include "core/protocol/backup.hpp"
#include "core/protocol/delivery.hpp"
#include "core/protocol/errors.hpp"
#include "core/protocol/sets.hpp"
#include "core/protocol/tokens.hpp"
#include "core/result.hpp"
#include "core/xml/element.hpp"

namespace cardex::protocol {

enum class Context { iq_get, iq_set, iq_result, message };
std::string_view to_string(Context context);

using Payload =
    std::variant<Submit, Submitted, CardDelivery, Ack, AckBatch, AckBatchResult, Receipt,
                 StatusQuery, StatusResult, Sync, SyncResult, Publish, Published, SetsQuery,
                 SetsResult, SetQuery, SetResult, Retract, CreateToken, Token, TokensQuery,
                 TokensResult, RevokeToken, Exchange, ExchangeResult, PreviewQuery, TokenPreview,
                 Unfollow, BackupBegin, BackupUpload, BackupUploadQuery, BackupChunk, BackupCommit,
                 BackupStored, BackupsQuery, BackupsResult, Restore, RestoreChunk, DeleteBackup>;

// Whether the draft defines the element `name` of urn:xmpp:bizcard:0 in this context. A
// service answers a known element in the wrong IQ type with bad-request and an unknown one
// with service-unavailable.
bool is_defined(std::string_view name, Context context);
bool is_known_element(std::string_view name);

// Parses `e` with the codec the context calls for.
Result<Payload> parse_payload(const xml::Element& e, Context context);
xml::Element serialize(const Payload& payload);
// The context a payload is sent in.
Context context_of(const Payload& payload);

}  // namespace cardex::protocol
