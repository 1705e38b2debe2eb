#include "core/vcard/text_params.hpp"

#include <algorithm>
#include <optional>

#include "core/vcard/text_codecs.hpp"

namespace cardex::vcard {
namespace {

// RFC 6868: ^n is a line break, ^^ a caret, ^' a double quote; any other ^ stays.
std::string decode_carets(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '^' && i + 1 < text.size()) {
            const char next = text[i + 1];
            if (next == 'n' || next == 'N' || next == '^' || next == '\'') {
                out.push_back(next == '^' ? '^' : next == '\'' ? '"' : '\n');
                ++i;
                continue;
            }
        }
        out.push_back(text[i]);
    }
    return out;
}

std::string decode_label_breaks(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == 'n' || text[i + 1] == 'N')) {
            out.push_back('\n');
            ++i;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

std::string normalize_value_type(std::string_view written) {
    const std::string lower = lower_ascii(trim_blanks(written));
    if (lower == "url" || lower == "content-id" || lower == "cid") return "uri";
    if (lower == "inline" || lower == "binary") return {};  // the default, or base64 data
    return lower;
}

bool is_parameter_name(std::string_view name) {
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    });
}

std::optional<TransferEncoding> encoding_named(std::string_view word) {
    const std::string upper = upper_ascii(trim_blanks(word));
    if (upper == "QUOTED-PRINTABLE") return TransferEncoding::quoted_printable;
    if (upper == "BASE64" || upper == "B") return TransferEncoding::base64;
    if (upper == "8BIT" || upper == "7BIT") return TransferEncoding::none;
    return std::nullopt;
}

class ParameterDecoder {
  public:
    ParameterDecoder(Version version, bool consume_value)
        : version_(version), consume_value_(consume_value) {}

    void add(const RawParameter& raw) {
        if (raw.bare && raw.value.empty()) {
            result_.problems.push_back("empty parameter (\";;\" or a trailing ';') skipped");
        } else if (raw.bare) {
            add_bare(raw);
        } else if (raw.name.empty()) {
            result_.problems.push_back("parameter without a name (" + quoted("=" + raw.value) +
                                       ") skipped");
        } else if (!is_parameter_name(raw.name)) {
            result_.problems.push_back(quoted(raw.name) +
                                       " is not a parameter name; parameter skipped");
        } else {
            add_named(raw.name, split_values(raw));
        }
    }

    DecodedParameters finish() {
        move_pref_out_of_type();
        return std::move(result_);
    }

  private:
    // Values split at ',' outside quotes (TYPE="work,voice" is two values in 4.0 practice).
    std::vector<std::string> split_values(const RawParameter& raw) {
        std::vector<std::string> values(1);
        bool in_quotes = false;
        for (const char c : raw.value) {
            if (c == '"') {
                in_quotes = !in_quotes;
            } else if (c == ',' && (!in_quotes || raw.name == "TYPE")) {
                values.emplace_back();
            } else {
                values.back().push_back(c);
            }
        }
        return decode_values(raw.name, raw.value, std::move(values));
    }

    std::vector<std::string> decode_values(const std::string& name, const std::string& written,
                                           std::vector<std::string> values) {
        if (values.size() == 1 && values.front().empty()) return {};
        const auto empty = [](const std::string& v) { return v.empty(); };
        if (std::erase_if(values, empty) > 0) {
            result_.problems.push_back("empty value in " + quoted(name + "=" + written) +
                                       " skipped");
        }
        for (auto& value : values) {
            if (version_ == Version::v40) value = decode_carets(value);
            if (name == "LABEL") value = decode_label_breaks(value);
            value = undeclared_text_to_utf8(value);
        }
        return values;
    }

    void add_bare(const RawParameter& raw) {
        RawParameter as_type{"TYPE", raw.value, false};
        std::vector<std::string> types;
        for (auto& word : split_values(as_type)) {
            if (const auto encoding = encoding_named(word)) {
                result_.encoding = *encoding;
            } else {
                types.push_back(std::move(word));
            }
        }
        add_types(types);
    }

    void add_named(const std::string& name, std::vector<std::string> values) {
        const std::string first = values.empty() ? std::string() : values.front();
        if (name == "ENCODING" && encoding_named(first)) {
            result_.encoding = *encoding_named(first);
        } else if (name == "CHARSET") {
            result_.charset = std::string(trim_blanks(first));
        } else if (name == "VALUE" && consume_value_) {
            std::string joined;
            for (const auto& value : values)
                joined += (joined.empty() ? "" : ",") + value;
            result_.value_type = normalize_value_type(joined);
        } else if (name == "TYPE") {
            add_types(values);
        } else {
            result_.params.push_back(Parameter{name, std::move(values)});
        }
    }

    void add_types(const std::vector<std::string>& values) {
        if (!type_index_) {
            type_index_ = result_.params.size();
            result_.params.push_back(Parameter{"TYPE", {}});
        }
        auto& types = result_.params[*type_index_].values;
        for (const auto& value : values) {
            std::string type = lower_ascii(trim_blanks(value));
            if (type.empty()) continue;
            if (std::find(types.begin(), types.end(), type) == types.end()) types.push_back(type);
        }
    }

    // TYPE=PREF (2.1 / 3.0) is PREF=1 in the model.
    void move_pref_out_of_type() {
        if (!type_index_) return;
        auto& params = result_.params;
        auto& types = params[*type_index_].values;
        const bool had_pref = std::erase(types, std::string("pref")) > 0;
        const auto is_pref = [](const Parameter& p) { return p.name == "PREF"; };
        const bool has_pref_param = std::any_of(params.begin(), params.end(), is_pref);
        const auto type_at = params.begin() + static_cast<std::ptrdiff_t>(*type_index_);
        if (had_pref && !has_pref_param) params.insert(type_at + 1, Parameter{"PREF", {"1"}});
        if (params[*type_index_].values.empty()) {
            params.erase(params.begin() + static_cast<std::ptrdiff_t>(*type_index_));
        }
    }

    Version version_;
    bool consume_value_;
    DecodedParameters result_;
    std::optional<std::size_t> type_index_;
};

}  // namespace

DecodedParameters decode_parameters(const std::vector<RawParameter>& raw, Version version,
                                    bool consume_value) {
    ParameterDecoder decoder(version, consume_value);
    for (const auto& parameter : raw)
        decoder.add(parameter);
    return decoder.finish();
}

}  // namespace cardex::vcard
