#include "client/ui/proposal_text.hpp"

#include <cmath>

#include "client/ui/text_width.hpp"

namespace cardex::client::ui {
namespace {

std::string label_of(const ocr::ProposedField& field) {
    if (field.property == "FN") return "Name";
    if (field.property == "TITLE") return "Title";
    if (field.property == "ORG") return "Organisation";
    if (field.property == "EMAIL") return "E-mail";
    if (field.property == "URL") return "Web";
    if (field.property == "ADR") return "Address";
    if (field.property == "TEL") {
        if (field.type == "fax") return "Fax";
        if (field.type == "cell") return "Phone (cell)";
        return "Phone";
    }
    return field.property;
}

std::string padded(std::string text, std::size_t width) {
    const std::size_t shown = display_width(text);
    if (shown < width) text.append(width - shown, ' ');
    return text;
}

}  // namespace

std::vector<std::string> proposal_lines(const ocr::CardProposal& proposal) {
    std::vector<std::string> lines;
    for (const auto& field : proposal.fields) {
        std::string line = padded(label_of(field), 14) + sanitize_for_terminal(field.value);
        if (field.doubtful) {
            line = padded(std::move(line), 50) + "? " +
                   std::to_string(static_cast<int>(std::lround(field.confidence))) + "%";
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

std::string doubtful_text(const ocr::CardProposal& proposal) {
    std::size_t doubtful = 0;
    for (const auto& field : proposal.fields)
        doubtful += field.doubtful ? 1 : 0;
    if (doubtful == 0) return {};
    return std::to_string(doubtful) + (doubtful == 1 ? " field is" : " fields are") +
           " doubtful (marked ?): check them before saving";
}

}  // namespace cardex::client::ui
