#include "client/ocr/pix.hpp"

#include <cstdlib>

namespace cardex::client::ocr {
namespace {

Result<std::string> taken(l_uint8* data, std::size_t size, const char* what) {
    if (data == nullptr) return make_error(std::string("cannot encode the picture as ") + what);
    std::string out(reinterpret_cast<const char*>(data), size);
    std::free(data);
    return out;
}

}  // namespace

void quiet_leptonica() {
    setMsgSeverity(L_SEVERITY_NONE);
}

Result<PixPtr> read_picture(std::string_view bytes) {
    quiet_leptonica();
    if (bytes.empty()) return make_error("the file is empty");
    l_int32 format = IFF_UNKNOWN;
    const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
    if (findFileFormatBuffer(data, &format) != 0 || format == IFF_UNKNOWN)
        return make_error("not a picture (JPEG, PNG, TIFF, BMP, GIF or WebP)");
    PixPtr pix(pixReadMem(data, bytes.size()));
    if (!pix) return make_error("the picture is damaged or cut short and cannot be read");
    if (pixGetWidth(pix.get()) < 16 || pixGetHeight(pix.get()) < 16)
        return make_error("the picture is too small to hold readable text");
    return pix;
}

Result<std::string> jpeg_bytes(PIX* pix, int quality) {
    l_uint8* data = nullptr;
    std::size_t size = 0;
    if (pixWriteMemJpeg(&data, &size, pix, quality, 0) != 0) data = nullptr;
    return taken(data, size, "JPEG");
}

Result<std::string> png_bytes(PIX* pix) {
    l_uint8* data = nullptr;
    std::size_t size = 0;
    if (pixWriteMemPng(&data, &size, pix, 0.0f) != 0) data = nullptr;
    return taken(data, size, "PNG");
}

}  // namespace cardex::client::ocr
