#include "client/qr/qr_image.hpp"

namespace cardex::client::qr {

GrayImage rasterise(const QrMatrix& code, std::size_t scale, std::size_t quiet_zone) {
    GrayImage image;
    image.width = image.height = (code.size() + 2 * quiet_zone) * scale;
    image.pixels.assign(image.width * image.height, 255);
    for (std::size_t y = 0; y < code.size(); ++y) {
        for (std::size_t x = 0; x < code.size(); ++x) {
            if (!code.dark(x, y)) continue;
            for (std::size_t dy = 0; dy < scale; ++dy) {
                const std::size_t row = (y + quiet_zone) * scale + dy;
                const std::size_t col = (x + quiet_zone) * scale;
                std::fill_n(image.pixels.begin() + static_cast<long>(row * image.width + col),
                            scale, std::uint8_t{0});
            }
        }
    }
    return image;
}

std::string svg_of(const QrMatrix& code, std::size_t quiet_zone) {
    const std::string side = std::to_string(code.size() + 2 * quiet_zone);
    std::string path;
    for (std::size_t y = 0; y < code.size(); ++y) {
        for (std::size_t x = 0; x < code.size(); ++x) {
            if (!code.dark(x, y)) continue;
            path += "M" + std::to_string(x + quiet_zone) + " " + std::to_string(y + quiet_zone) +
                    "h1v1h-1z";
        }
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 " +
           side + " " + side + "\" width=\"" + std::to_string((code.size() + 2 * quiet_zone) * 8) +
           "\" height=\"" + std::to_string((code.size() + 2 * quiet_zone) * 8) +
           "\" shape-rendering=\"crispEdges\">\n"
           "<rect width=\"" +
           side + "\" height=\"" + side + "\" fill=\"#ffffff\"/>\n<path fill=\"#000000\" d=\"" +
           path + "\"/>\n</svg>\n";
}

}  // namespace cardex::client::qr
