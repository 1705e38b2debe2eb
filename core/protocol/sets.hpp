// Card sets (feature urn:xmpp:bizcard:0#sets) and following them (urn:xmpp:bizcard:0#updates):
// publish, sets, set, retract and unfollow.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/timestamp.hpp"
#include "core/result.hpp"
#include "core/vcard/card.hpp"
#include "core/xml/element.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::protocol {

// <publish/> (IQ set): creates the set or replaces its card.
struct Publish {
    std::string name;
    vcard::Card card;

    friend bool operator==(const Publish&, const Publish&) = default;
};

// <published/> (IQ result).
struct Published {
    std::string name;
    std::uint64_t version = 1;

    friend bool operator==(const Published&, const Published&) = default;
};

// <sets/> (IQ get, empty).
struct SetsQuery {
    friend bool operator==(const SetsQuery&, const SetsQuery&) = default;
};

// <set/> inside a <sets/> result.
struct SetInfo {
    std::string name;
    std::uint64_t version = 1;
    Timestamp updated{};
    std::optional<std::uint64_t> followers;  // where the service supports updates

    friend bool operator==(const SetInfo&, const SetInfo&) = default;
};

// <sets/> (IQ result).
struct SetsResult {
    std::vector<SetInfo> sets;

    friend bool operator==(const SetsResult&, const SetsResult&) = default;
};

// <set name/> (IQ get).
struct SetQuery {
    std::string name;

    friend bool operator==(const SetQuery&, const SetQuery&) = default;
};

// <set/> (IQ result): the set's current card.
struct SetResult {
    std::string name;
    std::uint64_t version = 1;
    Timestamp updated{};
    vcard::Card card;

    friend bool operator==(const SetResult&, const SetResult&) = default;
};

// <retract name/> (IQ set).
struct Retract {
    std::string name;

    friend bool operator==(const Retract&, const Retract&) = default;
};

// <unfollow from set/> (IQ set): stop receiving updates of the owner's set.
struct Unfollow {
    xmpp::Jid from;  // the owner's bare JID
    std::string set;

    friend bool operator==(const Unfollow&, const Unfollow&) = default;
};

Result<Publish> parse_publish(const xml::Element& e);
Result<Published> parse_published(const xml::Element& e);
Result<SetsQuery> parse_sets_query(const xml::Element& e);
Result<SetsResult> parse_sets_result(const xml::Element& e);
Result<SetQuery> parse_set_query(const xml::Element& e);
Result<SetResult> parse_set_result(const xml::Element& e);
Result<Retract> parse_retract(const xml::Element& e);
Result<Unfollow> parse_unfollow(const xml::Element& e);

xml::Element serialize(const Publish& publish);
xml::Element serialize(const Published& published);
xml::Element serialize(const SetsQuery& query);
xml::Element serialize(const SetsResult& result);
xml::Element serialize(const SetQuery& query);
xml::Element serialize(const SetResult& result);
xml::Element serialize(const Retract& retract);
xml::Element serialize(const Unfollow& unfollow);

}  // namespace cardex::protocol
