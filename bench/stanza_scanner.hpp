// StanzaScanner: reads an XMPP stream with Expat and reports, for every top-level stanza, the
// little a load generator needs (name, addressing attributes, error condition, direct text,
// size), without building a tree. It keeps up with a component that writes tens of megabytes a
// second, so that measuring the component does not measure our parser.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace cardex::bench {

struct StanzaHead {
    std::string name;  // as written, e.g. "iq", "message", "handshake", "stream:error"
    std::string id;
    std::string type;
    std::string from;
    std::string to;
    std::string error_condition;  // first child of <error/> in a type='error' stanza
    std::string text;             // character data directly inside the stanza
    std::size_t bytes = 0;        // the stanza's size on the wire
};

class StanzaScanner {
  public:
    StanzaScanner();
    ~StanzaScanner();
    StanzaScanner(const StanzaScanner&) = delete;
    StanzaScanner& operator=(const StanzaScanner&) = delete;

    std::function<void(const std::map<std::string, std::string>& attributes)> on_stream_header;
    std::function<void(const StanzaHead&)> on_stanza;
    std::function<void()> on_stream_end;

    // Feeds bytes as they arrive; an error means the stream is broken (feed no more).
    Status feed(std::string_view bytes);
    // Starts over for a new stream.
    void reset();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace cardex::bench
