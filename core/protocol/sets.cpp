#include "core/protocol/sets.hpp"

#include "core/protocol/fields.hpp"
#include "core/protocol/syntax.hpp"

namespace cardex::protocol {

using detail::FieldReader;

Result<Publish> parse_publish(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "publish"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({"card"});
    Publish publish;
    publish.name = f.set_name("name");
    auto card = f.card(true);
    if (!f.ok()) return f.error();
    publish.card = std::move(card).value();
    return publish;
}

xml::Element serialize(const Publish& publish) {
    xml::Element e = detail::element("publish");
    e.set_attr("name", publish.name);
    e.add_child(card_element(publish.card));
    return e;
}

Result<Published> parse_published(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "published"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    Published published;
    published.name = f.set_name("name");
    published.version = f.number("version", 1);
    if (!f.ok()) return f.error();
    return published;
}

xml::Element serialize(const Published& published) {
    xml::Element e = detail::element("published");
    e.set_attr("name", published.name);
    detail::set_number(e, "version", published.version);
    return e;
}

Result<SetsQuery> parse_sets_query(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "sets"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    if (!f.ok()) return f.error();
    return SetsQuery{};
}

xml::Element serialize(const SetsQuery&) {
    return detail::element("sets");
}

Result<SetsResult> parse_sets_result(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "sets"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({"set"});
    SetsResult result;
    const auto sets = f.children("set");
    for (std::size_t i = 0; i < sets.size() && f.ok(); ++i) {
        FieldReader r(*sets[i], detail::nested(f, "set", i));
        r.allow_children({});
        SetInfo info;
        info.name = r.set_name("name");
        info.version = r.number("version", 1);
        info.updated = r.timestamp("updated");
        info.followers = r.optional_number("followers", 0);
        result.sets.push_back(std::move(info));
        f.take(r);
    }
    if (!f.ok()) return f.error();
    return result;
}

xml::Element serialize(const SetsResult& result) {
    xml::Element e = detail::element("sets");
    for (const auto& s : result.sets) {
        auto& c = e.add_child(detail::element("set"));
        c.set_attr("name", s.name);
        detail::set_number(c, "version", s.version);
        detail::set_timestamp(c, "updated", s.updated);
        if (s.followers) detail::set_number(c, "followers", *s.followers);
    }
    return e;
}

Result<SetQuery> parse_set_query(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "set"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    SetQuery query{f.set_name("name")};
    if (!f.ok()) return f.error();
    return query;
}

xml::Element serialize(const SetQuery& query) {
    xml::Element e = detail::element("set");
    e.set_attr("name", query.name);
    return e;
}

Result<SetResult> parse_set_result(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "set"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({"card"});
    SetResult result;
    result.name = f.set_name("name");
    result.version = f.number("version", 1);
    result.updated = f.timestamp("updated");
    auto card = f.card(true);
    if (!f.ok()) return f.error();
    result.card = std::move(card).value();
    return result;
}

xml::Element serialize(const SetResult& result) {
    xml::Element e = detail::element("set");
    e.set_attr("name", result.name);
    detail::set_number(e, "version", result.version);
    detail::set_timestamp(e, "updated", result.updated);
    e.add_child(card_element(result.card));
    return e;
}

Result<Retract> parse_retract(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "retract"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    Retract retract{f.set_name("name")};
    if (!f.ok()) return f.error();
    return retract;
}

xml::Element serialize(const Retract& retract) {
    xml::Element e = detail::element("retract");
    e.set_attr("name", retract.name);
    return e;
}

Result<Unfollow> parse_unfollow(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "unfollow"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    Unfollow unfollow;
    unfollow.from = f.user_jid("from");
    unfollow.set = f.set_name("set");
    if (!f.ok()) return f.error();
    return unfollow;
}

xml::Element serialize(const Unfollow& unfollow) {
    xml::Element e = detail::element("unfollow");
    e.set_attr("from", unfollow.from.bare_str()).set_attr("set", unfollow.set);
    return e;
}

}  // namespace cardex::protocol
