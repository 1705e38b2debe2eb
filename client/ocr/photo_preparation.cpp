#include "client/ocr/photo_preparation.hpp"

#include <algorithm>
#include <vector>

namespace cardex::client::ocr {
namespace {

// Tesseract reads best when capitals are about 30 px high; the median height of the dark
// blobs of a card's text (mostly lower-case letters, or parts of Han characters) is then about
// 20 px. Smaller text is enlarged up to three times; text more than half as large again is
// made smaller (which also saves time), down to half.
constexpr double kReadableBlobHeight = 20.0;
constexpr double kMostEnlargement = 3.0;
constexpr double kMostReduction = 0.5;
constexpr double kReduceBelow = 0.66;

constexpr int kCardPhotoLongSide = 800;
constexpr std::size_t kCardPhotoBytes = 45'000;

PixPtr grey_of(PIX* photo) {
    PixPtr plain(pixRemoveColormap(photo, REMOVE_CMAP_BASED_ON_SRC));
    PIX* source = plain ? plain.get() : photo;
    return PixPtr(pixConvertTo8(source, 0));
}

// The median height of the dark blobs that may be letters; 0 when there are none. Only to
// measure: the black-and-white copy is not what Tesseract reads.
double median_blob_height(PIX* grey) {
    PixPtr binary(pixConvertTo1(grey, 128));
    if (!binary) return 0.0;
    BOXA* boxes = pixConnComp(binary.get(), nullptr, 8);
    if (boxes == nullptr) return 0.0;
    std::vector<int> heights;
    const int count = boxaGetCount(boxes);
    const int page = pixGetHeight(grey);
    for (int i = 0; i < count; ++i) {
        l_int32 x = 0, y = 0, w = 0, h = 0;
        boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
        if (h >= 4 && h < page / 4 && w < 4 * h) heights.push_back(h);
    }
    boxaDestroy(&boxes);
    if (heights.size() < 5) return 0.0;
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    return heights[heights.size() / 2];
}

PixPtr scaled_to_long_side(PIX* pix, int long_side) {
    const int longest = std::max(pixGetWidth(pix), pixGetHeight(pix));
    if (longest <= long_side) return PixPtr(pixClone(pix));
    const float factor = static_cast<float>(long_side) / static_cast<float>(longest);
    return PixPtr(pixScale(pix, factor, factor));
}

}  // namespace

PreparedPhoto prepare_photo(PIX* photo) {
    PreparedPhoto out;
    out.grey = grey_of(photo);
    if (!out.grey) out.grey = PixPtr(pixClone(photo));
    l_float32 angle = 0.0f, confidence = 0.0f;
    if (PixPtr straight{pixFindSkewAndDeskew(out.grey.get(), 2, &angle, &confidence)}) {
        out.grey = std::move(straight);
        out.skew_degrees = angle;
    }
    const double blob = median_blob_height(out.grey.get());
    if (blob > 0.0) {
        const double factor =
            std::clamp(kReadableBlobHeight / blob, kMostReduction, kMostEnlargement);
        if (factor > 1.15 || factor < kReduceBelow) {
            const auto f = static_cast<l_float32>(factor);
            PixPtr scaled{factor > 1.0 ? pixScaleGrayLI(out.grey.get(), f, f)
                                       : pixScale(out.grey.get(), f, f)};
            if (scaled) {
                out.grey = std::move(scaled);
                out.scale = factor;
            }
        }
    }
    return out;
}

Result<std::string> photo_for_card(PIX* photo) {
    PixPtr colour(pixRemoveColormap(photo, REMOVE_CMAP_BASED_ON_SRC));
    if (!colour) return make_error("cannot read the colours of the photo");
    if (pixGetDepth(colour.get()) != 8 && pixGetDepth(colour.get()) != 32)
        colour = PixPtr(pixConvertTo32(colour.get()));
    int long_side = kCardPhotoLongSide;
    for (int attempt = 0; attempt < 6; ++attempt) {
        PixPtr small = scaled_to_long_side(colour.get(), long_side);
        for (int quality : {70, 55, 40}) {
            auto jpeg = jpeg_bytes(small.get(), quality);
            if (!jpeg) return jpeg.error();
            if (jpeg->size() <= kCardPhotoBytes) return jpeg;
        }
        long_side = long_side * 3 / 4;
    }
    return make_error("cannot make the photo small enough to keep in the card");
}

}  // namespace cardex::client::ocr
