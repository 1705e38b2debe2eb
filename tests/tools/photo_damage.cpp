#include "tests/tools/photo_damage.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include "client/ocr/pix.hpp"

namespace cardex::tests {
namespace {

using client::ocr::PixPtr;
constexpr double kPi = 3.14159265358979323846;

PixPtr rotated(PIX* pix, std::mt19937& random, double most_degrees) {
    std::uniform_real_distribution<double> degrees(1.5, most_degrees);
    const double sign = (random() & 1) ? 1.0 : -1.0;
    const auto radians = static_cast<l_float32>(sign * degrees(random) * kPi / 180.0);
    return PixPtr(pixRotate(pix, radians, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
}

PixPtr blurred(PIX* pix, int radius) {
    return PixPtr(pixBlockconv(pix, radius, radius));
}

PixPtr noisy(PIX* pix, std::mt19937& random, double sigma) {
    PixPtr out(pixCopy(nullptr, pix));
    std::normal_distribution<double> noise(0.0, sigma);
    const int w = pixGetWidth(out.get()), h = pixGetHeight(out.get());
    const auto clamp = [](double v) { return static_cast<l_int32>(std::clamp(v, 0.0, 255.0)); };
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            l_int32 r = 0, g = 0, b = 0;
            pixGetRGBPixel(out.get(), x, y, &r, &g, &b);
            const double n = noise(random);  // the same on every channel, as a sensor's is mostly
            pixSetRGBPixel(out.get(), x, y, clamp(r + n), clamp(g + n), clamp(b + n));
        }
    }
    return out;
}

// Seen from a little to the side: each corner moved inwards by up to `most` of the size.
PixPtr at_an_angle(PIX* pix, std::mt19937& random, double most) {
    const auto w = static_cast<l_float32>(pixGetWidth(pix));
    const auto h = static_cast<l_float32>(pixGetHeight(pix));
    std::uniform_real_distribution<double> inwards(0.0, most);
    const auto dx = [&] { return static_cast<l_float32>(inwards(random) * w); };
    const auto dy = [&] { return static_cast<l_float32>(inwards(random) * h); };
    PTA* source = ptaCreate(4);
    PTA* target = ptaCreate(4);
    ptaAddPt(source, 0, 0);
    ptaAddPt(source, w - 1, 0);
    ptaAddPt(source, w - 1, h - 1);
    ptaAddPt(source, 0, h - 1);
    ptaAddPt(target, dx(), dy());
    ptaAddPt(target, w - 1 - dx(), dy());
    ptaAddPt(target, w - 1 - dx(), h - 1 - dy());
    ptaAddPt(target, dx(), h - 1 - dy());
    // pixProjectivePta maps the target's points back onto the source's.
    PixPtr out(pixProjectivePta(pix, target, source, L_BRING_IN_WHITE));
    ptaDestroy(&source);
    ptaDestroy(&target);
    return out;
}

PixPtr smaller(PIX* pix, double factor) {
    const auto f = static_cast<l_float32>(factor);
    return PixPtr(pixScaleSmooth(pix, f, f));
}

}  // namespace

const std::vector<Damage>& all_damages() {
    static const std::vector<Damage> all = {
        Damage::none,        Damage::rotation,       Damage::blur, Damage::noise,
        Damage::perspective, Damage::low_resolution, Damage::jpeg, Damage::combined};
    return all;
}

std::string_view damage_name(Damage damage) {
    switch (damage) {
        case Damage::none:
            return "none";
        case Damage::rotation:
            return "rotation";
        case Damage::blur:
            return "blur";
        case Damage::noise:
            return "noise";
        case Damage::perspective:
            return "perspective";
        case Damage::low_resolution:
            return "low-resolution";
        case Damage::jpeg:
            return "jpeg";
        case Damage::combined:
            return "combined";
    }
    return "unknown";
}

Result<std::string> damaged_photo(std::string_view picture, Damage damage, std::uint32_t seed) {
    auto read = client::ocr::read_picture(picture);
    if (!read) return read.error();
    PixPtr pix(pixConvertTo32(read->get()));
    if (!pix) return make_error("cannot convert the picture to colour");
    std::mt19937 random(seed);
    int quality = 90;
    switch (damage) {
        case Damage::none:
            break;
        case Damage::rotation:
            pix = rotated(pix.get(), random, 5.0);
            break;
        case Damage::blur:
            pix = blurred(pix.get(), 1);
            break;
        case Damage::noise:
            pix = noisy(pix.get(), random, 18.0);
            break;
        case Damage::perspective:
            pix = at_an_angle(pix.get(), random, 0.06);
            break;
        case Damage::low_resolution:
            pix = smaller(pix.get(), 0.5);
            break;
        case Damage::jpeg:
            quality = 25;
            break;
        case Damage::combined:
            pix = at_an_angle(pix.get(), random, 0.04);
            pix = rotated(pix.get(), random, 3.0);
            pix = smaller(pix.get(), 0.7);
            pix = blurred(pix.get(), 1);
            pix = noisy(pix.get(), random, 8.0);
            quality = 50;
            break;
    }
    if (!pix)
        return make_error("cannot damage the picture (" + std::string(damage_name(damage)) + ")");
    return client::ocr::jpeg_bytes(pix.get(), quality);
}

}  // namespace cardex::tests
