#include "client/ui/contact_table.hpp"

namespace cardex::client::ui {

Table contact_table(const std::vector<book::Contact>& contacts) {
    Table table;
    table.add_column("#", Align::right);
    table.add_column("name");
    table.add_column("organisation");
    table.add_column("phone");
    table.add_column("e-mail");
    for (const auto& c : contacts) {
        const auto organization = c.card.organization();
        const auto phones = c.card.phones();
        const auto emails = c.card.emails();
        table.add_row({std::to_string(c.id), c.card.formatted_name(),
                       organization.empty() ? "" : organization.front(),
                       phones.empty() ? "" : phones.front().number,
                       emails.empty() ? "" : emails.front().address});
    }
    return table;
}

}  // namespace cardex::client::ui
