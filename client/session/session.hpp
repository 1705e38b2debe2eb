// Session: one logged-in XMPP client connection (libstrophe), TLS required by default and
// verified against a CA file or the system's trust store.
//
// Synchronous by design: connect() and request() drive the connection themselves until they
// have an answer or their deadline passes; run_for() processes incoming stanzas. Stanzas come
// and go as xml::Element; received ones are parsed with the same limits as everywhere else.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "core/xml/element.hpp"
#include "core/xmpp/jid.hpp"
#include "core/xmpp/stanza.hpp"

namespace cardex::client {

struct SessionConfig {
    std::string jid;                // user@domain, optionally with /resource
    std::string password;           // never logged
    std::string server_host;        // empty: found from the JID's domain (DNS SRV)
    std::uint16_t server_port = 0;  // 0: the default port
    std::string ca_file;            // empty: the system's trust store
    bool require_tls = true;
    std::chrono::milliseconds connect_timeout{20'000};
    // Verbose: the session's progress, a line at a time (never the traffic or credentials).
    std::function<void(const std::string&)> progress;
};

class Session {
  public:
    explicit Session(SessionConfig config);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // Connects, negotiates TLS, authenticates and binds a resource.
    Status connect();
    bool connected() const;
    // The full JID the server bound (valid after connect()).
    const xmpp::Jid& bound_jid() const { return bound_jid_; }

    // Sends initial presence, which starts delivery of messages stored while offline.
    void send_presence();
    void send(const xml::Element& stanza);
    // Sends `iq` (a fresh id is set) and waits for its result or error.
    Result<xmpp::Iq> request(xmpp::Iq iq, std::chrono::milliseconds timeout);

    // Processes the connection for `duration`, handing every stanza to on_stanza.
    void run_for(std::chrono::milliseconds duration);
    // Processes until `done()` is true (checked after each stanza) or `timeout`; returns done().
    bool run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout);

    void disconnect();

    // Every received stanza not consumed by request(). Called outside libstrophe's handlers.
    std::function<void(const xml::Element&)> on_stanza;

    // What ended the connection, if it ended.
    const std::string& last_error() const { return last_error_; }

  private:
    struct Impl;
    void pump(std::chrono::milliseconds slice);
    void dispatch_queued();
    std::string next_id();

    SessionConfig config_;
    std::unique_ptr<Impl> impl_;
    xmpp::Jid bound_jid_;
    std::string last_error_;
    std::uint64_t id_counter_ = 0;
};

}  // namespace cardex::client
