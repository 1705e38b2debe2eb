#include "core/xml/parser.hpp"

#include <expat.h>

#include <algorithm>
#include <cstring>
#include <string>

namespace cardex::xml {
namespace {

constexpr char kNsSeparator = ' ';  // URIs cannot contain spaces
constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";

struct ExpatDeleter {
    void operator()(XML_Parser p) const { XML_ParserFree(p); }
};
using ExpatPtr = std::unique_ptr<std::remove_pointer_t<XML_Parser>, ExpatDeleter>;

// Splits Expat's "uri local" form.
std::pair<std::string, std::string> split_name(std::string_view expat_name) {
    const auto sep = expat_name.find(kNsSeparator);
    if (sep == std::string_view::npos) return {std::string(expat_name), std::string()};
    return {std::string(expat_name.substr(sep + 1)), std::string(expat_name.substr(0, sep))};
}

std::string attribute_key(std::string_view expat_name) {
    auto [local, ns] = split_name(expat_name);
    if (ns.empty()) return local;
    if (ns == kXmlNs) return "xml:" + local;
    return "{" + ns + "}" + local;  // Clark notation for other namespaced attributes
}

// Builds element trees from Expat callbacks. In stream mode the root is reported on its own
// and each child of it is a complete tree; in document mode the root is the tree.
class TreeBuilder {
  public:
    TreeBuilder(ParseLimits limits, bool stream_mode) : limits_(limits), stream_mode_(stream_mode) {
        reset();
    }

    void reset() {
        parser_.reset(XML_ParserCreateNS("UTF-8", kNsSeparator));
        XML_Parser p = parser_.get();
        XML_SetUserData(p, this);
        XML_SetElementHandler(p, &on_start, &on_end);
        XML_SetCharacterDataHandler(p, &on_text);
        XML_SetStartDoctypeDeclHandler(p, &on_doctype);
        XML_SetEntityDeclHandler(p, &on_entity_decl);
        XML_SetProcessingInstructionHandler(p, &on_pi);
        XML_SetCommentHandler(p, &on_comment);
        XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
        stack_.clear();
        events_.clear();
        error_.reset();
        depth_ = 0;
        tree_start_ = 0;
        held_from_ = 0;
        fed_ = 0;
        skipping_ = false;
        skip_reason_.clear();
        skipped_head_ = Element();
    }

    FeedResult feed(std::string_view bytes, bool is_final) {
        FeedResult result;
        if (!error_) {
            // XML never holds a NUL byte, and XMPP is UTF-8 only; Expat would take a NUL among
            // the first two bytes for UTF-16. What comes before a NUL is read; the NUL breaks it.
            const auto nul = bytes.find('\0');
            parse(bytes.substr(0, nul), is_final && nul == std::string_view::npos);
            if (nul != std::string_view::npos && !error_) {
                error_ =
                    make_error("byte " + std::to_string(fed_ + 1) +
                               ": a NUL byte, which no XML holds (the input is not UTF-8 text)");
            }
        }
        result.events = std::move(events_);
        events_.clear();
        result.error = error_;
        return result;
    }

  private:
    // Hands `text` to Expat. In a stream, in pieces that never take what the parser holds of
    // the current stanza past the ceiling, so that the stream breaks at the same byte however
    // the bytes arrive.
    void parse(std::string_view text, bool is_final) {
        do {
            std::size_t piece = text.size();
            if (stream_mode_) {
                const auto held = static_cast<std::size_t>(fed_ - held_from_);
                if (held >= skip_ceiling() && !text.empty()) return too_long();
                piece = std::min(piece, skip_ceiling() - held);
            }
            const bool last = piece == text.size();
            const auto status = XML_Parse(parser_.get(), text.data(), static_cast<int>(piece),
                                          is_final && last ? XML_TRUE : XML_FALSE);
            fed_ += static_cast<XML_Index>(piece);
            if (status == XML_STATUS_ERROR && !error_) {
                fail(XML_ErrorString(XML_GetErrorCode(parser_.get())));
            }
            text.remove_prefix(piece);
        } while (!text.empty() && !error_);
    }

    void too_long() {
        const std::string bytes = std::to_string(skip_ceiling()) + " bytes";
        error_ = make_error(depth_ >= tree_depth()
                                ? "a stanza is still open after " + bytes +
                                      "; the stream cannot be followed any further"
                                : "a tag or comment between stanzas runs past " + bytes +
                                      "; the stream cannot be followed any further");
    }

    // The parser is between stanzas up to the end of the current event.
    void between_stanzas() {
        held_from_ =
            XML_GetCurrentByteIndex(parser_.get()) + XML_GetCurrentByteCount(parser_.get());
    }

