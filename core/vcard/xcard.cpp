// xCard reader (RFC 6351): <vcards>/<vcard> elements into the model.
//
// Elements of other namespaces directly inside <vcard> (or a <group>) become XML properties
// holding the serialized element (RFC 6350 section 6.1.5), so nothing is lost; inside a
// property they are extension markup this reader has no place for, and are ignored.
#include <algorithm>
#include <utility>

#include "core/text/excerpt.hpp"
#include "core/vcard/interchange.hpp"
#include "core/vcard/reader.hpp"
#include "core/vcard/xcard_layout.hpp"
#include "core/vcard/xcard_property.hpp"
#include "core/xml/parser.hpp"
#include "core/xml/writer.hpp"

namespace cardex::vcard {
namespace {

using detail::kXcardNs;
using xml::Element;

using detail::element_tag;
using detail::in_xcard_ns;
using detail::is_blank_text;

std::string describe_with_ns(const Element& e) {
    if (e.ns.empty()) return element_tag(e.name) + " (in no namespace)";
    return element_tag(e.name) + " in namespace " + quoted_excerpt(e.ns, "'", "'");
}

// Why `e` is not the element the caller expected (`wanted`, e.g. "<vcard>").
std::string unexpected_root(const Element& e, std::string_view wanted) {
    const std::string expected = std::string(wanted) + " in namespace " + std::string(kXcardNs);
    if (e.ns == "vcard-temp") {
        return element_tag(e.name) + " in namespace 'vcard-temp' is the older XEP-0054 format, " +
               "not an xCard; expected " + expected;
    }
    if (e.name == "vcard" || e.name == "vcards") {
        return "the " + element_tag(e.name) + " element is " +
               (e.ns.empty() ? "in no namespace"
                             : "in namespace " + quoted_excerpt(e.ns, "'", "'")) +
               "; expected " + expected;
    }
    return "expected " + expected + ", found " + describe_with_ns(e);
}

// Deepest nesting of `root` (1 for a leaf), computed without recursion.
std::size_t element_depth(const Element& root) {
    std::vector<std::pair<const Element*, std::size_t>> stack{{&root, 1}};
    std::size_t deepest = 0;
    while (!stack.empty()) {
        const auto [element, depth] = stack.back();
        stack.pop_back();
        deepest = std::max(deepest, depth);
        for (const Element& c : element->children)
            stack.emplace_back(&c, depth + 1);
    }
    return deepest;
}

// Reads the members of one <vcard> into a card, enforcing the per-card limits.
class CardBuilder {
  public:
    explicit CardBuilder(const Limits& limits) : limits_(limits) {}

    Result<Card> build(const Element& vcard) && {
        const std::size_t depth = element_depth(vcard);
        if (depth > limits_.max_depth) {
            return make_error("elements nested " + std::to_string(depth) + " deep, " +
                              detail::over_the_limit("max_depth", limits_.max_depth));
        }
        // Measured as serialized here: close to its size in the source, whitespace aside.
        const std::size_t size = xml::serialized_size(vcard);
        if (size > limits_.max_card_bytes) {
            return make_error("the card is " + std::to_string(size) + " bytes, " +
                              detail::over_the_limit("max_card_bytes", limits_.max_card_bytes));
        }
        if (!is_blank_text(vcard.text)) return make_error("<vcard> has text outside any property");
        for (const Element& member : vcard.children) {
            if (auto read = read_member(member, ""); !read) return read.error();
        }
        return std::move(card_);
    }

  private:
    Status read_member(const Element& e, const std::string& group) {
        if (!in_xcard_ns(e)) return add(xml_property(e, group));
        if (e.name == "group") {
            if (!group.empty()) {
                return make_error("<group> inside the group " + quoted_excerpt(group, "'", "'"));
            }
            return read_group(e);
        }
        // Made only for an error: most cards have none, and every property would pay for it.
        const auto where = [&] {
            return element_tag(e.name) +
                   (group.empty() ? "" : " in group " + quoted_excerpt(group, "'", "'"));
        };
        const std::string name = upper_ascii(e.name);
        if (!detail::is_vcard_name(name) || name == "BEGIN" || name == "END" || e.name == "vcard" ||
            e.name == "vcards" || e.name == "parameters") {
            return make_error(where() + " is not a vCard property");
        }
        if (name == "VERSION") return check_version(e);
        auto property = detail::read_xcard_property(e, group);
        if (!property) return make_error(where() + ": " + property.error().message);
        return add(std::move(property).value());
    }

