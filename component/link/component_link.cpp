#include "component/link/component_link.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "component/link/handshake.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::component {
namespace {

constexpr std::chrono::milliseconds kCloseGrace{2'000};
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr int kMaxReadsPerWakeup = 16;  // let timers and other sockets have their turn
// Stanzas sent during one round of the event loop (the requests of one read, the answers of
// one store commit) go out in one write at the round's end, or as soon as this many bytes wait.
constexpr std::size_t kWriteAt = 64 * 1024;

std::string stream_header(std::string_view jid) {
    std::string header =
        "<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
        "xmlns:stream='http://etherx.jabber.org/streams' to='";
    xml::append_escaped(header, jid);
    header += "'>";
    return header;
}

// "condition (text)" of a <stream:error/>.
std::string describe_stream_error(const xml::Element& error) {
    std::string condition = "undefined-condition";
    std::string text;
    for (const auto& c : error.children) {
        if (c.ns != ns::kStreamErrors) continue;
        if (c.name == "text") {
            text = c.text;
        } else {
            condition = c.name;
        }
    }
    return text.empty() ? condition : condition + " (" + text + ")";
}

}  // namespace

std::string_view to_string(LinkState state) {
    static constexpr std::array<std::string_view, 7> kNames = {
        "idle", "connecting", "opening", "handshaking", "ready", "closing", "waiting"};
    return kNames[static_cast<std::size_t>(state)];
}

ComponentLink::ComponentLink(EventLoop& loop, LinkConfig config,
                             std::shared_ptr<spdlog::logger> log)
    : loop_(loop),
      config_(std::move(config)),
      log_(std::move(log)),
      backoff_(config_.reconnect_initial, config_.reconnect_max),
      parser_(xml::ParseLimits{config_.max_stanza_bytes, 64, false}) {}

ComponentLink::~ComponentLink() {
    loop_.cancel_timer(reconnect_timer_);
    disarm_timeout();
    close_socket();
}

void ComponentLink::start() {
    closing_for_good_ = false;
    connect();
}

void ComponentLink::set_state(LinkState state) {
    log_->trace("link {} -> {}", to_string(state_), to_string(state));
    state_ = state;
}

void ComponentLink::connect() {
    reconnect_timer_ = 0;
    set_state(LinkState::connecting);
    const std::string where = config_.server_host + ":" + std::to_string(config_.server_port);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const std::string port = std::to_string(config_.server_port);
    if (const int rc = ::getaddrinfo(config_.server_host.c_str(), port.c_str(), &hints, &found);
        rc != 0) {
        return fail("cannot resolve " + config_.server_host + ": " + ::gai_strerror(rc));
    }
    std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> guard(found, &::freeaddrinfo);
    fd_ = ::socket(found->ai_family, found->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return fail(std::string("socket: ") + std::strerror(errno));
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    arm_timeout(config_.connect_timeout, "no handshake with " + where + " within " +
                                             std::to_string(config_.connect_timeout.count()) +
                                             " ms");
    loop_.watch(fd_, POLLOUT, [this](short revents) { on_socket_event(revents); });
    if (::connect(fd_, found->ai_addr, found->ai_addrlen) == 0) return on_connected();
    if (errno != EINPROGRESS)
        return fail("cannot connect to " + where + ": " + std::strerror(errno));
}

void ComponentLink::on_socket_event(short revents) {
    if (state_ == LinkState::connecting) {
        int error = 0;
        socklen_t len = sizeof error;
        ::getsockopt(fd_, SOL_SOCKET, SO_ERROR, &error, &len);
        if (error != 0) {
            return fail("cannot connect to " + config_.server_host + ":" +
                        std::to_string(config_.server_port) + ": " + std::strerror(error));
        }
        return on_connected();
    }
    if ((revents & (POLLIN | POLLHUP | POLLERR)) != 0) read_available();
    if (fd_ >= 0 && (revents & POLLOUT) != 0) flush();
}

void ComponentLink::on_connected() {
    parser_.reset();
    set_state(LinkState::opening);
    loop_.set_events(fd_, POLLIN);
    write_raw(stream_header(config_.jid));
}

void ComponentLink::read_available() {
    std::string& buffer = read_buffer_;
    buffer.resize(kReadChunk);  // allocated once, reused on every wakeup
    for (int i = 0; i < kMaxReadsPerWakeup && fd_ >= 0; ++i) {
        const ssize_t n = ::recv(fd_, buffer.data(), buffer.size(), 0);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return;
            return fail(std::string("read error: ") + std::strerror(errno));
        }
        if (n == 0) return fail("the server closed the connection");
        const std::string_view bytes(buffer.data(), static_cast<std::size_t>(n));
        log_->debug("RECV {}", bytes);
        xml::FeedResult fed = parser_.feed(bytes);
        for (auto& event : fed.events) {
            if (fd_ < 0) return;  // an earlier event ended the connection
            handle_event(std::move(event));
        }
        if (fed.error && fd_ >= 0) {
            write_raw(
                "<stream:error><not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                "</stream:error></stream:stream>");
            return fail("malformed XML from the server: " + fed.error->message);
        }
    }
}

void ComponentLink::handle_event(xml::StreamEvent&& event) {
    if (auto* header = std::get_if<xml::StreamOpened>(&event)) {
        handle_stream_opened(header->header);
    } else if (auto* element = std::get_if<xml::Element>(&event)) {
        handle_element(std::move(*element));
    } else if (auto* skipped = std::get_if<xml::StanzaSkipped>(&event)) {
        handle_skipped(std::move(*skipped));
    } else if (state_ == LinkState::closing) {
        fail("stream closed");
    } else {
        fail("the server closed the stream");
    }
}

void ComponentLink::handle_stream_opened(const xml::Element& header) {
    if (header.name != "stream" || header.ns != ns::kStreams) {
        return fail("the server did not open an XMPP stream (got <" + header.name + "/>)");
    }
    const auto id = header.attr("id");
    if (state_ != LinkState::opening || !id || id->empty()) {
        return fail("the server's stream header has no id to hand-shake with");
    }
    set_state(LinkState::handshaking);
    xml::Element handshake("handshake", std::string(ns::kComponentAccept));
    handshake.text = handshake_digest(*id, config_.secret);
    write_raw(xml::to_string(handshake, ns::kComponentAccept));
}

void ComponentLink::handle_element(xml::Element&& element) {
    if (element.name == "error" && element.ns == ns::kStreams) {
        const std::string what = describe_stream_error(element);
        if (state_ == LinkState::handshaking) {
            return fail("the server refused the handshake for " + config_.jid + ": " + what +
                        " (check the component's name and secret on both sides)");
        }
        return fail("stream error from the server: " + what);
    }
    if (state_ == LinkState::handshaking && element.name == "handshake") {
        disarm_timeout();
        backoff_.reset();
        set_state(LinkState::ready);
        log_->info("component {} connected to {}:{}", config_.jid, config_.server_host,
                   config_.server_port);
        if (on_ready) on_ready();
        return;
    }
    if (state_ == LinkState::ready || state_ == LinkState::closing) {
        if (on_stanza) on_stanza(std::move(element));
        return;
    }
    fail("unexpected <" + element.name + "/> while " + std::string(to_string(state_)));
}

void ComponentLink::handle_skipped(xml::StanzaSkipped&& skipped) {
    if (state_ != LinkState::ready && state_ != LinkState::closing) {
        return fail("the server sent an oversized <" + skipped.head.name + "/> while " +
                    std::string(to_string(state_)) + ": " + skipped.reason);
    }
    log_->warn("skipped <{}/> from {}: {}", skipped.head.name, skipped.head.attr_or_empty("from"),
               skipped.reason);
    if (on_skipped) on_skipped(std::move(skipped));
}

bool ComponentLink::send(const xml::Element& stanza) {
    if (state_ != LinkState::ready) return false;
    const std::size_t start = out_.size();
    xml::append_to(out_, stanza, ns::kComponentAccept);
    log_->debug("SEND {}", std::string_view(out_).substr(start));
    if (out_.size() >= kWriteAt) {
        flush();
    } else if (round_flush_ == 0) {
        // Timers due now run once the round's sockets and posted work are done.
        round_flush_ = loop_.add_timer(std::chrono::milliseconds(0), [this] {
            round_flush_ = 0;
            if (fd_ >= 0) flush();
        });
    }
    return true;
}

void ComponentLink::write_raw(std::string_view bytes) {
    if (fd_ < 0) return;
    out_.append(bytes);
    flush();
}

void ComponentLink::flush() {
    std::size_t written = 0;
    while (written < out_.size()) {
        const ssize_t n = ::send(fd_, out_.data() + written, out_.size() - written, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) break;
            out_.clear();
            return fail(std::string("write error: ") + std::strerror(errno));
        }
        written += static_cast<std::size_t>(n);
    }
    out_.erase(0, written);
    loop_.set_events(fd_, out_.empty() ? POLLIN : (POLLIN | POLLOUT));
}

void ComponentLink::close(std::function<void()> done) {
    closing_for_good_ = true;
    closed_callback_ = std::move(done);
    loop_.cancel_timer(reconnect_timer_);
    reconnect_timer_ = 0;
    if (state_ == LinkState::ready) {
        set_state(LinkState::closing);
        write_raw("</stream:stream>");
        arm_timeout(kCloseGrace, "the server did not close its stream in time");
        return;
    }
    fail("closing");
}

void ComponentLink::fail(const std::string& reason) {
    const bool was_ready = state_ == LinkState::ready || state_ == LinkState::closing;
    disarm_timeout();
    close_socket();
    if (closing_for_good_) {
        log_->info("component {}: stream closed", config_.jid);
        set_state(LinkState::idle);
        if (auto done = std::move(closed_callback_)) done();
        return;
    }
    const auto delay = backoff_.next();
    log_->warn("component {}: {}; reconnecting in {} ms", config_.jid, reason, delay.count());
    set_state(LinkState::waiting);
    reconnect_timer_ = loop_.add_timer(delay, [this] { connect(); });
    if (was_ready && on_down) on_down();
}

void ComponentLink::close_socket() {
    loop_.cancel_timer(round_flush_);
    round_flush_ = 0;
    if (fd_ < 0) return;
    loop_.unwatch(fd_);
    ::close(fd_);
    fd_ = -1;
    out_.clear();
}

void ComponentLink::arm_timeout(std::chrono::milliseconds delay, std::string reason) {
    disarm_timeout();
    timeout_timer_ = loop_.add_timer(delay, [this, reason = std::move(reason)] {
        timeout_timer_ = 0;
        fail(reason);
    });
}

void ComponentLink::disarm_timeout() {
    if (timeout_timer_ != 0) loop_.cancel_timer(timeout_timer_);
    timeout_timer_ = 0;
}

}  // namespace cardex::component