    // Attribute values longer than this are left out of a skipped stanza's head.
    static constexpr std::size_t kHeadValueMax = 3071;  // the longest JID (RFC 7622)

    // Depth at which complete trees are cut off: stanzas in a stream, the root in a document.
    std::size_t tree_depth() const { return stream_mode_ ? 2 : 1; }
    std::size_t skip_ceiling() const {
        return std::max(limits_.max_skipped_bytes, 4 * limits_.max_element_bytes);
    }

    void fail(std::string_view reason) {
        if (error_) return;
        error_ =
            make_error("line " + std::to_string(XML_GetCurrentLineNumber(parser_.get())) +
                       ", column " + std::to_string(XML_GetCurrentColumnNumber(parser_.get()) + 1) +
                       ": " + std::string(reason));
        XML_StopParser(parser_.get(), XML_FALSE);
    }

    // A limit was passed: a document fails, a stream skips the stanza.
    void over_limit(const std::string& in_document, const std::string& in_stanza) {
        if (!stream_mode_) return fail(in_document);
        begin_skip(in_stanza);
    }

    // Checks the current stanza (or document) against the byte limit; over it, a document
    // fails and a stanza is skipped.
    void check_byte_limit() {
        if (depth_ < tree_depth()) return;
        const auto end =
            XML_GetCurrentByteIndex(parser_.get()) + XML_GetCurrentByteCount(parser_.get());
        const auto used = static_cast<std::size_t>(end - tree_start_);
        if (used <= limits_.max_element_bytes) return;
        const std::string limit =
            "exceeds the limit of " + std::to_string(limits_.max_element_bytes) + " bytes";
        over_limit("document " + limit, "the stanza " + limit);
    }

    // An element's name, namespace and short attributes, without content.
    static Element head_of(const Element& e) {
        Element head(e.name, e.ns);
        for (const auto& a : e.attributes) {
            if (a.value.size() <= kHeadValueMax) head.attributes.push_back(a);
        }
        return head;
    }
    static Element head_of(const XML_Char* name, const XML_Char** attrs) {
        auto [local, ns] = split_name(name);
        Element head(std::move(local), std::move(ns));
        for (const XML_Char** a = attrs; *a != nullptr; a += 2) {
            if (std::strlen(a[1]) <= kHeadValueMax) {
                head.attributes.push_back({attribute_key(a[0]), a[1]});
            }
        }
        return head;
    }

    // From here to the end of the current stanza nothing is built; what is open so far is
    // reduced to the stanza's head and its first child's.
    void begin_skip(std::string reason) {
        skipping_ = true;
        skip_reason_ = std::move(reason);
        skipped_head_ = Element();
        if (!stack_.empty()) {
            const Element& stanza = stack_.front();
            skipped_head_ = head_of(stanza);
            const Element* first = !stanza.children.empty() ? &stanza.children.front()
                                   : stack_.size() > 1      ? &stack_[1]
                                                            : nullptr;
            if (first != nullptr) skipped_head_.children.push_back(head_of(*first));
        }
        stack_.clear();
    }

    void end_skip() {
        events_.emplace_back(StanzaSkipped{std::move(skipped_head_), std::move(skip_reason_)});
        skipping_ = false;
        skipped_head_ = Element();
        skip_reason_.clear();
    }

    void start(const XML_Char* name, const XML_Char** attrs) {
        ++depth_;
        if (!skipping_) {
            if (depth_ == tree_depth())
                held_from_ = tree_start_ = XML_GetCurrentByteIndex(parser_.get());
            if (depth_ > limits_.max_depth) {
                const std::string depth = std::to_string(limits_.max_depth);
                over_limit("elements nested deeper than " + depth,
                           "the stanza nests elements deeper than " + depth + " levels");
            } else {
                check_byte_limit();
            }
            if (error_) return;
        }
        if (skipping_) return note_skipped(name, attrs);
        auto [local, ns] = split_name(name);
        Element element(std::move(local), std::move(ns));
        for (const XML_Char** a = attrs; *a != nullptr; a += 2) {
            element.attributes.push_back({attribute_key(a[0]), a[1]});
        }
        if (stream_mode_ && depth_ == 1) {
            between_stanzas();
            events_.emplace_back(StreamOpened{std::move(element)});
            return;
        }
        stack_.push_back(std::move(element));
    }

    // An element of a skipped stanza: only the stanza's own and its first child's heads count.
    void note_skipped(const XML_Char* name, const XML_Char** attrs) {
        if (depth_ == tree_depth()) {
            skipped_head_ = head_of(name, attrs);  // the stanza's start tag was over the limit
        } else if (depth_ == tree_depth() + 1 && skipped_head_.children.empty()) {
            skipped_head_.children.push_back(head_of(name, attrs));
        }
    }

