#include "core/config/toml_reader.hpp"

#include <algorithm>
#include <sstream>

namespace cardex::toml_reading {

void Problems::add(const toml::source_region& where, std::string_view key, std::string_view what) {
    std::ostringstream line;
    line << source_;
    if (where.begin.line != 0) line << ':' << where.begin.line << ':' << where.begin.column;
    line << ": " << key << ": " << what;
    lines_.push_back(line.str());
}

Error Problems::error() const {
    std::string joined;
    for (const auto& l : lines_)
        joined += (joined.empty() ? "" : "\n") + l;
    return make_error(joined);
}

void reject_unknown_keys(const toml::table& table, std::string_view prefix,
                         std::initializer_list<std::string_view> known, Problems& problems) {
    for (const auto& [key, node] : table) {
        if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
            problems.add(node.source(), std::string(prefix) + std::string(key.str()),
                         "unknown key");
        }
    }
}

std::string read_string(const toml::table& t, std::string_view key, std::string_view full_key,
                        std::string fallback, Problems& problems) {
    const toml::node* node = t.get(key);
    if (node == nullptr) return fallback;
    if (auto v = node->value<std::string>()) return *v;
    problems.add(node->source(), full_key, "must be a string");
    return fallback;
}

bool read_boolean(const toml::table& t, std::string_view key, std::string_view full_key,
                  bool fallback, Problems& problems) {
    const toml::node* node = t.get(key);
    if (node == nullptr) return fallback;
    if (auto v = node->value_exact<bool>()) return *v;
    problems.add(node->source(), full_key, "must be true or false");
    return fallback;
}

std::int64_t read_integer(const toml::table& t, std::string_view key, std::string_view full_key,
                          std::int64_t fallback, std::int64_t min, std::int64_t max,
                          Problems& problems) {
    const toml::node* node = t.get(key);
    if (node == nullptr) return fallback;
    const auto v = node->value_exact<std::int64_t>();
    if (!v || *v < min || *v > max) {
        problems.add(
            node->source(), full_key,
            "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
        return fallback;
    }
    return *v;
}

std::vector<std::string> read_string_list(const toml::table& t, std::string_view key,
                                          std::string_view full_key, Problems& problems) {
    const toml::node* node = t.get(key);
    if (node == nullptr) return {};
    const toml::array* array = node->as_array();
    std::vector<std::string> values;
    if (array != nullptr) {
        for (const auto& item : *array) {
            if (auto v = item.value<std::string>()) {
                values.push_back(*v);
                continue;
            }
            array = nullptr;
            break;
        }
    }
    if (array == nullptr) {
        problems.add(node->source(), full_key, "must be a list of strings");
        return {};
    }
    return values;
}

const toml::table* section(const toml::table& root, std::string_view name, Problems& problems) {
    const toml::node* node = root.get(name);
    if (node == nullptr) return nullptr;
    if (!node->is_table()) {
        problems.add(node->source(), name, "must be a table ([" + std::string(name) + "])");
        return nullptr;
    }
    return node->as_table();
}

}  // namespace cardex::toml_reading
