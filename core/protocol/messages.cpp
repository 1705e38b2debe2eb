#include "core/protocol/messages.hpp"

#include <algorithm>
#include <array>

#include "core/protocol/fields.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::protocol {
namespace {

template <class T, Result<T> (*Parse)(const xml::Element&)>
Result<Payload> parse_as(const xml::Element& e) {
    auto parsed = Parse(e);
    if (!parsed) return parsed.error();
    return Payload{std::move(parsed).value()};
}

struct Codec {
    Context context;
    std::string_view name;
    Result<Payload> (*parse)(const xml::Element&);
};

// In the order of the Payload alternatives, so that context_of can index it.
constexpr std::array<Codec, std::variant_size_v<Payload>> kCodecs = {{
    {Context::iq_set, "submit", parse_as<Submit, parse_submit>},
    {Context::iq_result, "submitted", parse_as<Submitted, parse_submitted>},
    {Context::message, "card", parse_as<CardDelivery, parse_card_delivery>},
    {Context::iq_set, "ack", parse_as<Ack, parse_ack>},
    {Context::iq_set, "acks", parse_as<AckBatch, parse_ack_batch>},
    {Context::iq_result, "acks", parse_as<AckBatchResult, parse_ack_batch_result>},
    {Context::message, "receipt", parse_as<Receipt, parse_receipt>},
    {Context::iq_get, "status", parse_as<StatusQuery, parse_status_query>},
    {Context::iq_result, "status", parse_as<StatusResult, parse_status_result>},
    {Context::iq_set, "sync", parse_as<Sync, parse_sync>},
    {Context::iq_result, "sync", parse_as<SyncResult, parse_sync_result>},
    {Context::iq_set, "publish", parse_as<Publish, parse_publish>},
    {Context::iq_result, "published", parse_as<Published, parse_published>},
    {Context::iq_get, "sets", parse_as<SetsQuery, parse_sets_query>},
    {Context::iq_result, "sets", parse_as<SetsResult, parse_sets_result>},
    {Context::iq_get, "set", parse_as<SetQuery, parse_set_query>},
    {Context::iq_result, "set", parse_as<SetResult, parse_set_result>},
    {Context::iq_set, "retract", parse_as<Retract, parse_retract>},
    {Context::iq_set, "create-token", parse_as<CreateToken, parse_create_token>},
    {Context::iq_result, "token", parse_as<Token, parse_token>},
    {Context::iq_get, "tokens", parse_as<TokensQuery, parse_tokens_query>},
    {Context::iq_result, "tokens", parse_as<TokensResult, parse_tokens_result>},
    {Context::iq_set, "revoke-token", parse_as<RevokeToken, parse_revoke_token>},
    {Context::iq_set, "exchange", parse_as<Exchange, parse_exchange>},
    {Context::iq_result, "exchange", parse_as<ExchangeResult, parse_exchange_result>},
    {Context::iq_get, "preview", parse_as<PreviewQuery, parse_preview_query>},
    {Context::iq_result, "preview", parse_as<TokenPreview, parse_token_preview>},
    {Context::iq_set, "unfollow", parse_as<Unfollow, parse_unfollow>},
    {Context::iq_set, "backup-begin", parse_as<BackupBegin, parse_backup_begin>},
    {Context::iq_result, "backup-upload", parse_as<BackupUpload, parse_backup_upload>},
    {Context::iq_get, "backup-upload", parse_as<BackupUploadQuery, parse_backup_upload_query>},
    {Context::iq_set, "backup-chunk", parse_as<BackupChunk, parse_backup_chunk>},
    {Context::iq_set, "backup-commit", parse_as<BackupCommit, parse_backup_commit>},
    {Context::iq_result, "backup-stored", parse_as<BackupStored, parse_backup_stored>},
    {Context::iq_get, "backups", parse_as<BackupsQuery, parse_backups_query>},
    {Context::iq_result, "backups", parse_as<BackupsResult, parse_backups_result>},
    {Context::iq_get, "restore", parse_as<Restore, parse_restore>},
    {Context::iq_result, "restore-chunk", parse_as<RestoreChunk, parse_restore_chunk>},
    {Context::iq_set, "delete-backup", parse_as<DeleteBackup, parse_delete_backup>},
}};

constexpr std::array<std::string_view, 4> kContexts = {"IQ get", "IQ set", "IQ result", "message"};

const Codec* find_codec(std::string_view name, Context context) {
    const auto it = std::find_if(kCodecs.begin(), kCodecs.end(), [&](const Codec& c) {
        return c.name == name && c.context == context;
    });
    return it == kCodecs.end() ? nullptr : &*it;
}

}  // namespace

std::string_view to_string(Context context) {
    return kContexts[static_cast<int>(context)];
}

bool is_defined(std::string_view name, Context context) {
    return find_codec(name, context) != nullptr;
}

bool is_known_element(std::string_view name) {
    return std::any_of(kCodecs.begin(), kCodecs.end(),
                       [&](const Codec& c) { return c.name == name; });
}

Result<Payload> parse_payload(const xml::Element& e, Context context) {
    if (e.ns != ns::kBizcard) {
        return make_error(detail::tag(e.name) + " in namespace '" + e.ns +
                          "' is not a payload of '" + std::string(ns::kBizcard) + "'");
    }
    const Codec* codec = find_codec(e.name, context);
    if (codec == nullptr) {
        const std::string_view article = context == Context::message ? " in a " : " in an ";
        return make_error(detail::tag(e.name) + " is not " +
                          (is_known_element(e.name) ? "sent" : "defined by the protocol") +
                          std::string(article) + std::string(to_string(context)));
    }
    return codec->parse(e);
}

xml::Element serialize(const Payload& payload) {
    return std::visit([](const auto& p) { return serialize(p); }, payload);
}

Context context_of(const Payload& payload) {
    return kCodecs[payload.index()].context;
}

}  // namespace cardex::protocol