    void end() {
        if (stream_mode_ && depth_ == 1) {
            events_.emplace_back(StreamClosed{});
            --depth_;
            return;
        }
        if (!skipping_) check_byte_limit();
        if (error_) return;
        --depth_;
        if (depth_ < tree_depth()) between_stanzas();
        if (skipping_) {
            if (depth_ < tree_depth()) end_skip();
            return;
        }
        Element done = std::move(stack_.back());
        stack_.pop_back();
        if (stack_.empty()) {
            events_.emplace_back(std::move(done));
        } else {
            stack_.back().children.push_back(std::move(done));
        }
    }

    void text(const XML_Char* s, int len) {
        if (depth_ < tree_depth()) between_stanzas();
        if (skipping_ || stack_.empty()) return;  // skipped, or whitespace between stanzas
        check_byte_limit();
        if (error_ || skipping_) return;
        stack_.back().text.append(s, static_cast<std::size_t>(len));
    }

    static TreeBuilder& self(void* user) { return *static_cast<TreeBuilder*>(user); }
    static void on_start(void* u, const XML_Char* n, const XML_Char** a) { self(u).start(n, a); }
    static void on_end(void* u, const XML_Char*) { self(u).end(); }
    static void on_text(void* u, const XML_Char* s, int len) { self(u).text(s, len); }
    static void on_doctype(void* u, const XML_Char*, const XML_Char*, const XML_Char*, int) {
        self(u).fail("document type declarations (<!DOCTYPE>) are not allowed");
    }
    static void on_entity_decl(void* u, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                               const XML_Char*, const XML_Char*, const XML_Char*) {
        self(u).fail("entity declarations are not allowed");
    }
    static void on_pi(void* u, const XML_Char*, const XML_Char*) {
        self(u).fail("processing instructions are not allowed");
    }
    static void on_comment(void* u, const XML_Char*) {
        TreeBuilder& builder = self(u);
        if (!builder.limits_.allow_comments) return builder.fail("comments are not allowed");
        if (builder.depth_ < builder.tree_depth()) builder.between_stanzas();
    }

    ParseLimits limits_;
    bool stream_mode_;
    ExpatPtr parser_;
    std::vector<Element> stack_;
    std::vector<StreamEvent> events_;
    std::optional<Error> error_;
    std::size_t depth_ = 0;
    XML_Index tree_start_ = 0;  // where the current stanza (or the document) began
    // Where what the parser holds began: the current stanza, or else the end of the last
    // event between stanzas (the stream's header, a stanza, text, a comment).
    XML_Index held_from_ = 0;
    XML_Index fed_ = 0;      // bytes fed so far
    bool skipping_ = false;  // inside a stanza over a limit
    std::string skip_reason_;
    Element skipped_head_;
};

}  // namespace

Result<Element> parse_document(std::string_view text, const ParseLimits& limits,
                               std::string_view default_ns) {
    ParseLimits inner = limits;
    std::string wrapped;
    std::string_view input = text;
    if (!default_ns.empty()) {
        // A wrapper element puts the default namespace in scope; its only child is the result.
        wrapped = "<w xmlns='";
        wrapped += default_ns;  // a namespace URI chosen by the caller, not user data
        wrapped += "'>";
        wrapped += text;
        wrapped += "</w>";
        input = wrapped;
        inner.max_depth += 1;
        inner.max_element_bytes += wrapped.size() - text.size();
    }
    TreeBuilder builder(inner, /*stream_mode=*/false);
    FeedResult fed = builder.feed(input, /*is_final=*/true);
    if (fed.error) return *fed.error;
    if (fed.events.size() != 1) return make_error("document has no root element");
    Element root = std::get<Element>(std::move(fed.events.front()));
    if (default_ns.empty()) return root;
    if (root.children.size() != 1 || root.text.find_first_not_of(" \t\r\n") != std::string::npos) {
        return make_error("expected exactly one element and nothing else");
    }
    return std::move(root.children.front());
}

struct StreamParser::Impl {
    explicit Impl(ParseLimits limits) : builder(limits, /*stream_mode=*/true) {}
    TreeBuilder builder;
};

StreamParser::StreamParser(ParseLimits limits) : impl_(std::make_unique<Impl>(limits)) {}
StreamParser::~StreamParser() = default;

FeedResult StreamParser::feed(std::string_view bytes) {
    return impl_->builder.feed(bytes, /*is_final=*/false);
}

void StreamParser::reset() {
    impl_->builder.reset();
}

}  // namespace cardex::xml
