// XEP-0030 service discovery: the disco#info and disco#items payloads.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/xml/element.hpp"

namespace cardex::xmpp {

struct DiscoIdentity {
    std::string category;
    std::string type;
    std::string name;

    friend bool operator==(const DiscoIdentity&, const DiscoIdentity&) = default;
};

struct DiscoInfo {
    std::string node;  // empty for the entity itself
    std::vector<DiscoIdentity> identities;
    std::vector<std::string> features;

    bool has_feature(std::string_view feature) const;
    friend bool operator==(const DiscoInfo&, const DiscoInfo&) = default;
};

// <query xmlns='http://jabber.org/protocol/disco#info'/>, the payload of a request.
xml::Element disco_info_query(std::string_view node = {});

Result<DiscoInfo> parse_disco_info(const xml::Element& query);
xml::Element serialize(const DiscoInfo& info);

struct DiscoItem {
    std::string jid;
    std::string name;
    std::string node;

    friend bool operator==(const DiscoItem&, const DiscoItem&) = default;
};

// <query xmlns='http://jabber.org/protocol/disco#items'/>, the payload of a request.
xml::Element disco_items_query();
// The items of a disco#items result; an <item/> without 'jid' is an error.
Result<std::vector<DiscoItem>> parse_disco_items(const xml::Element& query);
xml::Element serialize(const std::vector<DiscoItem>& items);

}  // namespace cardex::xmpp
