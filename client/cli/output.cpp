#include "client/cli/output.hpp"

#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "client/ui/card_view.hpp"
#include "client/ui/text_width.hpp"
#include "core/protocol/timestamp.hpp"

namespace cardex::cli {
namespace {

using client::book::Origin;

std::string provenance_line(const client::book::Provenance& p) {
    const Origin& o = p.origin;
    switch (o.kind) {
        case Origin::Kind::received:
            return "from " + o.sender + " via " + o.service +
                   (o.detail.empty() ? "" : " (" + o.detail + ")") + ", " + when(p.at);
        case Origin::Kind::imported:
            return "imported from " + o.detail + " (card " + std::to_string(o.card_number) + "), " +
                   when(p.at);
        case Origin::Kind::user:
            return "cardex " + o.detail + ", " + when(p.at);
    }
    return when(p.at);
}

}  // namespace

std::size_t card_width() {
    winsize size{};
    if (::isatty(STDOUT_FILENO) && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
        size.ws_col >= 24) {
        return std::min<std::size_t>(size.ws_col, 72);
    }
    return 64;
}

std::string when(client::book::Timestamp t) {
    return protocol::format_timestamp_for_people(t);
}

std::string contact_box(const client::book::Contact& contact,
                        const std::vector<client::book::Provenance>& provenance) {
    client::ui::CardViewOptions options;
    options.width = card_width();
    options.footer.push_back("contact " + std::to_string(contact.id) + " · " + contact.uid);
    for (const auto& p : provenance)
        options.footer.push_back(provenance_line(p));
    return client::ui::render_card(contact.card, options);
}

std::string received_box(const client::book::ReceivedCard& r) {
    client::ui::CardViewOptions options;
    options.width = card_width();
    const std::string set = client::book::set_detail(r.set, r.version, std::nullopt);
    if (r.from_web_page()) {
        options.footer.push_back("typed into the web page of your QR code at " + r.service + ", " +
                                 when(r.stamp));
    } else {
        options.footer.push_back("from " + r.sender + (r.verified ? "" : " (unverified)") +
                                 " via " + r.service + (set.empty() ? "" : " (" + set + ")") +
                                 ", " + when(r.stamp));
    }
    if (r.card) return client::ui::render_card(*r.card, options);
    return "invalid card from " + r.sender + ": " + r.reason.value_or("") + "\n";
}

nlohmann::json received_json(const client::book::ReceivedCard& r) {
    nlohmann::json j = {{"number", r.id},
                        {"service", r.service},
                        {"delivery", r.delivery_id},
                        {"sender", r.sender},
                        {"verified", r.verified},
                        {"sent", protocol::format_timestamp(r.stamp)},
                        {"received", protocol::format_timestamp(r.received_at)},
                        {"state", client::book::to_string(r.state)}};
    if (r.card) j["name"] = r.card->formatted_name();
    if (r.contact) j["contact"] = *r.contact;
    if (r.reason) j["reason"] = *r.reason;
    return j;
}

nlohmann::json sent_json(const client::book::SentCard& s) {
    nlohmann::json j = {{"delivery", s.delivery_id},
                        {"service", s.service},
                        {"to", s.recipient},
                        {"contact", s.contact_name},
                        {"uid", s.contact_uid},
                        {"state", protocol::to_string(s.state)},
                        {"attempts", s.attempts},
                        {"sent", protocol::format_timestamp(s.sent_at)},
                        {"updated", protocol::format_timestamp(s.updated)}};
    if (s.reason) j["reason"] = *s.reason;
    return j;
}

Status write_file(const std::filesystem::path& path, std::string_view bytes, bool private_file) {
    const std::filesystem::path temporary = path.string() + ".new";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) return make_error("cannot write " + path.string() + ": " + std::strerror(errno));
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) return make_error("cannot write " + temporary.string());
    }
    if (private_file) ::chmod(temporary.c_str(), 0600);
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) return make_error("cannot write " + path.string() + ": " + error.message());
    return Ok{};
}

}  // namespace cardex::cli
