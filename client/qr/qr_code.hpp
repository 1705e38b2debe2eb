// A QR code as a square of modules (libqrencode), and the forms it is shown in: lines of
// Unicode half blocks for a terminal, a grey image (for PNG) and SVG.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace cardex::client::qr {

class QrMatrix {
  public:
    QrMatrix() = default;
    QrMatrix(std::size_t size, std::vector<bool> dark) : size_(size), dark_(std::move(dark)) {}
    std::size_t size() const { return size_; }  // modules per side
    bool dark(std::size_t x, std::size_t y) const { return dark_[y * size_ + x]; }

  private:
    std::size_t size_ = 0;
    std::vector<bool> dark_;
};

// The light border every reader needs around the code, in modules (ISO/IEC 18004: 4).
inline constexpr std::size_t kQuietZone = 4;

// `text` as a QR code (byte mode, error correction level M); an Error when it does not fit.
Result<QrMatrix> encode_qr(std::string_view text);

}  // namespace cardex::client::qr
