#include "client/session/session.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <strophe.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <random>

#include "client/session/login_trace.hpp"
#include "client/session/stanza_tree.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::client {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kSlice{50};
constexpr int kExtraReadRounds = 3;  // 4 reads of 4 KiB: one whole TLS record

void initialize_library_once() {
    static std::once_flag once;
    std::call_once(once, [] { xmpp_initialize(); });
}

struct CtxDeleter {
    void operator()(xmpp_ctx_t* ctx) const { xmpp_ctx_free(ctx); }
};
struct ConnDeleter {
    void operator()(xmpp_conn_t* conn) const { xmpp_conn_release(conn); }
};

// Stanzas go out as they are sent: without TCP_NODELAY a small stanza queued behind one the
// server has not acknowledged yet waits for its delayed ACK (up to 40 ms on Linux).
int set_socket_options(xmpp_conn_t*, void* sock) {
    const int fd = *static_cast<int*>(sock);
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // a failure only costs speed
    return 0;
}

// The condition and text of a stream error.
std::string describe_stream_error(const xmpp_stream_error_t& error) {
    std::string what;
    if (error.stanza != nullptr) {
        for (xmpp_stanza_t* c = xmpp_stanza_get_children(error.stanza); c != nullptr;
             c = xmpp_stanza_get_next(c)) {
            const char* name = xmpp_stanza_get_name(c);
            if (name != nullptr && std::strcmp(name, "text") != 0) what = name;
        }
    }
    if (what.empty()) what = "stream error";
    if (error.text != nullptr) what += std::string(" (") + error.text + ")";
    return what;
}

// libstrophe's log lines of the stanzas it sent and received.
bool is_stanza_traffic(std::string_view message) {
    return message.starts_with("SENT:") || message.starts_with("RECV:");
}

// What -v shows of libstrophe's debug lines: the steps of a login, not its chatter.
bool is_milestone(std::string_view text) {
    static constexpr std::array<std::string_view, 6> kSteps = {
        "Attempting to connect", "connection successful", "proceeding with TLS",
        "auth successful",       "auth failed",           "Cannot authenticate"};
    return std::any_of(kSteps.begin(), kSteps.end(), [text](std::string_view step) {
        return text.find(step) != std::string_view::npos;
    });
}

}  // namespace

struct Session::Impl {
    std::unique_ptr<xmpp_ctx_t, CtxDeleter> ctx;
    std::unique_ptr<xmpp_conn_t, ConnDeleter> conn;
    xmpp_log_t log{&Impl::on_log, this};
    bool connected = false;
    bool ended = false;
    bool closing = false;            // disconnect() asked for the end
    std::deque<xml::Element> inbox;  // parsed stanzas waiting for dispatch
    Session* owner = nullptr;
    LoginTrace trace;

    void say(const std::string& line) const {
        if (owner->config_.progress) owner->config_.progress(line);
    }

    // libstrophe's log: the only place that tells a refused password from other failures.
    static void on_log(void* userdata, xmpp_log_level_t level, const char* area,
                       const char* message) {
        auto* self = static_cast<Impl*>(userdata);
        const std::string_view text(message != nullptr ? message : "");
        const std::string_view where(area != nullptr ? area : "");
        // Every stanza sent or received is logged whole: never shown (it holds credentials), and
        // it tells nothing about the login.
        if (is_stanza_traffic(text)) return;
        const auto has = [&text](std::string_view part) {
            return text.find(part) != std::string_view::npos;
        };
        if (has("auth failed")) self->trace.password_refused = true;
        if (has("proceeding with TLS")) self->trace.secured = true;
        if (has("connection successful")) self->trace.tcp_connected = true;
        if (where == "conn") return;  // libstrophe's traffic: never shown, it holds credentials
        if (level >= XMPP_LEVEL_WARN || is_milestone(text)) self->say(std::string(text));
    }

    // A certificate that does not verify ends the attempt; why is kept for the message.
    // libstrophe 0.12 gives the handler no connection: the one logging in on this thread is
    // the one whose TLS handshake is running.
    static int on_certificate_failure(const xmpp_tlscert_t* cert, const char* const error) {
        Impl* self = logging_in();
        if (self == nullptr) return 0;
        self->trace.tls_failure = error != nullptr ? error : "unknown reason";
        if (const char* name = xmpp_tlscert_get_dnsname(cert, 0))
            *self->trace.tls_failure += " (its name: " + std::string(name) + ")";
        return 0;
    }
    static Impl*& logging_in() {
        static thread_local Impl* current = nullptr;
        return current;
    }