    Status read_group(const Element& e) {
        const auto name = e.attr("name");
        if (!name) return make_error("<group> without a 'name' attribute");
        if (!detail::is_group_name(*name)) {
            return make_error("the group name " + quoted_excerpt(*name, "'", "'") +
                              " is not letters, digits, '-', '_' and '.'");
        }
        if (!is_blank_text(e.text)) return make_error("<group> has text outside any property");
        for (const Element& member : e.children) {
            if (auto read = read_member(member, std::string(*name)); !read) return read;
        }
        return Ok{};
    }

    static Status check_version(const Element& e) {
        const auto text = e.child_text("text");
        if (text && *text == "4.0") return Ok{};
        return make_error("<version> is not 4.0; xCard is vCard 4.0 only");
    }

    static Property xml_property(const Element& e, const std::string& group) {
        return Property{
            group, "XML", {}, "text", std::vector<Component>{Component{xml::to_string(e)}}};
    }

    Status add(Property property) {
        if (auto problem = detail::media_limit_problem(property, limits_)) {
            return make_error(*problem);
        }
        if (card_.properties.size() >= limits_.max_properties) {
            return make_error("the card has more than " + std::to_string(limits_.max_properties) +
                              " properties, " +
                              detail::over_the_limit("max_properties", limits_.max_properties));
        }
        card_.add(std::move(property));
        return Ok{};
    }

    const Limits& limits_;
    Card card_;
};

void read_card_into(ReadResult& result, const Element& vcard, std::size_t number,
                    const Limits& limits) {
    auto card = CardBuilder(limits).build(vcard);
    if (card) {
        result.cards.push_back(std::move(card).value());
        result.card_numbers.push_back(number);
    } else {
        result.errors.push_back(card_error(number, 0, card.error().message));
    }
}

// The 1-based line in "line 3, column 7: ..." (the XML parser's error form), or 0.
std::size_t error_line(std::string_view message) {
    if (!message.starts_with("line ")) return 0;
    std::size_t line = 0;
    for (char c : message.substr(5)) {
        if (c < '0' || c > '9') break;
        line = line * 10 + static_cast<std::size_t>(c - '0');
    }
    return line;
}

// Expat wants an XML declaration at the very start; tolerate blank lines (and a BOM) before it.
std::string_view skip_space_before_declaration(std::string_view bytes) {
    std::string_view rest = bytes;
    if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
    const auto start = rest.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos || start == 0) return bytes;
    rest.remove_prefix(start);
    return rest.starts_with("<?xml") ? rest : bytes;
}

}  // namespace

ReadResult read_xcard(std::string_view bytes, const Limits& limits) {
    ReadResult result;
    if (bytes.size() > limits.max_input_bytes) {
        result.errors.push_back(detail::unplaced_error(
            0, "the input is " + std::to_string(bytes.size()) + " bytes, " +
                   detail::over_the_limit("max_input_bytes", limits.max_input_bytes) +
                   "; nothing read"));
        return result;
    }
    const xml::ParseLimits parse_limits{limits.max_input_bytes, limits.max_depth, true};
    auto root = xml::parse_document(skip_space_before_declaration(bytes), parse_limits);
    if (!root) {
        const std::string& message = root.error().message;
        result.errors.push_back(
            detail::unplaced_error(error_line(message), "cannot read the xCard: " + message));
        return result;
    }
    if (root->name == "vcard" && in_xcard_ns(*root)) {
        read_card_into(result, *root, 1, limits);
        return result;
    }
    if (root->name != "vcards" || !in_xcard_ns(*root)) {
        result.errors.push_back(
            detail::unplaced_error(0, unexpected_root(*root, "<vcards> or <vcard>")));
        return result;
    }
    std::size_t number = 0;
    for (const Element& child : root->children) {
        if (child.name == "vcard" && in_xcard_ns(child)) {
            read_card_into(result, child, ++number, limits);
        } else {
            result.errors.push_back(
                detail::unplaced_error(0, unexpected_root(child, "<vcard>") + "; skipped"));
        }
    }
    if (number == 0)
        result.errors.push_back(detail::unplaced_error(0, "the <vcards> element holds no <vcard>"));
    return result;
}

Result<Card> card_from_xml(const xml::Element& vcard, const Limits& limits) {
    if (vcard.name != "vcard" || !in_xcard_ns(vcard)) {
        return make_error(unexpected_root(vcard, "<vcard>"));
    }
    return CardBuilder(limits).build(vcard);
}

}  // namespace cardex::vcard
