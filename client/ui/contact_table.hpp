// Contacts as a listing, as `cardex list` and Profanity's `/card list` show them: number,
// name, organisation, the first telephone number and the first e-mail address.
#pragma once

#include <vector>

#include "client/book/records.hpp"
#include "client/ui/table.hpp"

namespace cardex::client::ui {

Table contact_table(const std::vector<book::Contact>& contacts);

}  // namespace cardex::client::ui