    static int on_stanza(xmpp_conn_t*, xmpp_stanza_t* stanza, void* userdata) {
        auto* self = static_cast<Impl*>(userdata);
        auto element = element_from_stanza(stanza, ns::kClient);
        if (element) self->inbox.push_back(std::move(element).value());
        return 1;  // keep the handler
    }

    static void on_connection(xmpp_conn_t*, xmpp_conn_event_t event, int error,
                              xmpp_stream_error_t* stream_error, void* userdata) {
        auto* self = static_cast<Impl*>(userdata);
        if (event == XMPP_CONN_RAW_CONNECT) return;
        if (event == XMPP_CONN_CONNECT) {
            self->connected = true;
            // From here on the log only feeds progress lines. Without them, a null handler
            // spares libstrophe formatting every stanza it sends and receives into a log line.
            if (!self->owner->config_.progress) self->log.handler = nullptr;
            return self->say("logged in");
        }
        const bool was_connected = self->connected;
        self->connected = false;
        self->ended = true;
        if (self->closing) return self->say("logged out");
        self->trace.socket_error = error;
        if (stream_error != nullptr)
            self->trace.stream_error = describe_stream_error(*stream_error);
        self->owner->last_error_ =
            was_connected ? (self->trace.stream_error
                                 ? "the server ended the session: " + *self->trace.stream_error
                                 : "the connection was closed")
                          : explain_login_failure(self->trace);
        self->say("disconnected: " + self->owner->last_error_);
    }
};

Session::Session(SessionConfig config)
    : config_(std::move(config)), impl_(std::make_unique<Impl>()) {
    initialize_library_once();
    impl_->owner = this;
    // The logger keeps what tells failures apart; traffic (with credentials) is never shown.
    impl_->ctx.reset(xmpp_ctx_new(nullptr, &impl_->log));
    impl_->conn.reset(xmpp_conn_new(impl_->ctx.get()));
    xmpp_conn_set_sockopt_callback(impl_->conn.get(), &set_socket_options);
    xmpp_conn_set_certfail_handler(impl_->conn.get(), &Impl::on_certificate_failure);
}

Session::~Session() {
    disconnect();
}

bool Session::connected() const {
    return impl_->connected;
}

Status Session::connect() {
    auto jid = xmpp::Jid::parse(config_.jid);
    if (!jid) return jid.error();
    if (jid->local.empty())
        return make_error("'" + config_.jid + "' is not a user address (user@domain)");
    if (!config_.ca_file.empty() && ::access(config_.ca_file.c_str(), R_OK) != 0) {
        return make_error("cannot log in as " + config_.jid + ": the CA file " + config_.ca_file +
                          " cannot be read: " + std::strerror(errno) +
                          " (cardex account set --ca-file FILE)");
    }
    impl_->trace = LoginTrace{};
    impl_->log.handler = &Impl::on_log;  // the trace of this login
    impl_->trace.host = config_.server_host;
    impl_->trace.port = config_.server_port;
    impl_->trace.domain = jid->domain;
    impl_->trace.ca_file = config_.ca_file;
    xmpp_conn_t* conn = impl_->conn.get();
    long flags = config_.require_tls ? XMPP_CONN_FLAG_MANDATORY_TLS : 0;
    xmpp_conn_set_flags(conn, flags);
    xmpp_conn_set_jid(conn, config_.jid.c_str());
    xmpp_conn_set_pass(conn, config_.password.c_str());
    if (!config_.ca_file.empty()) xmpp_conn_set_cafile(conn, config_.ca_file.c_str());
    xmpp_handler_add(conn, &Impl::on_stanza, nullptr, nullptr, nullptr, impl_.get());
    const char* host = config_.server_host.empty() ? nullptr : config_.server_host.c_str();
    impl_->say("connecting to " +
               (config_.server_host.empty()
                    ? "the server of " + jid->domain + " (DNS)"
                    : config_.server_host + ":" +
                          std::to_string(config_.server_port != 0 ? config_.server_port : 5222)) +
               " as " + config_.jid);
    if (xmpp_connect_client(conn, host, config_.server_port, &Impl::on_connection, impl_.get()) !=
        XMPP_EOK) {
        return make_error("cannot start connecting to " +
                          (config_.server_host.empty() ? jid->domain : config_.server_host));
    }
    const auto deadline = Clock::now() + config_.connect_timeout;
    Impl::logging_in() = impl_.get();
    while (!impl_->connected && !impl_->ended && Clock::now() < deadline)
        pump(kSlice);
    Impl::logging_in() = nullptr;
    if (!impl_->connected) {
        const std::string why = impl_->ended
                                    ? last_error_
                                    : "no session within " +
                                          std::to_string(config_.connect_timeout.count() / 1000) +
                                          " s (" + explain_login_failure(impl_->trace) + ")";
        disconnect();
        return make_error("cannot log in as " + config_.jid + ": " + why);
    }
    auto bound = xmpp::Jid::parse(xmpp_conn_get_bound_jid(conn));
    if (!bound) return bound.error();
    bound_jid_ = std::move(bound).value();
    return Ok{};
}

