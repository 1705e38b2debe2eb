#include "core/protocol/service_info.hpp"

#include <algorithm>
#include <array>

#include "core/xmpp/disco.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::protocol {
namespace {

struct LimitField {
    std::string_view var;
    std::uint64_t ServiceLimits::*member;
    bool ServiceFeatures::*feature = nullptr;  // listed only when the service offers it
};

// In the order of the draft's table.
constexpr std::array<LimitField, 10> kLimitFields = {{
    {"max-card-bytes", &ServiceLimits::max_card_bytes},
    {"max-copy-bytes", &ServiceLimits::max_copy_bytes},
    {"max-recipients", &ServiceLimits::max_recipients},
    {"max-pending-per-recipient", &ServiceLimits::max_pending_per_recipient},
    {"submits-per-minute", &ServiceLimits::submits_per_minute},
    {"card-lifetime-seconds", &ServiceLimits::card_lifetime_seconds},
    {"max-backup-bytes", &ServiceLimits::max_backup_bytes, &ServiceFeatures::backup},
    {"max-sets", &ServiceLimits::max_sets, &ServiceFeatures::sets},
    {"max-chunk-bytes", &ServiceLimits::max_chunk_bytes, &ServiceFeatures::backup},
    {"max-backups", &ServiceLimits::max_backups, &ServiceFeatures::backup},
}};

struct OptionalFeature {
    std::string_view var;
    bool ServiceFeatures::*member;
};

constexpr std::array<OptionalFeature, 5> kOptionalFeatures = {{
    {kFeatureSets, &ServiceFeatures::sets},
    {kFeatureTokens, &ServiceFeatures::tokens},
    {kFeatureUpdates, &ServiceFeatures::updates},
    {kFeatureBackup, &ServiceFeatures::backup},
    {kFeatureText, &ServiceFeatures::text},
}};

const xml::Element* field_value(const xml::Element& field) {
    return field.child("value", ns::kDataForms);
}

std::string form_type(const xml::Element& form) {
    for (const auto& f : form.children) {
        if (f.name == "field" && f.attr_or_empty("var") == "FORM_TYPE") {
            const xml::Element* v = field_value(f);
            return v == nullptr ? std::string{} : v->text;
        }
    }
    return {};
}

Result<std::uint64_t> read_limit(std::string_view var, const xml::Element& field) {
    const xml::Element* value = field_value(field);
    const std::string text = value == nullptr ? std::string{} : value->text;
    const bool digits =
        !text.empty() && text.size() <= 18 &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) {
        return make_error("limits form: field '" + std::string(var) +
                          "' must hold a non-negative integer, got '" + text.substr(0, 40) + "'");
    }
    return std::stoull(text);
}

const xml::Element* find_limits_form(const xml::Element& query) {
    for (const auto& c : query.children) {
        if (c.name == "x" && c.ns == ns::kDataForms && form_type(c) == kLimitsFormType) return &c;
    }
    return nullptr;
}

Status check_feature_dependencies(const ServiceFeatures& f) {
    if (!f.sets && (f.tokens || f.updates)) {
        return make_error(std::string("disco#info: '") +
                          std::string(f.tokens ? kFeatureTokens : kFeatureUpdates) +
                          "' is advertised without '" + std::string(kFeatureSets) +
                          "', which it requires");
    }
    return Ok{};
}

// A limit of a feature the service does not offer means nothing: it keeps the default, as the
// form written for these features leaves it out.
ServiceLimits without_unoffered(ServiceLimits limits, const ServiceFeatures& offered) {
    const ServiceLimits defaults;
    for (const auto& f : kLimitFields) {
        if (f.feature != nullptr && !(offered.*(f.feature))) {
            limits.*(f.member) = defaults.*(f.member);
        }
    }
    return limits;
}

}  // namespace

xml::Element limits_form(const ServiceLimits& limits, const ServiceFeatures& offered) {
    const std::string dns(ns::kDataForms);
    xml::Element form("x", dns);
    form.set_attr("type", "result");
    auto& type = form.add_child("field", dns);
    type.set_attr("var", "FORM_TYPE").set_attr("type", "hidden");
    type.add_text_child("value", dns, std::string(kLimitsFormType));
    for (const auto& f : kLimitFields) {
        if (f.feature != nullptr && !(offered.*(f.feature))) continue;
        auto& field = form.add_child("field", dns);
        field.set_attr("var", f.var);
        field.add_text_child("value", dns, std::to_string(limits.*(f.member)));
    }
    return form;
}

Result<ServiceLimits> parse_limits_form(const xml::Element& form) {
    if (form.name != "x" || form.ns != ns::kDataForms) {
        return make_error("expected a data form <x xmlns='jabber:x:data'/>, got <" + form.name +
                          "/>");
    }
    if (const std::string type = form_type(form); type != kLimitsFormType) {
        return make_error("limits form: FORM_TYPE must be '" + std::string(kLimitsFormType) +
                          "', got '" + type + "'");
    }
    ServiceLimits limits;
    for (const auto& field : form.children) {
        if (field.name != "field" || field.ns != ns::kDataForms) continue;
        const auto var = field.attr_or_empty("var");
        const auto known = std::find_if(kLimitFields.begin(), kLimitFields.end(),
                                        [&](const LimitField& f) { return f.var == var; });
        if (known == kLimitFields.end()) continue;
        auto value = read_limit(var, field);
        if (!value) return value.error();
        limits.*(known->member) = *value;
    }
    return limits;
}

xml::Element serialize(const ServiceInfo& info) {
    xmpp::DiscoInfo disco;
    disco.identities.push_back({"component", "generic", info.name});
    disco.features = info.other_features;
    disco.features.emplace_back(ns::kBizcard);
    for (const auto& f : kOptionalFeatures) {
        if (info.features.*(f.member)) disco.features.emplace_back(f.var);
    }
    xml::Element query = xmpp::serialize(disco);
    if (info.limits) query.add_child(limits_form(*info.limits, info.features));
    return query;
}

Result<ServiceInfo> parse_service_info(const xml::Element& query) {
    auto disco = xmpp::parse_disco_info(query);
    if (!disco) return disco.error();
    if (!disco->has_feature(ns::kBizcard)) {
        return make_error("disco#info: the entity does not advertise '" +
                          std::string(ns::kBizcard) + "'; it is not a card service");
    }
    ServiceInfo info;
    info.name.clear();
    for (const auto& id : disco->identities) {
        if (id.category == "component" && id.type == "generic") info.name = id.name;
    }
    for (const auto& var : disco->features) {
        const bool ours = var == ns::kBizcard ||
                          std::any_of(kOptionalFeatures.begin(), kOptionalFeatures.end(),
                                      [&](const OptionalFeature& f) { return f.var == var; });
        if (!ours) info.other_features.push_back(var);
    }
    for (const auto& f : kOptionalFeatures) {
        info.features.*(f.member) = disco->has_feature(f.var);
    }
    if (auto ok = check_feature_dependencies(info.features); !ok) return ok.error();
    info.limits.reset();
    if (const xml::Element* form = find_limits_form(query)) {
        auto limits = parse_limits_form(*form);
        if (!limits) return limits.error();
        info.limits = without_unoffered(*limits, info.features);
    }
    return info;
}

}  // namespace cardex::protocol
