#include "bench/component_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "component/link/handshake.hpp"
#include "core/xml/writer.hpp"

namespace cardex::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kReadChunk = 256 * 1024;
constexpr int kMaxReadsPerPump = 8;

std::string errno_text(const char* what) {
    return std::string(what) + ": " + std::strerror(errno);
}

int poll_ms(Clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return left.count() <= 0 ? 0 : static_cast<int>(left.count());
}

std::string fresh_stream_id() {
    std::random_device random;
    return "bench" + std::to_string(random()) + std::to_string(random());
}

}  // namespace

ComponentServer::~ComponentServer() {
    disconnect();
    if (listen_fd_ >= 0) ::close(listen_fd_);
}

Status ComponentServer::listen(const std::string& host) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_fd_ < 0) return make_error(errno_text("socket"));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    if (::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1)
        return make_error("not an IPv4 address: " + host);
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
        return make_error(errno_text(("bind " + host).c_str()));
    if (::listen(listen_fd_, 4) != 0) return make_error(errno_text("listen"));
    socklen_t length = sizeof address;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    return Ok{};
}

bool ComponentServer::wait_for_connection(std::chrono::milliseconds timeout) {
    pollfd p{listen_fd_, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(timeout.count())) > 0;
}

Status ComponentServer::accept(std::string_view secret, std::chrono::milliseconds timeout) {
    disconnect();
    const auto deadline = Clock::now() + timeout;
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, poll_ms(deadline)) <= 0)
        return make_error("no component connected within " + std::to_string(timeout.count()) +
                          " ms");
    fd_ = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd_ < 0) return make_error(errno_text("accept"));
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return handshake(secret, deadline);
}

Status ComponentServer::handshake(std::string_view secret, Clock::time_point deadline) {
    const std::string stream_id = fresh_stream_id();
    bool header_seen = false;
    std::optional<StanzaHead> answer;
    scanner_.reset();
    stream_ended_ = false;
    scanner_.on_stream_header = [&](const std::map<std::string, std::string>& attributes) {
        header_seen = true;
        const auto to = attributes.find("to");
        component_jid_ = to == attributes.end() ? "" : to->second;
        std::string header =
            "<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
            "xmlns:stream='http://etherx.jabber.org/streams' id='" +
            stream_id + "' from='";
        xml::append_escaped(header, component_jid_);
        header += "'>";
        send(header);
    };
    while (!answer) {
        if (Clock::now() >= deadline) return make_error("the component did not hand-shake in time");
        auto pumped = pump(std::chrono::milliseconds(poll_ms(deadline)),
                           [&](const StanzaHead& stanza) { answer = stanza; });
        if (!pumped) return pumped;
    }
    scanner_.on_stream_header = nullptr;
    if (!header_seen || answer->name != "handshake")
        return make_error("expected <handshake/>, got <" + answer->name + "/>");
    if (answer->text != component::handshake_digest(stream_id, secret)) {
        send(
            "<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
            "</stream:error></stream:stream>");
        (void)write_some();
        return make_error("the component's handshake digest does not match the secret");
    }
    send("<handshake/>");
    return Ok{};
}

Status ComponentServer::pump(std::chrono::milliseconds timeout,
                             const std::function<void(const StanzaHead&)>& on_stanza) {
    if (fd_ < 0) return make_error("no component is connected");
    if (queued_bytes() > 0) {
        auto written = write_some();
        if (!written) return written;
    }
    pollfd p{fd_, static_cast<short>(POLLIN | (queued_bytes() > 0 ? POLLOUT : 0)), 0};
    const int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (ready < 0 && errno != EINTR) return make_error(errno_text("poll"));
    if (ready <= 0) return Ok{};
    if ((p.revents & POLLOUT) != 0) {
        auto written = write_some();
        if (!written) return written;
    }
    if ((p.revents & (POLLIN | POLLHUP | POLLERR)) != 0) return read_some(on_stanza);
    return Ok{};
}

Status ComponentServer::write_some() {
    while (queued_bytes() > 0) {
        const ssize_t n = ::send(fd_, out_.data() + out_offset_, queued_bytes(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) break;
            return make_error(errno_text("write to the component"));
        }
        out_offset_ += static_cast<std::size_t>(n);
    }
    if (out_offset_ == out_.size()) {
        out_.clear();
        out_offset_ = 0;
    } else if (out_offset_ > out_.size() / 2) {
        out_.erase(0, out_offset_);
        out_offset_ = 0;
    }
    return Ok{};
}

Status ComponentServer::read_some(const std::function<void(const StanzaHead&)>& on_stanza) {
    in_.resize(kReadChunk);
    scanner_.on_stanza = on_stanza;
    scanner_.on_stream_end = [this] { stream_ended_ = true; };
    for (int i = 0; i < kMaxReadsPerPump; ++i) {
        const ssize_t n = ::recv(fd_, in_.data(), in_.size(), 0);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return Ok{};
            return make_error(errno_text("read from the component"));
        }
        if (n == 0) return make_error("the component closed the connection");
        auto fed = scanner_.feed(std::string_view(in_.data(), static_cast<std::size_t>(n)));
        if (!fed) return fed;
        if (stream_ended_) {
            send("</stream:stream>");
            (void)write_some();
            return make_error("the component closed its stream");
        }
        if (static_cast<std::size_t>(n) < in_.size()) return Ok{};
    }
    return Ok{};
}

void ComponentServer::disconnect() {
    if (fd_ < 0) return;
    ::close(fd_);
    fd_ = -1;
    out_.clear();
    out_offset_ = 0;
}

}  // namespace cardex::bench
