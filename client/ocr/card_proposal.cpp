#include "client/ocr/card_proposal.hpp"

namespace cardex::client::ocr {

std::vector<const ProposedField*> CardProposal::all(const std::string& property) const {
    std::vector<const ProposedField*> out;
    for (const auto& field : fields)
        if (field.property == property) out.push_back(&field);
    return out;
}

ProposedField make_field(std::string property, std::string value, double confidence,
                         std::string type) {
    return ProposedField{std::move(property), std::move(type), std::move(value), confidence,
                         confidence < kDoubtfulBelow};
}

}  // namespace cardex::client::ocr
