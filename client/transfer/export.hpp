// Exporting contacts: vCard 4.0 (the default), vCard 3.0 for old address books, xCard or
// jCard; all cards in one document.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/vcard/card.hpp"

namespace cardex::client::transfer {

enum class ExportFormat { vcard4, vcard3, xcard, jcard };

// "vcard4", "vcard3", "xcard" or "jcard"; an Error naming the choices otherwise.
Result<ExportFormat> parse_export_format(std::string_view name);
std::string export_cards(const std::vector<vcard::Card>& cards, ExportFormat format);

}  // namespace cardex::client::transfer
