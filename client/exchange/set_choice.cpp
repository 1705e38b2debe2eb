#include "client/exchange/set_choice.hpp"

#include <algorithm>

namespace cardex::client::exchange {

Result<std::string> default_token_set(const std::vector<protocol::SetInfo>& sets) {
    if (sets.empty()) {
        return make_error(
            "you have no card set to share yet: publish one first, e.g. `cardex set publish "
            "work`");
    }
    const bool work = std::any_of(sets.begin(), sets.end(),
                                  [](const protocol::SetInfo& s) { return s.name == "work"; });
    if (work) return std::string("work");
    if (sets.size() == 1) return sets.front().name;
    std::string names;
    for (const auto& s : sets)
        names += (names.empty() ? "" : ", ") + s.name;
    return make_error("you have " + std::to_string(sets.size()) + " card sets (" + names +
                      "); say which one with --set NAME");
}

}  // namespace cardex::client::exchange
