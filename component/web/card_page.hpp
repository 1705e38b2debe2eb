// The HTML of a token's web page (the draft's "A Web Page for Every Scanner"): the owner's
// card, readable on a phone, with the download links, the XMPP URI and, where the token allows
// it, the form for sending a card back; the one page for every token that cannot be used; and
// the page after a card was sent. Pure functions: everything they write from a card or a
// form is HTML-escaped, and the pages hold no script and no inline style (the stylesheet is
// served at /style.css, so that the Content-Security-Policy can forbid inline code).
#pragma once

#include <map>
#include <string>

#include "core/vcard/card.hpp"

namespace cardex::component::web {

// What the visitor typed into the form, and what is wrong with it (field name -> message).
struct FormState {
    std::map<std::string, std::string> values;
    std::map<std::string, std::string> errors;
};

struct PageCard {
    vcard::Card card;
    std::string token;
    std::string xmpp_uri;  // the token's XMPP URI, for a client that exchanges
    bool replies = true;   // whether the form for sending a card back is offered
};

std::string html_escape(std::string_view text);

std::string card_page(const PageCard& page, const FormState& form = {});
std::string invalid_page();
std::string sent_page(const std::string& owner_name);
std::string message_page(const std::string& title, const std::string& text);
std::string stylesheet();

}  // namespace cardex::component::web
