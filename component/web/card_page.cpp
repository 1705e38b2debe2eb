#include "component/web/card_page.hpp"

#include <array>
#include <vector>

#include "core/text/join.hpp"
#include "core/xml/writer.hpp"

namespace cardex::component::web {
namespace {

// `xmpp_uri`, when given, is named in the head for clients that scanned the page's address
// (xep-draft, "A Web Page for Every Scanner").
std::string document(const std::string& title, const std::string& body,
                     const std::string& xmpp_uri = "") {
    const std::string alternate =
        xmpp_uri.empty() ? "" : "<link rel=\"alternate\" href=\"" + html_escape(xmpp_uri) + "\">";
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<meta name=\"referrer\" content=\"no-referrer\">"
           "<title>" +
           html_escape(title) + "</title><link rel=\"stylesheet\" href=\"/style.css\">" +
           alternate + "</head><body><main>" + body + "</main></body></html>\n";
}

std::string line(const std::string& cls, const std::string& text) {
    if (text.empty()) return "";
    return "<p class=\"" + cls + "\">" + html_escape(text) + "</p>";
}

std::string link_item(const std::string& label, const std::string& href, const std::string& text) {
    return "<li><span class=\"label\">" + html_escape(label) + "</span> <a href=\"" +
           html_escape(href) + "\">" + html_escape(text) + "</a></li>";
}

std::string types_label(const std::vector<std::string>& types, const std::string& fallback) {
    std::vector<std::string> shown;
    for (const auto& t : types) {
        if (t != "voice" && t != "internet" && t != "pref") shown.push_back(t);
    }
    return shown.empty() ? fallback : fallback + " (" + join(shown, ", ") + ")";
}

// Only images held in the card itself are shown: the page loads nothing from elsewhere.
std::string photo_of(const vcard::Card& card) {
    const auto photo = card.photo() ? card.photo() : card.logo();
    if (!photo || photo->uri.rfind("data:image/", 0) != 0) return "";
    return "<img class=\"photo\" alt=\"\" src=\"" + html_escape(photo->uri) + "\">";
}

std::string contact_list(const vcard::Card& card) {
    std::string items;
    for (const auto& phone : card.phones()) {
        std::string digits;
        for (const char c : phone.number) {
            if ((c >= '0' && c <= '9') || c == '+') digits += c;
        }
        items += link_item(types_label(phone.types, "phone"), "tel:" + digits, phone.number);
    }
    for (const auto& email : card.emails())
        items +=
            link_item(types_label(email.types, "e-mail"), "mailto:" + email.address, email.address);
    for (const auto& url : card.urls()) {
        if (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0)
            items += link_item("web", url, url);
    }
    for (const auto& a : card.addresses()) {
        const std::string text =
            a.label.empty()
                ? join_non_empty(std::vector<std::string>{a.street, a.postal_code, a.locality,
                                                          a.region, a.country},
                                 ", ")
                : a.label;
        items += "<li><span class=\"label\">" + html_escape(types_label(a.types, "address")) +
                 "</span> " + html_escape(text) + "</li>";
    }
    return items.empty() ? "" : "<ul class=\"contact\">" + items + "</ul>";
}

std::string field(const FormState& form, const std::string& name, const std::string& label,
                  const std::string& type, bool required) {
    const auto value = form.values.find(name);
    const auto error = form.errors.find(name);
    std::string out = "<label>" + html_escape(label) + (required ? " *" : "") + "<input name=\"" +
                      name + "\" type=\"" + type + "\"" + (required ? " required" : "") +
                      " value=\"" + html_escape(value == form.values.end() ? "" : value->second) +
                      "\">";
    if (error != form.errors.end())
        out += "<span class=\"error\">" + html_escape(error->second) + "</span>";
    return out + "</label>";
}

std::string reply_form(const PageCard& page, const FormState& form) {
    const auto note = form.values.find("note");
    std::string out =
        "<section class=\"reply\"><h2>Send your card back</h2>"
        "<form method=\"post\" action=\"/c/" +
        html_escape(page.token) + "/reply\">" + field(form, "name", "Name", "text", true) +
        field(form, "phone", "Phone", "tel", false) +
        field(form, "email", "E-mail", "email", false) +
        field(form, "org", "Organisation", "text", false) + "<label>Note<textarea name=\"note\">" +
        html_escape(note == form.values.end() ? "" : note->second) + "</textarea>";
    if (const auto e = form.errors.find("note"); e != form.errors.end())
        out += "<span class=\"error\">" + html_escape(e->second) + "</span>";
    out += "</label>";
    if (const auto e = form.errors.find(""); e != form.errors.end())
        out += "<p class=\"error\">" + html_escape(e->second) + "</p>";
    return out + "<button type=\"submit\">Send my card</button></form></section>";
}

}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    xml::append_escaped(out, text);  // the five characters HTML treats specially, and bad UTF-8
    return out;
}

