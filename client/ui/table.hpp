// Aligned columns for listings (`cardex list`, `status`, `inbox`), measured with
// display_width() so that CJK text lines up. The last column is truncated (with "…") to keep
// a row within the given width; no column is ever padded on the right of the last one.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace cardex::client::ui {

enum class Align { left, right };

class Table {
  public:
    void add_column(std::string header, Align align = Align::left);
    void add_row(std::vector<std::string> cells);  // as many cells as columns
    bool empty() const { return rows_.empty(); }

    // Header, then the rows; columns separated by two spaces; lines ended by '\n'. Columns
    // wider than their share of `max_width` are truncated, the widest first.
    std::string render(std::size_t max_width = 100) const;

  private:
    struct Column {
        std::string header;
        Align align;
    };
    std::vector<Column> columns_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace cardex::client::ui
