#include "core/xmpp/jid.hpp"

#include <algorithm>

#include "core/text/ascii.hpp"

namespace cardex::xmpp {
namespace {

constexpr std::size_t kMaxPartBytes = 1023;

bool has_control_or_space(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7F; });
}

Status check_local(std::string_view local) {
    if (local.size() > kMaxPartBytes) return make_error("localpart longer than 1023 bytes");
    if (has_control_or_space(local))
        return make_error("localpart contains a space or control character");
    if (local.find_first_of("\"&'/:<>@") != std::string_view::npos) {
        return make_error("localpart contains one of \" & ' / : < > @");
    }
    return Ok{};
}

Status check_domain(std::string_view domain) {
    if (domain.empty()) return make_error("domain is empty");
    if (domain.size() > kMaxPartBytes) return make_error("domain longer than 1023 bytes");
    if (has_control_or_space(domain))
        return make_error("domain contains a space or control character");
    if (domain.find_first_of("@/") != std::string_view::npos) {
        return make_error("domain contains @ or /");
    }
    // Labels are not empty: "a@." or "a@b..c" is no address, and the one trailing dot a
    // domain may have is dropped before this check.
    if (domain.front() == '.' || domain.back() == '.' ||
        domain.find("..") != std::string_view::npos) {
        return make_error("domain has an empty label");
    }
    return Ok{};
}

}  // namespace

Result<Jid> Jid::parse(std::string_view text) {
    auto fail = [&](const Error& e) {
        return make_error("invalid JID '" + std::string(text.substr(0, 100)) + "': " + e.message);
    };
    Jid jid;
    std::string_view rest = text;
    if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
        jid.resource = std::string(rest.substr(slash + 1));
        rest = rest.substr(0, slash);
        if (jid.resource.empty()) return fail(make_error("resource after '/' is empty"));
        if (jid.resource.size() > kMaxPartBytes)
            return fail(make_error("resource longer than 1023 bytes"));
    }
    if (const auto at = rest.find('@'); at != std::string_view::npos) {
        if (at == 0) return fail(make_error("localpart before '@' is empty"));
        if (auto ok = check_local(rest.substr(0, at)); !ok) return fail(ok.error());
        jid.local = lower_ascii(rest.substr(0, at));
        rest = rest.substr(at + 1);
    }
    if (!rest.empty() && rest.back() == '.') rest.remove_suffix(1);
    if (auto ok = check_domain(rest); !ok) return fail(ok.error());
    jid.domain = lower_ascii(rest);
    return jid;
}

std::string Jid::bare_str() const {
    return local.empty() ? domain : local + "@" + domain;
}

std::string Jid::str() const {
    return resource.empty() ? bare_str() : bare_str() + "/" + resource;
}

}  // namespace cardex::xmpp