std::string card_page(const PageCard& page, const FormState& form) {
    const auto& card = page.card;
    const std::string name = card.formatted_name();
    const auto org = card.organization();
    const std::string base = "/c/" + page.token;
    std::string body = "<article class=\"card\">" + photo_of(card) + "<h1>" + html_escape(name) +
                       "</h1>" + line("title", card.title()) +
                       line("org", org.empty() ? "" : join_non_empty(org, ", ")) +
                       contact_list(card) + line("note", card.note()) + "</article>";
    body += "<nav class=\"actions\"><a class=\"button\" href=\"" + html_escape(base) +
            "/card.vcf\">Save to contacts</a> <a href=\"" + html_escape(base) +
            "/card.vcf?version=3.0\">(vCard 3.0 for older phones)</a> <a class=\"button\" "
            "href=\"" +
            html_escape(page.xmpp_uri) + "\">Open in an XMPP app</a></nav>";
    if (page.replies) body += reply_form(page, form);
    return document(name + " \xE2\x80\x94 business card", body, page.xmpp_uri);
}

std::string invalid_page() {
    return message_page(
        "This code is no longer valid",
        "The card behind this QR code cannot be shown: the code has expired, has "
        "been used up or withdrawn, or never existed. Ask its owner for a new one.");
}

std::string sent_page(const std::string& owner_name) {
    return message_page(
        "Your card is on its way",
        "Your card was sent to " + owner_name + ". It reaches them the next time they are online.");
}

std::string message_page(const std::string& title, const std::string& text) {
    return document(title, "<h1>" + html_escape(title) + "</h1><p>" + html_escape(text) + "</p>");
}

std::string stylesheet() {
    return "body{margin:0;font-family:system-ui,\"Noto Sans\",\"Noto Sans CJK SC\",sans-serif;"
           "background:#eef1f4;color:#1b1f24}"
           "main{max-width:34rem;margin:0 auto;padding:1rem}"
           ".card{background:#fff;border-radius:.8rem;padding:1.2rem;"
           "box-shadow:0 1px 4px rgba(0,0,0,.15)}"
           "h1{margin:.2rem 0;font-size:1.6rem;overflow-wrap:anywhere}"
           ".title,.org{margin:.1rem 0;color:#444}.note{color:#555;white-space:pre-wrap}"
           ".photo{max-width:6rem;max-height:6rem;border-radius:.5rem;float:right}"
           "ul.contact{list-style:none;padding:0;margin:1rem 0 0}"
           "ul.contact li{margin:.4rem 0;overflow-wrap:anywhere}"
           ".label{display:block;font-size:.8rem;color:#666}"
           ".actions{margin:1rem 0;display:flex;flex-wrap:wrap;gap:.6rem;align-items:center}"
           "a.button,button{background:#1d5fbf;color:#fff;padding:.6rem 1rem;border-radius:.4rem;"
           "text-decoration:none;border:0;font-size:1rem}"
           ".reply{background:#fff;border-radius:.8rem;padding:1rem 1.2rem}"
           "label{display:block;margin:.6rem 0}input,textarea{display:block;width:100%;"
           "box-sizing:border-box;padding:.5rem;font-size:1rem;margin-top:.2rem}"
           ".error{color:#b00020;display:block}\n";
}

}  // namespace cardex::component::web
