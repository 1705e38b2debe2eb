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
    // A stream: a stanza over one of the limits above is skipped to its end, not built; one
    // still open after this many bytes from its start tag breaks the stream (the parser cannot
    // hold it), however the bytes were cut into pieces; so does a start tag or comment between
    // stanzas that runs past it. At least 4 * max_element_bytes applies.
    std::size_t max_skipped_bytes = 16 * 1024 * 1024;
};

// Parses a complete document with exactly one root element.
// `default_ns` is the namespace of unprefixed elements that declare none (e.g. "jabber:client"
// for a stanza printed without its stream).
Result<Element> parse_document(std::string_view text, const ParseLimits& limits = {},
                               std::string_view default_ns = {});

// Events of an XMPP stream, in the order they occurred.
struct StreamOpened {
    Element header;  // the stream root: name, namespace and attributes, no children

    friend bool operator==(const StreamOpened&, const StreamOpened&) = default;
};
struct StreamClosed {
    friend bool operator==(const StreamClosed&, const StreamClosed&) = default;
};
// A stanza over the byte or depth limit, skipped to its end without being built: only its
// name, namespace and attributes are kept, with those of its first child element (the
// payload of an IQ), so that the receiver can say who sent what and answer it.
struct StanzaSkipped {
    Element head;        // the stanza without content, and its first child without content
    std::string reason;  // "the stanza exceeds the limit of 524288 bytes", ...

    friend bool operator==(const StanzaSkipped&, const StanzaSkipped&) = default;
};
using StreamEvent =
    std::variant<StreamOpened, Element, StreamClosed, StanzaSkipped>;  // Element = a stanza

struct FeedResult {
    std::vector<StreamEvent> events;  // everything complete before any error
    std::optional<Error> error;       // set once the stream is broken; feed no more
};

// Incremental parser for one XMPP stream: the root element is the stream header and each of
// its children is a stanza. Feed it bytes as they arrive from the socket. The limits apply
// per stanza: a stanza over them is reported as StanzaSkipped and the stream goes on; only
// XML that is not well-formed, a forbidden construct (DOCTYPE, entity declaration, processing
// instruction, comment) or a skipped stanza longer than max_skipped_bytes breaks it.
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
