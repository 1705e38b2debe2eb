#include "client/exchange/client_features.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <tuple>

#include "core/xmpp/namespaces.hpp"

namespace cardex::client::exchange {

xmpp::DiscoInfo client_disco_info() {
    xmpp::DiscoInfo info;
    info.identities.push_back({"client", "console", "Cardex"});
    info.features = {std::string(ns::kDiscoInfo), std::string(ns::kPing),
                     std::string(ns::kBizcard)};
    return info;
}

std::string caps_verification_string(const xmpp::DiscoInfo& info) {
    auto identities = info.identities;
    std::sort(identities.begin(), identities.end(), [](const auto& a, const auto& b) {
        return std::tie(a.category, a.type, a.name) < std::tie(b.category, b.type, b.name);
    });
    auto features = info.features;
    std::sort(features.begin(), features.end());
    std::string s;
    for (const auto& id : identities)
        s += id.category + "/" + id.type + "//" + id.name + "<";
    for (const auto& f : features)
        s += f + "<";
    return s;
}

std::string caps_ver(const xmpp::DiscoInfo& info) {
    const std::string input = caps_verification_string(info);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    EVP_Digest(input.data(), input.size(), digest.data(), &length, EVP_sha1(), nullptr);
    std::array<unsigned char, 4 * EVP_MAX_MD_SIZE / 3 + 4> text{};
    const int size = EVP_EncodeBlock(text.data(), digest.data(), static_cast<int>(length));
    return std::string(reinterpret_cast<const char*>(text.data()), static_cast<std::size_t>(size));
}

xml::Element caps_element(const xmpp::DiscoInfo& info) {
    xml::Element c("c", std::string(ns::kCaps));
    c.set_attr("hash", "sha-1").set_attr("node", kCapsNode).set_attr("ver", caps_ver(info));
    return c;
}

}  // namespace cardex::client::exchange