void Session::send_presence() {
    send(xml::Element("presence", std::string(ns::kClient)));
}

void Session::send(const xml::Element& stanza) {
    if (!impl_->connected) return;
    // Our writer's bytes as they are: xmpp_send() would parse them into libstrophe's tree and
    // write that again. Both queue the stanza as the user's, which stream management counts.
    const std::string text = xml::to_string(stanza, ns::kClient);
    xmpp_send_raw(impl_->conn.get(), text.data(), text.size());
}

std::string Session::next_id() {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    return "cx" + std::to_string(random() % 1'000'000'000) + "-" + std::to_string(++id_counter_);
}

Result<xmpp::Iq> Session::request(xmpp::Iq iq, std::chrono::milliseconds timeout) {
    if (!impl_->connected) return make_error("not connected");
    iq.id = next_id();
    send(serialize(iq, ns::kClient));
    std::optional<Result<xmpp::Iq>> answer;
    const auto deadline = Clock::now() + timeout;
    while (!answer && impl_->connected && Clock::now() < deadline) {
        pump(kSlice);
        for (auto it = impl_->inbox.begin(); it != impl_->inbox.end(); ++it) {
            const auto type = it->attr_or_empty("type");
            if (it->name == "iq" && it->attr_or_empty("id") == iq.id &&
                (type == "result" || type == "error")) {
                answer = xmpp::parse_iq(*it);
                impl_->inbox.erase(it);
                break;
            }
        }
        dispatch_queued();
    }
    if (answer) return std::move(*answer);
    const std::string to = iq.to ? iq.to->str() : "the server";
    if (!impl_->connected)
        return make_error("connection lost while waiting for " + to + ": " + last_error_);
    return make_error("no answer from " + to + " within " + std::to_string(timeout.count()) +
                      " ms");
}

void Session::pump(std::chrono::milliseconds slice) {
    xmpp_run_once(impl_->ctx.get(), static_cast<unsigned long>(slice.count()));
    // libstrophe reads at most 4 KiB per round, and over TLS the rest of a record (up to
    // 16 KiB) waits in OpenSSL's buffer, where select() cannot see it: without these
    // non-waiting rounds, each further 4 KiB of a record would wait for a whole slice.
    for (int i = 0; i < kExtraReadRounds; ++i)
        xmpp_run_once(impl_->ctx.get(), 0);
}

void Session::dispatch_queued() {
    while (!impl_->inbox.empty()) {
        xml::Element stanza = std::move(impl_->inbox.front());
        impl_->inbox.pop_front();
        if (on_stanza) on_stanza(stanza);
    }
}

void Session::run_for(std::chrono::milliseconds duration) {
    run_until([] { return false; }, duration);
}

bool Session::run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    dispatch_queued();
    while (!done() && Clock::now() < deadline && (impl_->connected || !impl_->inbox.empty())) {
        // Never wait past the deadline, so that run_for(1ms) returns after about 1 ms; round
        // up, or the last fraction of a millisecond would be spent polling without waiting.
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
        pump(std::clamp(left, std::chrono::milliseconds(0), kSlice));
        dispatch_queued();
    }
    return done();
}

void Session::disconnect() {
    if (!impl_->conn) return;
    if (impl_->connected) {
        impl_->closing = true;
        xmpp_disconnect(impl_->conn.get());
        const auto deadline = Clock::now() + std::chrono::seconds(2);
        while (!impl_->ended && Clock::now() < deadline)
            pump(kSlice);
    }
    impl_->connected = false;
}

}  // namespace cardex::client
