#include "core/vcard/text_media.hpp"

#include <algorithm>

#include "core/vcard/media.hpp"
#include "core/vcard/text_codecs.hpp"

namespace cardex::vcard {
namespace {

// Removes TYPE values that name a media format and returns the media type of the first one.
std::string take_format_from_types(std::vector<Parameter>& params) {
    std::string media_type;
    for (auto it = params.begin(); it != params.end(); ++it) {
        if (it->name != "TYPE") continue;
        std::erase_if(it->values, [&](const std::string& value) {
            const std::string named = media_type_for_format(value);
            if (named.empty()) return false;
            if (media_type.empty()) media_type = named;
            return true;
        });
        if (it->values.empty()) params.erase(it);
        break;
    }
    return media_type;
}

std::string parameter_value(const std::vector<Parameter>& params, std::string_view name) {
    for (const auto& param : params) {
        if (param.name == name && !param.values.empty()) return param.values.front();
    }
    return {};
}

// Bytes that base64 text decodes to, counted without decoding.
std::size_t decoded_size(std::string_view base64) {
    const auto symbols = std::count_if(base64.begin(), base64.end(), [](char c) {
        return c != '=' && c != ' ' && c != '\t' && c != '\r' && c != '\n';
    });
    return static_cast<std::size_t>(symbols) * 3 / 4;
}

bool within_media_limit(std::size_t size, const Limits& limits, PropertyOutcome& outcome) {
    if (size <= limits.max_media_bytes) return true;
    outcome.card_error = "decoded media is " + std::to_string(size) +
                         " bytes, over the limit max_media_bytes (" +
                         std::to_string(limits.max_media_bytes) + ")";
    return false;
}

}  // namespace

bool read_inline_media(std::string_view base64, const Limits& limits,
                       std::vector<Parameter>& params, Property& property,
                       PropertyOutcome& outcome) {
    property.value_type = "uri";
    std::string media_type = take_format_from_types(params);
    if (!within_media_limit(decoded_size(base64), limits, outcome)) return false;
    auto bytes = decode_base64(base64);
    if (!bytes) {
        outcome.problems.push_back(bytes.error().message + "; property skipped");
        return false;
    }
    if (bytes->empty()) {
        property.components = {{std::string()}};
        return true;
    }
    if (media_type.empty()) media_type = parameter_value(params, "MEDIATYPE");
    if (media_type.empty()) media_type = sniff_media_type(*bytes);
    property.components = {{make_data_uri(media_type, *bytes)}};
    return true;
}

void finish_media(const Limits& limits, Property& property, PropertyOutcome& outcome) {
    const std::string& value = property.components.front().front();
    if (const auto data = parse_data_uri(value)) {
        if (data->base64) within_media_limit(decoded_size(data->data), limits, outcome);
        return;
    }
    const bool has_media_type = !parameter_value(property.params, "MEDIATYPE").empty();
    if (has_media_type) return;
    const std::string media_type = take_format_from_types(property.params);
    if (!media_type.empty()) property.params.push_back(Parameter{"MEDIATYPE", {media_type}});
}

}  // namespace cardex::vcard
