#include "core/xml/parser.hpp"

#include <expat.h>

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
    }

    FeedResult feed(std::string_view bytes, bool is_final) {
        FeedResult result;
        if (error_) {
            result.error = error_;
            return result;
        }
        const auto status = XML_Parse(parser_.get(), bytes.data(), static_cast<int>(bytes.size()),
                                      is_final ? XML_TRUE : XML_FALSE);
        if (status == XML_STATUS_ERROR && !error_) {
            fail(XML_ErrorString(XML_GetErrorCode(parser_.get())));
        }
        result.events = std::move(events_);
        events_.clear();
        result.error = error_;
        return result;
    }

  private:
    // Depth at which complete trees are cut off: stanzas in a stream, the root in a document.
    std::size_t tree_depth() const { return stream_mode_ ? 2 : 1; }

    void fail(std::string_view reason) {
        if (error_) return;
        error_ =
            make_error("line " + std::to_string(XML_GetCurrentLineNumber(parser_.get())) +
                       ", column " + std::to_string(XML_GetCurrentColumnNumber(parser_.get()) + 1) +
                       ": " + std::string(reason));
        XML_StopParser(parser_.get(), XML_FALSE);
    }

    bool within_byte_limit() {
        if (depth_ < tree_depth()) return true;
        const auto used =
            static_cast<std::size_t>(XML_GetCurrentByteIndex(parser_.get()) - tree_start_);
        if (used <= limits_.max_element_bytes) return true;
        fail((stream_mode_ ? "stanza" : "document") + std::string(" exceeds the limit of ") +
             std::to_string(limits_.max_element_bytes) + " bytes");
        return false;
    }

    void start(const XML_Char* name, const XML_Char** attrs) {
        ++depth_;
        if (depth_ > limits_.max_depth) {
            return fail("elements nested deeper than " + std::to_string(limits_.max_depth));
        }
        if (depth_ == tree_depth()) tree_start_ = XML_GetCurrentByteIndex(parser_.get());
        if (!within_byte_limit()) return;
        auto [local, ns] = split_name(name);
        Element element(std::move(local), std::move(ns));
        for (const XML_Char** a = attrs; *a != nullptr; a += 2) {
            element.attributes.push_back({attribute_key(a[0]), a[1]});
        }
        if (stream_mode_ && depth_ == 1) {
            events_.emplace_back(StreamOpened{std::move(element)});
            return;
        }
        stack_.push_back(std::move(element));
    }

    void end() {
        if (stream_mode_ && depth_ == 1) {
            events_.emplace_back(StreamClosed{});
            --depth_;
            return;
        }
        if (!within_byte_limit()) return;
        --depth_;
        Element done = std::move(stack_.back());
        stack_.pop_back();
        if (stack_.empty()) {
            events_.emplace_back(std::move(done));
        } else {
            stack_.back().children.push_back(std::move(done));
        }
    }

    void text(const XML_Char* s, int len) {
        if (stack_.empty()) return;  // whitespace between stanzas
        if (!within_byte_limit()) return;
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
        if (!self(u).limits_.allow_comments) self(u).fail("comments are not allowed");
    }

    ParseLimits limits_;
    bool stream_mode_;
    ExpatPtr parser_;
    std::vector<Element> stack_;
    std::vector<StreamEvent> events_;
    std::optional<Error> error_;
    std::size_t depth_ = 0;
    XML_Index tree_start_ = 0;
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
