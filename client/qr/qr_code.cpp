#include "client/qr/qr_code.hpp"

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace cardex::client::qr {

Result<QrMatrix> encode_qr(std::string_view text) {
    const std::string data(text);
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!code) {
        return make_error("cannot make a QR code of " + std::to_string(text.size()) +
                          " bytes: " + std::strerror(errno));
    }
    const auto size = static_cast<std::size_t>(code->width);
    std::vector<bool> dark(size * size);
    for (std::size_t i = 0; i < dark.size(); ++i)
        dark[i] = (code->data[i] & 1) != 0;  // bit 0: a dark module
    return QrMatrix(size, std::move(dark));
}

}  // namespace cardex::client::qr
