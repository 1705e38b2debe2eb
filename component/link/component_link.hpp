// ComponentLink: the XEP-0114 connection to the XMPP server, as an explicit state machine.
//
//   Idle -> Connecting -> Opening -> Handshaking -> Ready -> (Closing) -> Idle
//                 \__________\___________\____________\__ failure -> Waiting -> Connecting
//
// Connecting: non-blocking TCP connect. Opening: our stream header sent, waiting for the
// server's (which carries the stream id). Handshaking: SHA-1(id + secret) sent, waiting for
// the empty <handshake/>. Ready: stanzas flow both ways. Any failure (refused connection,
// stream error, bad handshake, malformed XML, timeout, server closing) is logged with its
// reason and followed by a reconnect after a capped exponential backoff; a success resets it.
// Limits apply per stanza: one over the size or depth limit is skipped and reported
// (on_skipped), and the link stays up for everybody else's stanzas.
// The link never blocks: reading, parsing and writing happen as the socket allows.
#pragma once

#include <spdlog/logger.h>

#include <functional>
#include <memory>
#include <string>

#include "component/config/config.hpp"
#include "component/link/backoff.hpp"
#include "component/link/stanza_channel.hpp"
#include "component/net/event_loop.hpp"
#include "core/xml/parser.hpp"

namespace cardex::component {

enum class LinkState { idle, connecting, opening, handshaking, ready, closing, waiting };
std::string_view to_string(LinkState state);

class ComponentLink final : public StanzaChannel {
  public:
    ComponentLink(EventLoop& loop, LinkConfig config, std::shared_ptr<spdlog::logger> log);
    ~ComponentLink() override;

    std::function<void()> on_ready;                 // handshake accepted
    std::function<void()> on_down;                  // was ready, no longer is
    std::function<void(xml::Element&&)> on_stanza;  // every stanza received while ready
    // A stanza over the size or depth limit, skipped unread while ready (the link stays up).
    std::function<void(xml::StanzaSkipped&&)> on_skipped;

    // Connects, and keeps reconnecting until close().
    void start();
    // Ends the stream cleanly (our </stream:stream>, then the server's, or a short timeout),
    // then calls `done`. No reconnect follows.
    void close(std::function<void()> done);

    bool send(const xml::Element& stanza) override;
    std::size_t backlog_bytes() const override { return out_.size(); }
    LinkState state() const { return state_; }

  private:
    void connect();
    void on_socket_event(short revents);
    void on_connected();
    void read_available();
    void flush();
    void handle_event(xml::StreamEvent&& event);
    void handle_stream_opened(const xml::Element& header);
    void handle_element(xml::Element&& element);
    void handle_skipped(xml::StanzaSkipped&& skipped);
    void write_raw(std::string_view bytes);
    void fail(const std::string& reason);
    void close_socket();
    void set_state(LinkState state);
    void arm_timeout(std::chrono::milliseconds delay, std::string reason);
    void disarm_timeout();

    EventLoop& loop_;
    LinkConfig config_;
    std::shared_ptr<spdlog::logger> log_;
    Backoff backoff_;
    xml::StreamParser parser_;
    LinkState state_ = LinkState::idle;
    int fd_ = -1;
    std::string out_;          // bytes not yet written
    std::string read_buffer_;  // what one recv() fills
    EventLoop::TimerId timeout_timer_ = 0;
    EventLoop::TimerId reconnect_timer_ = 0;
    EventLoop::TimerId round_flush_ = 0;  // writes what send() gathered this round
    bool closing_for_good_ = false;
    std::function<void()> closed_callback_;
};

}  // namespace cardex::component
