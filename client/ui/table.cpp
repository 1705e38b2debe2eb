#include "client/ui/table.hpp"

#include <algorithm>

#include "client/ui/text_width.hpp"

namespace cardex::client::ui {
namespace {

constexpr std::string_view kColumnGap = "  ";
constexpr std::size_t kNarrowestColumn = 1;

using Line = std::vector<std::string>;

std::size_t total_width(const std::vector<std::size_t>& widths) {
    std::size_t total = 0;
    for (const std::size_t width : widths)
        total += width;
    return total + kColumnGap.size() * (widths.size() - 1);
}

// Takes one column at a time from the widest column (the rightmost of equally wide ones, as
// the free text of a listing is usually last) until the lines fit or nothing can give.
void shrink_to_fit(std::vector<std::size_t>& widths, std::size_t max_width) {
    while (total_width(widths) > max_width) {
        const auto widest = std::max_element(widths.rbegin(), widths.rend());
        if (*widest <= kNarrowestColumn) return;
        --*widest;
    }
}

std::vector<std::size_t> natural_widths(const std::vector<Line>& lines, std::size_t columns) {
    std::vector<std::size_t> widths(columns, 0);
    for (const Line& line : lines) {
        for (std::size_t i = 0; i < columns; ++i)
            widths[i] = std::max(widths[i], display_width(line[i]));
    }
    return widths;
}

std::string trim_trailing_spaces(std::string line) {
    const std::size_t end = line.find_last_not_of(' ');
    line.erase(end == std::string::npos ? 0 : end + 1);
    return line;
}

std::string render_line(const Line& line, const std::vector<std::size_t>& widths,
                        const std::vector<Align>& aligns) {
    std::string text;
    for (std::size_t i = 0; i < widths.size(); ++i) {
        if (i > 0) text += kColumnGap;
        const std::string cell = truncate_to_width(line[i], widths[i]);
        text += aligns[i] == Align::right ? pad_left(cell, widths[i]) : pad_right(cell, widths[i]);
    }
    return trim_trailing_spaces(std::move(text)) + "\n";
}

}  // namespace

void Table::add_column(std::string header, Align align) {
    columns_.push_back({std::move(header), align});
}

void Table::add_row(std::vector<std::string> cells) {
    rows_.push_back(std::move(cells));
}

std::string Table::render(std::size_t max_width) const {
    if (columns_.empty()) return {};
    std::vector<Line> lines = {header_line()};
    for (const auto& row : rows_)
        lines.push_back(row_line(row));
    std::vector<std::size_t> widths = natural_widths(lines, columns_.size());
    shrink_to_fit(widths, max_width);

    std::vector<Align> aligns;
    for (const Column& column : columns_)
        aligns.push_back(column.align);
    std::string out;
    for (const Line& line : lines)
        out += render_line(line, widths, aligns);
    return out;
}

// Cells come from cards and servers: sanitised, so that they cannot carry escape sequences or
// line breaks into the listing.
std::vector<std::string> Table::header_line() const {
    std::vector<std::string> line;
    for (const Column& column : columns_)
        line.push_back(sanitize_for_terminal(column.header));
    return line;
}

// Missing cells are empty; extra ones are not shown.
std::vector<std::string> Table::row_line(const std::vector<std::string>& row) const {
    std::vector<std::string> line(columns_.size());
    for (std::size_t i = 0; i < line.size() && i < row.size(); ++i)
        line[i] = sanitize_for_terminal(row[i]);
    return line;
}

}  // namespace cardex::client::ui
