// A card design ("template" to users): a small TOML file that says how a card image is drawn.
//
// Sizes and positions are in millimetres from the card's top-left corner; colours are
// "#rrggbb"; fonts are Pango font descriptions ("Sans Bold 11", "Serif Italic 8"). Example:
//
//   description = "Name at the top, details at the bottom"
//
//   [card]
//   width = 85                  # mm (default 85 x 55, the European business card)
//   height = 55
//   background = "#ffffff"
//
//   [[rect]]                    # a filled rectangle, drawn first (bands, rules)
//   x = 0
//   y = 0
//   width = 4
//   height = 55
//   color = "#1f4e79"
//
//   [[column]]                  # lines stacked one under the other; an empty field leaves no gap
//   x = 10
//   y = 9                       # the top of the first line (anchor = "bottom": the bottom of the
//   last) width = 65 align = "left"              # left, center or right font = "Sans 7" # the
//   default of every line color = "#333333" spacing = 0.5               # mm between lines (default
//   0.4) lines = [
//     { field = "fn", font = "Sans Bold 12", color = "#111111" },
//     "title",                  # a bare name: the field in the column's font and colour
//     { field = "tel", prefix = "Tel. " },
//     { space = 2 },            # a fixed gap of 2 mm (dropped when nothing follows it)
//     "adr",                    # several lines: the address block
//   ]
//
//   [[image]]                   # the photo, the logo or the QR code, fitted into the box
//   field = "photo"             # photo, logo or qr
//   x = 60
//   y = 8
//   width = 18
//   height = 18
//   round = true                # cut to a circle (default false)
//
// Fields: fn, title, org, tel (the preferred phone, else the first), tel.cell, tel.work,
// tel.home, fax, email, url, adr, note, xmpp (the IMPP xmpp: address), and for images photo,
// logo and qr (drawn only when a QR text is given to render_card). A field the card does not
// have is left out. Designs are shipped inside the program (client/render/designs/) and a
// user's own are the *.toml files of <profile dir>/templates/; a user's design takes
// precedence over a shipped one of the same name.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace cardex::client::render {

struct Colour {
    double red = 0, green = 0, blue = 0;  // 0..1
    friend bool operator==(const Colour&, const Colour&) = default;
};

enum class Align { left, center, right };

// One line of a column: a field's text, or a fixed gap.
struct ColumnLine {
    std::string field;             // empty for a gap
    double space = 0;              // mm, for a gap
    std::string prefix;            // put before the field's text ("Tel. ")
    std::string font;              // the column's when empty
    std::optional<Colour> colour;  // the column's when absent
    friend bool operator==(const ColumnLine&, const ColumnLine&) = default;
};

struct Column {
    double x = 0, y = 0, width = 0;
    bool anchor_bottom = false;  // y is the bottom of the last line
    Align align = Align::left;
    std::string font = "Sans 8";
    Colour colour;
    double spacing = 0.4;  // mm between lines
    std::vector<ColumnLine> lines;
    friend bool operator==(const Column&, const Column&) = default;
};

struct ImageBox {
    std::string field;  // photo, logo or qr
    double x = 0, y = 0, width = 0, height = 0;
    bool round = false;
    friend bool operator==(const ImageBox&, const ImageBox&) = default;
};

struct FilledRect {
    double x = 0, y = 0, width = 0, height = 0;
    Colour colour;
    friend bool operator==(const FilledRect&, const FilledRect&) = default;
};

struct CardDesign {
    std::string name;  // the file's name without .toml
    std::string description;
    double width = 85, height = 55;  // mm
    Colour background{1, 1, 1};
    std::vector<FilledRect> rects;
    std::vector<Column> columns;
    std::vector<ImageBox> images;
    friend bool operator==(const CardDesign&, const CardDesign&) = default;
};

struct DesignInfo {
    std::string name, description;
    bool user = false;  // from the user's templates folder, not shipped
};

// The designs there are, by name: the user's (*.toml in `user_dir`, which may not exist) and
// the shipped ones a user's does not replace. A user's file that does not parse is listed with
// its error as the description.
std::vector<DesignInfo> list_designs(const std::filesystem::path& user_dir);
// The design `name`: the user's `<user_dir>/<name>.toml`, else the shipped one. An Error names
// the designs there are when there is none of that name, or says what is wrong in the file.
Result<CardDesign> load_design(std::string_view name, const std::filesystem::path& user_dir);
// A design from TOML text; `source_name` (a file name or design name) starts every error, and
// the error names the element (column 2, line 3) and what is wrong with it.
Result<CardDesign> parse_design(std::string_view toml_text, std::string_view source_name);
// The vCard fields the design uses (fn, tel.cell, photo, ...), in the order they appear, once.
std::vector<std::string> design_fields(const CardDesign& design);

// The names of the fields a design may use, text fields first.
const std::vector<std::string>& known_fields();
bool is_image_field(std::string_view field);
// "#1f4e79" as a colour; an Error quoting the text when it is not #rrggbb.
Result<Colour> parse_colour(std::string_view text);

}  // namespace cardex::client::render
