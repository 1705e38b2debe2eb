// Expat-based XML parsing with the restrictions of RFC 6120 section 11.1 and size limits.
//
// Both entry points refuse DOCTYPE declarations, entity declarations and processing
// instructions (and, unless allowed, comments), and enforce a byte and depth limit, so a
// hostile peer or file can neither expand entities nor exhaust memory.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"
#include "core/xml/element.hpp"

namespace cardex::xml {

struct ParseLimits {
    std::size_t max_element_bytes = 512 * 1024;  // one stanza, or a whole document
    std::size_t max_depth = 64;                  // element nesting
    bool allow_comments = false;                 // XMPP streams forbid them; files may have them
};

// Parses a complete document with exactly one root element.
// `default_ns` is the namespace of unprefixed elements that declare none (e.g. "jabber:client"
// for a stanza printed without its stream).
Result<Element> parse_document(std::string_view text, const ParseLimits& limits = {},
                               std::string_view default_ns = {});

// Events of an XMPP stream, in the order they occurred.
struct StreamOpened {
    Element header;  // the stream root: name, namespace and attributes, no children
};
struct StreamClosed {};
using StreamEvent = std::variant<StreamOpened, Element, StreamClosed>;  // Element = a stanza

struct FeedResult {
    std::vector<StreamEvent> events;  // everything complete before any error
    std::optional<Error> error;       // set once the stream is broken; feed no more
};

// Incremental parser for one XMPP stream: the root element is the stream header and each of
// its children is a stanza. Feed it bytes as they arrive from the socket.
class StreamParser {
  public:
    explicit StreamParser(ParseLimits limits = {});
    ~StreamParser();
    StreamParser(const StreamParser&) = delete;
    StreamParser& operator=(const StreamParser&) = delete;

    FeedResult feed(std::string_view bytes);
    // Starts over for a new stream (after a reconnect).
    void reset();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace cardex::xml
