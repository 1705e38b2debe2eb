#include "core/xmpp/disco.hpp"

#include <algorithm>

#include "core/xmpp/namespaces.hpp"

namespace cardex::xmpp {

bool DiscoInfo::has_feature(std::string_view feature) const {
    return std::find(features.begin(), features.end(), feature) != features.end();
}

xml::Element disco_info_query(std::string_view node) {
    xml::Element query("query", std::string(ns::kDiscoInfo));
    if (!node.empty()) query.set_attr("node", node);
    return query;
}

Result<DiscoInfo> parse_disco_info(const xml::Element& query) {
    if (query.name != "query" || query.ns != ns::kDiscoInfo) {
        return make_error("expected a disco#info <query/>, got <" + query.name + "/> in '" +
                          query.ns + "'");
    }
    DiscoInfo info;
    info.node = std::string(query.attr_or_empty("node"));
    for (const auto& c : query.children) {
        if (c.ns != ns::kDiscoInfo) continue;  // extensions such as XEP-0128 data forms
        if (c.name == "identity") {
            DiscoIdentity id{std::string(c.attr_or_empty("category")),
                             std::string(c.attr_or_empty("type")),
                             std::string(c.attr_or_empty("name"))};
            if (id.category.empty() || id.type.empty()) {
                return make_error("disco#info <identity/> without category or type");
            }
            info.identities.push_back(std::move(id));
        } else if (c.name == "feature") {
            const auto var = c.attr_or_empty("var");
            if (var.empty()) return make_error("disco#info <feature/> without 'var'");
            info.features.emplace_back(var);
        }
    }
    return info;
}

xml::Element serialize(const DiscoInfo& info) {
    xml::Element query = disco_info_query(info.node);
    for (const auto& id : info.identities) {
        auto& e = query.add_child("identity", std::string(ns::kDiscoInfo));
        e.set_attr("category", id.category).set_attr("type", id.type);
        if (!id.name.empty()) e.set_attr("name", id.name);
    }
    for (const auto& f : info.features) {
        query.add_child("feature", std::string(ns::kDiscoInfo)).set_attr("var", f);
    }
    return query;
}

xml::Element disco_items_query() {
    return xml::Element("query", std::string(ns::kDiscoItems));
}

Result<std::vector<DiscoItem>> parse_disco_items(const xml::Element& query) {
    if (query.name != "query" || query.ns != ns::kDiscoItems) {
        return make_error("expected a disco#items <query/>, got <" + query.name + "/> in '" +
                          query.ns + "'");
    }
    std::vector<DiscoItem> items;
    for (const auto& c : query.children) {
        if (c.ns != ns::kDiscoItems || c.name != "item") continue;
        DiscoItem item{std::string(c.attr_or_empty("jid")), std::string(c.attr_or_empty("name")),
                       std::string(c.attr_or_empty("node"))};
        if (item.jid.empty()) return make_error("disco#items <item/> without 'jid'");
        items.push_back(std::move(item));
    }
    return items;
}

xml::Element serialize(const std::vector<DiscoItem>& items) {
    xml::Element query = disco_items_query();
    for (const auto& item : items) {
        auto& e = query.add_child("item", std::string(ns::kDiscoItems));
        e.set_attr("jid", item.jid);
        if (!item.name.empty()) e.set_attr("name", item.name);
        if (!item.node.empty()) e.set_attr("node", item.node);
    }
    return query;
}

}  // namespace cardex::xmpp
