// ComponentServer: the XMPP server's side of XEP-0114 on a loopback port, for a load generator
// that feeds a component directly. It accepts one component connection at a time, checks its
// handshake (stream header with a fresh id, SHA-1 of id and secret, empty <handshake/>), then
// moves bytes both ways without blocking: queued writes go out as the socket allows, and every
// stanza read is handed over as a StanzaHead.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "bench/stanza_scanner.hpp"
#include "core/result.hpp"

namespace cardex::bench {

class ComponentServer {
  public:
    ComponentServer() = default;
    ~ComponentServer();
    ComponentServer(const ComponentServer&) = delete;
    ComponentServer& operator=(const ComponentServer&) = delete;

    // Listens on `host` at a port the system picks.
    Status listen(const std::string& host);
    std::uint16_t port() const { return port_; }

    // True when a component connection is waiting to be accepted (waits up to `timeout`).
    bool wait_for_connection(std::chrono::milliseconds timeout);
    // Waits for the component to connect and runs the handshake with `secret`.
    Status accept(std::string_view secret, std::chrono::milliseconds timeout);
    // The address the component asked for in its stream header.
    const std::string& component_jid() const { return component_jid_; }
    bool connected() const { return fd_ >= 0; }

    void send(std::string_view bytes) { out_.append(bytes); }
    std::size_t queued_bytes() const { return out_.size() - out_offset_; }

    // Writes what the socket takes, reads what arrived and hands each stanza to `on_stanza`,
    // waiting at most `timeout` for the socket to become ready. Fails when the connection ends.
    Status pump(std::chrono::milliseconds timeout,
                const std::function<void(const StanzaHead&)>& on_stanza);

    // Closes the component connection (the listening socket stays).
    void disconnect();

  private:
    Status handshake(std::string_view secret, std::chrono::steady_clock::time_point deadline);
    Status write_some();
    Status read_some(const std::function<void(const StanzaHead&)>& on_stanza);

    int listen_fd_ = -1;
    int fd_ = -1;
    std::uint16_t port_ = 0;
    std::string component_jid_;
    std::string out_;
    std::size_t out_offset_ = 0;
    std::string in_;
    StanzaScanner scanner_;
    bool stream_ended_ = false;
};

}  // namespace cardex::bench
