#include "core/vcard/media.hpp"

#include <array>
#include <utility>

#include "core/vcard/text_codecs.hpp"
#include "core/vcard/text_syntax.hpp"

namespace cardex::vcard {
namespace {

struct FormatName {
    std::string_view format;  // lower-case TYPE value of vCard 2.1 / 3.0
    std::string_view media_type;
};

// The format names of vCard 2.1 (section 2.4) and RFC 2426 that are still met, with their
// registered media types. The first entry of a media type is the name written back.
constexpr std::array kFormats = {
    FormatName{"jpeg", "image/jpeg"},
    FormatName{"jpg", "image/jpeg"},
    FormatName{"png", "image/png"},
    FormatName{"gif", "image/gif"},
    FormatName{"bmp", "image/bmp"},
    FormatName{"tiff", "image/tiff"},
    FormatName{"pdf", "application/pdf"},
    FormatName{"ps", "application/postscript"},
    FormatName{"mpeg", "video/mpeg"},
    FormatName{"qtime", "video/quicktime"},
    FormatName{"avi", "video/x-msvideo"},
    FormatName{"wave", "audio/wav"},
    FormatName{"wav", "audio/wav"},
    FormatName{"aiff", "audio/aiff"},
    FormatName{"mp3", "audio/mpeg"},
    FormatName{"x509", "application/pkix-cert"},
    FormatName{"pgp", "application/pgp-keys"},
};

}  // namespace

std::string media_type_for_format(std::string_view type_value) {
    const std::string lower = lower_ascii(trim_blanks(type_value));
    if (lower.find('/') != std::string::npos) return lower;
    for (const auto& entry : kFormats) {
        if (entry.format == lower) return std::string(entry.media_type);
    }
    return {};
}

std::string format_for_media_type(std::string_view media_type) {
    const std::string lower = lower_ascii(media_type);
    for (const auto& entry : kFormats) {
        if (entry.media_type == lower) return upper_ascii(entry.format);
    }
    std::string_view subtype = lower;
    if (const auto slash = subtype.find('/'); slash != std::string_view::npos) {
        subtype.remove_prefix(slash + 1);
    }
    if (subtype.starts_with("x-")) subtype.remove_prefix(2);
    return upper_ascii(subtype);
}

std::string sniff_media_type(std::string_view bytes) {
    if (bytes.starts_with("\xFF\xD8\xFF")) return "image/jpeg";
    if (bytes.starts_with("\x89PNG\r\n\x1A\n")) return "image/png";
    if (bytes.starts_with("GIF87a") || bytes.starts_with("GIF89a")) return "image/gif";
    if (bytes.size() >= 12 && bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WAVE") {
        return "audio/wav";
    }
    if (bytes.starts_with("%PDF-")) return "application/pdf";
    return {};
}

std::optional<DataUri> parse_data_uri(std::string_view uri) {
    if (uri.size() < 5 || !equals_ignoring_case(uri.substr(0, 5), "data:")) return std::nullopt;
    const auto comma = uri.find(',');
    if (comma == std::string_view::npos) return std::nullopt;
    std::string_view header = uri.substr(5, comma - 5);
    DataUri result;
    result.data = uri.substr(comma + 1);
    if (header.size() >= 7 && equals_ignoring_case(header.substr(header.size() - 7), ";base64")) {
        result.base64 = true;
        header.remove_suffix(7);
    }
    result.media_type = std::string(header.substr(0, header.find(';')));
    return result;
}

std::string make_data_uri(std::string_view media_type, std::string_view bytes) {
    const std::string type =
        media_type.empty() ? "application/octet-stream" : std::string(media_type);
    return "data:" + type + ";base64," + encode_base64(bytes);
}

Result<std::string> data_uri_bytes(std::string_view uri) {
    const auto data = parse_data_uri(uri);
    if (!data) return make_error("not held in the card but linked: " + std::string(uri));
    if (!data->base64) return make_error("a data: URI without base64");
    auto bytes = decode_base64(data->data);
    if (!bytes) return make_error("damaged base64: " + bytes.error().message);
    return bytes;
}

}  // namespace cardex::vcard
