// parse_design: the TOML of a card design (card_design.hpp) into a CardDesign, with every
// problem named by its element and key.
#include <pango/pango-font.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "client/render/card_design.hpp"
#include "core/config/toml_reader.hpp"

namespace cardex::client::render {
namespace {

using toml_reading::Problems;

constexpr double kMaxMillimetres = 1000;

// A number (integer or float) from min to max; the fallback when absent or wrong (reported).
double read_number(const toml::table& t, std::string_view key, const std::string& where,
                   double fallback, double min, double max, Problems& problems) {
    const toml::node* node = t.get(key);
    if (node == nullptr) return fallback;
    std::optional<double> value;
    if (auto i = node->value_exact<std::int64_t>()) value = static_cast<double>(*i);
    if (auto f = node->value_exact<double>()) value = *f;
    if (!value || *value < min || *value > max) {
        problems.add(node->source(), where + std::string(key),
                     "must be a number from " + std::to_string(static_cast<int>(min)) + " to " +
                         std::to_string(static_cast<int>(max)));
        return fallback;
    }
    return *value;
}

double read_required(const toml::table& t, std::string_view key, const std::string& where,
                     double min, double max, Problems& problems) {
    if (t.get(key) == nullptr) {
        problems.add(t.source(), where + std::string(key), "is missing");
        return min;
    }
    return read_number(t, key, where, min, min, max, problems);
}

std::optional<Colour> read_colour(const toml::table& t, std::string_view key,
                                  const std::string& where, Problems& problems) {
    const toml::node* node = t.get(key);
    if (node == nullptr) return std::nullopt;
    const auto text = node->value<std::string>();
    auto colour = text ? parse_colour(*text) : Result<Colour>(make_error("must be a string"));
    if (!colour) {
        problems.add(node->source(), where + std::string(key), colour.error().message);
        return std::nullopt;
    }
    return *colour;
}

// A Pango font description with a family or a size: "Sans Bold 11"; "" when absent.
std::string read_font(const toml::table& t, const std::string& where, Problems& problems) {
    std::string font = toml_reading::read_string(t, "font", where + "font", "", problems);
    if (font.empty()) return font;
    std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> description(
        pango_font_description_from_string(font.c_str()), &pango_font_description_free);
    const int size = pango_font_description_get_size(description.get());
    if (size <= 0 || size > 200 * PANGO_SCALE) {
        problems.add(t.get("font")->source(), where + "font",
                     "\"" + font + "\" has no size from 1 to 200 (e.g. \"Sans Bold 11\")");
        return {};
    }
    return font;
}

// Reports a field name that is not known, or is text where a picture is wanted or the reverse.
void check_field(const std::string& field, const toml::source_region& where_in_file,
                 const std::string& where, bool image, Problems& problems) {
    const auto& known = known_fields();
    if (std::find(known.begin(), known.end(), field) == known.end()) {
        problems.add(where_in_file, where + "field", "unknown field \"" + field + "\"");
    } else if (is_image_field(field) != image) {
        problems.add(
            where_in_file, where + "field",
            "\"" + field + "\" is " +
                (image ? "text: put it in a [[column]]" : "an image: put it in an [[image]]"));
    }
}

std::string read_field(const toml::table& t, const std::string& where, bool image,
                       Problems& problems) {
    const toml::node* node = t.get("field");
    if (node == nullptr) {
        problems.add(t.source(), where + "field", "is missing");
        return {};
    }
    const std::string field = toml_reading::read_string(t, "field", where + "field", "", problems);
    if (!field.empty()) check_field(field, node->source(), where, image, problems);
    return field;
}

Align read_align(const toml::table& t, const std::string& where, Problems& problems) {
    const std::string text =
        toml_reading::read_string(t, "align", where + "align", "left", problems);
    if (text == "center" || text == "centre") return Align::center;
    if (text == "right") return Align::right;
    if (text != "left") {
        problems.add(t.get("align")->source(), where + "align",
                     "must be left, center or right, not \"" + text + "\"");
    }
    return Align::left;
}

ColumnLine read_line(const toml::node& node, const std::string& where, Problems& problems) {
    ColumnLine line;
    if (auto name = node.value<std::string>()) {
        line.field = *name;
        check_field(line.field, node.source(), where, false, problems);
        return line;
    }
    const toml::table* t = node.as_table();
    if (t == nullptr) {
        problems.add(node.source(), where.substr(0, where.size() - 2),
                     "must be a field name or a table like { field = \"tel\" }");
        return line;
    }
    toml_reading::reject_unknown_keys(*t, where, {"field", "space", "prefix", "font", "color"},
                                      problems);
    if (t->get("space") != nullptr) {
        line.space = read_number(*t, "space", where, 0, 0, kMaxMillimetres, problems);
        if (t->get("field") != nullptr)
            problems.add(t->source(), where + "space", "a line is a field or a space, not both");
        return line;
    }
    line.field = read_field(*t, where, false, problems);
    line.prefix = toml_reading::read_string(*t, "prefix", where + "prefix", "", problems);
    line.font = read_font(*t, where, problems);
    line.colour = read_colour(*t, "color", where, problems);
    return line;
}

Column read_column(const toml::table& t, const std::string& where, Problems& problems) {
    toml_reading::reject_unknown_keys(
        t, where, {"x", "y", "width", "anchor", "align", "font", "color", "spacing", "lines"},
        problems);
    Column column;
    column.x = read_required(t, "x", where, 0, kMaxMillimetres, problems);
    column.y = read_required(t, "y", where, 0, kMaxMillimetres, problems);
    column.width = read_required(t, "width", where, 1, kMaxMillimetres, problems);
    const std::string anchor =
        toml_reading::read_string(t, "anchor", where + "anchor", "top", problems);
    column.anchor_bottom = anchor == "bottom";
    if (anchor != "top" && anchor != "bottom")
        problems.add(t.get("anchor")->source(), where + "anchor", "must be top or bottom");
    column.align = read_align(t, where, problems);
    if (std::string font = read_font(t, where, problems); !font.empty()) column.font = font;
    column.colour = read_colour(t, "color", where, problems).value_or(Colour{});
    column.spacing = read_number(t, "spacing", where, column.spacing, 0, 100, problems);
    const toml::node* lines = t.get("lines");
    const toml::array* array = lines != nullptr ? lines->as_array() : nullptr;
    if (array == nullptr || array->empty()) {
        problems.add(lines != nullptr ? lines->source() : t.source(), where + "lines",
                     "must be a list of fields, e.g. [\"fn\", \"title\"]");
        return column;
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string line_where = where + "line " + std::to_string(i + 1) + ": ";
        column.lines.push_back(read_line(*array->get(i), line_where, problems));
    }
    return column;
}

ImageBox read_image(const toml::table& t, const std::string& where, Problems& problems) {
    toml_reading::reject_unknown_keys(t, where, {"field", "x", "y", "width", "height", "round"},
                                      problems);
    ImageBox image;
    image.field = read_field(t, where, true, problems);
    image.x = read_required(t, "x", where, 0, kMaxMillimetres, problems);
    image.y = read_required(t, "y", where, 0, kMaxMillimetres, problems);
    image.width = read_required(t, "width", where, 1, kMaxMillimetres, problems);
    image.height = read_required(t, "height", where, 1, kMaxMillimetres, problems);
    image.round = toml_reading::read_boolean(t, "round", where + "round", false, problems);
    return image;
}

FilledRect read_rect(const toml::table& t, const std::string& where, Problems& problems) {
    toml_reading::reject_unknown_keys(t, where, {"x", "y", "width", "height", "color"}, problems);
    FilledRect rect;
    rect.x = read_required(t, "x", where, 0, kMaxMillimetres, problems);
    rect.y = read_required(t, "y", where, 0, kMaxMillimetres, problems);
    rect.width = read_required(t, "width", where, 0, kMaxMillimetres, problems);
    rect.height = read_required(t, "height", where, 0, kMaxMillimetres, problems);
    if (auto colour = read_colour(t, "color", where, problems)) {
        rect.colour = *colour;
    } else if (t.get("color") == nullptr) {
        problems.add(t.source(), where + "color", "is missing");
    }
    return rect;
}

// Calls `read` with each table of the array `name` ([[name]]) and its element's name.
template <class Read>
void each_element(const toml::table& root, std::string_view name, Problems& problems, Read read) {
    const toml::node* node = root.get(name);
    if (node == nullptr) return;
    const toml::array* array = node->as_array();
    if (array == nullptr) {
        problems.add(node->source(), name, "must be written [[" + std::string(name) + "]]");
        return;
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
        const std::string where = std::string(name) + " " + std::to_string(i + 1) + ": ";
        if (const toml::table* t = array->get(i)->as_table()) {
            read(*t, where);
        } else {
            problems.add(array->get(i)->source(), where.substr(0, where.size() - 2),
                         "must be a table");
        }
    }
}

void read_card(const toml::table& root, CardDesign& design, Problems& problems) {
    const toml::table* card = toml_reading::section(root, "card", problems);
    if (card == nullptr) return;
    toml_reading::reject_unknown_keys(*card, "card.", {"width", "height", "background"}, problems);
    design.width = read_number(*card, "width", "card.", design.width, 10, 500, problems);
    design.height = read_number(*card, "height", "card.", design.height, 10, 500, problems);
    if (auto colour = read_colour(*card, "background", "card.", problems))
        design.background = *colour;
}

}  // namespace

Result<Colour> parse_colour(std::string_view text) {
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    const bool shaped =
        text.size() == 7 && text[0] == '#' &&
        std::all_of(text.begin() + 1, text.end(), [&](char c) { return hex(c) >= 0; });
    if (!shaped)
        return make_error("\"" + std::string(text) + "\" is not a colour like \"#1f4e79\"");
    auto channel = [&](std::size_t at) { return (hex(text[at]) * 16 + hex(text[at + 1])) / 255.0; };
    return Colour{channel(1), channel(3), channel(5)};
}

Result<CardDesign> parse_design(std::string_view toml_text, std::string_view source_name) {
    Problems problems(source_name);
    toml::table root;
    try {
        root = toml::parse(toml_text, source_name);
    } catch (const toml::parse_error& e) {
        problems.add(e.source(), "syntax", e.description());
        return problems.error();
    }
    CardDesign design;
    design.name = std::filesystem::path(source_name).stem().string();
    toml_reading::reject_unknown_keys(root, "", {"description", "card", "rect", "column", "image"},
                                      problems);
    design.description =
        toml_reading::read_string(root, "description", "description", "", problems);
    read_card(root, design, problems);
    each_element(root, "rect", problems, [&](const toml::table& t, const std::string& where) {
        design.rects.push_back(read_rect(t, where, problems));
    });
    each_element(root, "column", problems, [&](const toml::table& t, const std::string& where) {
        design.columns.push_back(read_column(t, where, problems));
    });
    each_element(root, "image", problems, [&](const toml::table& t, const std::string& where) {
        design.images.push_back(read_image(t, where, problems));
    });
    if (problems.empty() && design.columns.empty() && design.images.empty())
        problems.add("design", "has no [[column]] and no [[image]]: it would draw no field");
    if (!problems.empty()) return problems.error();
    return design;
}

}  // namespace cardex::client::render
