#include "client/transfer/export.hpp"

#include "core/vcard/writer.hpp"

namespace cardex::client::transfer {

Result<ExportFormat> parse_export_format(std::string_view name) {
    if (name == "vcard4") return ExportFormat::vcard4;
    if (name == "vcard3") return ExportFormat::vcard3;
    if (name == "xcard") return ExportFormat::xcard;
    if (name == "jcard") return ExportFormat::jcard;
    return make_error("unknown format '" + std::string(name) +
                      "': use vcard4, vcard3, xcard or jcard");
}

std::string export_cards(const std::vector<vcard::Card>& cards, ExportFormat format) {
    switch (format) {
        case ExportFormat::vcard4:
            return vcard::write_vcard_text(cards, vcard::Version::v40);
        case ExportFormat::vcard3:
            return vcard::write_vcard_text(cards, vcard::Version::v30);
        case ExportFormat::xcard:
            return vcard::write_xcard(cards);
        case ExportFormat::jcard:
            return vcard::write_jcard(cards) + "\n";
    }
    return {};
}

}  // namespace cardex::client::transfer
