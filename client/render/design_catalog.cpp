// The designs there are: the shipped ones and the user's own files, found by name.
#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

#include "client/render/card_design.hpp"
#include "client/render/shipped_designs.hpp"

namespace cardex::client::render {
namespace {

namespace fs = std::filesystem;

// The user's design files by name (the file name without .toml), sorted.
std::map<std::string, fs::path> user_design_files(const fs::path& user_dir) {
    std::map<std::string, fs::path> files;
    std::error_code error;
    if (user_dir.empty() || !fs::is_directory(user_dir, error)) return files;
    for (const auto& entry : fs::directory_iterator(user_dir, error)) {
        if (entry.path().extension() == ".toml" && entry.is_regular_file(error))
            files.emplace(entry.path().stem().string(), entry.path());
    }
    return files;
}

Result<CardDesign> read_design_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return make_error("cannot read the design " + path.string());
    return parse_design(text.str(), path.string());
}

const ShippedDesign* find_shipped(std::string_view name) {
    for (const auto& design : shipped_designs()) {
        if (design.name == name) return &design;
    }
    return nullptr;
}

}  // namespace

const std::vector<std::string>& known_fields() {
    static const std::vector<std::string> fields = {
        "fn",    "title", "org", "tel",  "tel.cell", "tel.work", "tel.home", "fax",
        "email", "url",   "adr", "note", "xmpp",     "photo",    "logo",     "qr",
    };
    return fields;
}

bool is_image_field(std::string_view field) {
    return field == "photo" || field == "logo" || field == "qr";
}

std::vector<DesignInfo> list_designs(const fs::path& user_dir) {
    std::vector<DesignInfo> designs;
    const auto user_files = user_design_files(user_dir);
    for (const auto& [name, path] : user_files) {
        auto design = read_design_file(path);
        designs.push_back({name, design ? design->description : design.error().message, true});
    }
    for (const auto& shipped : shipped_designs()) {
        if (user_files.count(std::string(shipped.name)) != 0) continue;
        auto design = parse_design(shipped.toml, shipped.name);
        designs.push_back(
            {std::string(shipped.name), design ? design->description : design.error().message});
    }
    std::sort(designs.begin(), designs.end(),
              [](const DesignInfo& a, const DesignInfo& b) { return a.name < b.name; });
    return designs;
}

Result<CardDesign> load_design(std::string_view name, const fs::path& user_dir) {
    const auto user_files = user_design_files(user_dir);
    if (auto it = user_files.find(std::string(name)); it != user_files.end()) {
        auto design = read_design_file(it->second);
        if (design) design->name = std::string(name);
        return design;
    }
    if (const ShippedDesign* shipped = find_shipped(name)) return parse_design(shipped->toml, name);
    std::string names;
    for (const auto& design : list_designs(user_dir))
        names += (names.empty() ? "" : ", ") + design.name;
    return make_error("there is no design \"" + std::string(name) + "\"; there are: " + names);
}

std::vector<std::string> design_fields(const CardDesign& design) {
    std::vector<std::string> fields;
    auto add = [&](const std::string& field) {
        if (!field.empty() && std::find(fields.begin(), fields.end(), field) == fields.end())
            fields.push_back(field);
    };
    for (const auto& column : design.columns) {
        for (const auto& line : column.lines)
            add(line.field);
    }
    for (const auto& image : design.images)
        add(image.field);
    return fields;
}

}  // namespace cardex::client::render
