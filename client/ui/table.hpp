// Aligned columns for listings (`cardex list`, `status`, `inbox`), measured with
// display_width() so that CJK text lines up. When the rows would be wider than allowed, the
// widest column is truncated (with "…") first; no line ends in padding. Cells go through
// sanitize_for_terminal(), so a name from a card cannot inject escape sequences or line breaks.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace cardex::client::ui {

enum class Align { left, right };

class Table {
  public:
    void add_column(std::string header, Align align = Align::left);
    // As many cells as columns; missing cells are shown empty, extra ones are not shown.
    void add_row(std::vector<std::string> cells);
    bool empty() const { return rows_.empty(); }

    // Header, then the rows; columns separated by two spaces; lines ended by '\n'. While the
    // lines are wider than `max_width`, the widest column (the rightmost of equally wide ones)
    // loses a column, down to one column each.
    std::string render(std::size_t max_width = 100) const;

  private:
    std::vector<std::string> header_line() const;
    std::vector<std::string> row_line(const std::vector<std::string>& row) const;

    struct Column {
        std::string header;
        Align align;
    };
    std::vector<Column> columns_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace cardex::client::ui
