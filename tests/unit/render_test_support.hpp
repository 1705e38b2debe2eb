// Cards and pictures shared by the tests of card designs and their rendering.
#pragma once

#include <cairo.h>

#include <cmath>
#include <string>
#include <string_view>

#include "core/vcard/card.hpp"
#include "core/vcard/media.hpp"
#include "core/vcard/reader.hpp"

namespace cardex::client::render::test {

inline vcard::Card read_card(std::string_view text) {
    auto read = vcard::read_vcard_text(text);
    return read.cards.empty() ? vcard::Card{} : read.cards.front();
}

inline const char* const kGermanCard =
    "BEGIN:VCARD\r\nVERSION:4.0\r\n"
    "FN:Jürgen Größmann\r\n"
    "N:Größmann;Jürgen;;Dr.;\r\n"
    "TITLE:Leiter Qualitätssicherung\r\n"
    "ORG:Müller & Söhne Maschinenbau GmbH\r\n"
    "TEL;TYPE=work,voice;VALUE=uri:tel:+49-89-1234567\r\n"
    "TEL;TYPE=cell;VALUE=uri:tel:+49-171-7654321\r\n"
    "TEL;TYPE=work,fax;VALUE=uri:tel:+49-89-1234568\r\n"
    "EMAIL;TYPE=work:j.groessmann@mueller-soehne.de\r\n"
    "URL:https://mueller-soehne.de\r\n"
    "ADR;TYPE=work:;;Lindwurmstraße 12;München;;80337;Deutschland\r\n"
    "IMPP:xmpp:juergen@mueller-soehne.de\r\n"
    "END:VCARD\r\n";

inline const char* const kChineseCard =
    "BEGIN:VCARD\r\nVERSION:4.0\r\n"
    "FN:王小明\r\n"
    "N:王;小明;;;\r\n"
    "TITLE:高级软件工程师\r\n"
    "ORG:北京星辰科技有限公司\r\n"
    "TEL;TYPE=cell;VALUE=uri:tel:+86-138-0013-8000\r\n"
    "EMAIL:xiaoming.wang@xingchen.cn\r\n"
    "ADR;TYPE=work:;;海淀区中关村大街1号;北京;;100080;中国\r\n"
    "END:VCARD\r\n";

inline const char* const kEnglishCard =
    "BEGIN:VCARD\r\nVERSION:4.0\r\n"
    "FN:Alice Example\r\n"
    "TITLE:Head of Research\r\n"
    "ORG:Example Labs Ltd.\r\n"
    "TEL;TYPE=work;PREF=1:+44 20 7946 0000\r\n"
    "TEL;TYPE=cell:+44 7700 900123\r\n"
    "EMAIL:alice@example.org\r\n"
    "URL:https://example.org\r\n"
    "IMPP:xmpp:alice@example.org\r\n"
    "ADR;TYPE=work:;;1 Science Park Road;Cambridge;;CB4 0WA;United Kingdom\r\n"
    "END:VCARD\r\n";

inline cairo_status_t append_png(void* closure, const unsigned char* data, unsigned int size) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), size);
    return CAIRO_STATUS_SUCCESS;
}

// A small drawn portrait (a head and shoulders on a blue ground) as PNG bytes: always the same.
inline std::string portrait_png() {
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 120, 120);
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 0.55, 0.70, 0.85);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.25, 0.30, 0.40);
    cairo_arc(cr, 60, 130, 48, 0, 2 * M_PI);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.93, 0.78, 0.66);
    cairo_arc(cr, 60, 55, 24, 0, 2 * M_PI);
    cairo_fill(cr);
    cairo_destroy(cr);
    std::string bytes;
    cairo_surface_write_to_png_stream(surface, append_png, &bytes);
    cairo_surface_destroy(surface);
    return bytes;
}

// The card with the picture as its PHOTO (a data: URI).
inline void set_photo(vcard::Card& card, std::string_view media_type, std::string_view bytes) {
    card.remove("PHOTO");
    vcard::Property photo;
    photo.name = "PHOTO";
    photo.value_type = "uri";
    photo.components = {{vcard::make_data_uri(media_type, bytes)}};
    card.add(std::move(photo));
}

}  // namespace cardex::client::render::test
