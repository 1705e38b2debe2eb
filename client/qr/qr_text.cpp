#include "client/qr/qr_text.hpp"

namespace cardex::client::qr {
namespace {

constexpr const char* kUpper = "\u2580";  // ▀
constexpr const char* kLower = "\u2584";  // ▄
constexpr const char* kFull = "\u2588";   // █

// Whether the module at (x, y) of the code with its quiet zone around it is light.
bool light(const QrMatrix& code, std::size_t quiet, long x, long y) {
    const long q = static_cast<long>(quiet);
    const long n = static_cast<long>(code.size());
    if (x < q || y < q || x >= q + n || y >= q + n) return true;
    return !code.dark(static_cast<std::size_t>(x - q), static_cast<std::size_t>(y - q));
}

}  // namespace

std::vector<std::string> half_block_lines(const QrMatrix& code, std::size_t quiet_zone) {
    const long side = static_cast<long>(code.size() + 2 * quiet_zone);
    std::vector<std::string> lines;
    for (long y = 0; y < side; y += 2) {
        std::string line;
        for (long x = 0; x < side; ++x) {
            const bool top = light(code, quiet_zone, x, y);
            const bool bottom = y + 1 < side ? light(code, quiet_zone, x, y + 1) : false;
            line += top && bottom ? kFull : top ? kUpper : bottom ? kLower : " ";
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

Result<QrMatrix> read_half_block_lines(const std::vector<std::string>& lines) {
    std::vector<std::vector<bool>> rows;  // light modules, two rows per line
    for (const auto& line : lines) {
        std::vector<bool> top, bottom;
        for (std::size_t i = 0; i < line.size();) {
            if (line[i] == ' ') {
                top.push_back(false);
                bottom.push_back(false);
                ++i;
                continue;
            }
            const std::string c = line.substr(i, 3);
            if (c != kUpper && c != kLower && c != kFull)
                return make_error("not a half block at byte " + std::to_string(i) + ": " + line);
            top.push_back(c != kLower);
            bottom.push_back(c != kUpper);
            i += 3;
        }
        rows.push_back(std::move(top));
        rows.push_back(std::move(bottom));
    }
    const std::size_t side = rows.empty() ? 0 : rows.front().size();
    rows.resize(side);  // an odd side leaves the last line's lower half out
    std::vector<bool> dark;
    for (const auto& row : rows) {
        if (row.size() != side) return make_error("the lines are not all equally long");
        for (bool l : row)
            dark.push_back(!l);
    }
    return QrMatrix(side, std::move(dark));
}

}  // namespace cardex::client::qr
