// LoginTrace: what happened while logging in, so that a failed login says why. libstrophe
// ends every failed attempt with the same disconnect event; the trace tells the causes apart:
// nothing listening where the server should be, a certificate that does not verify (and why),
// the server refusing the password, or a stream error the server sent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace cardex::client {

struct LoginTrace {
    std::string host;        // where the connection went ("" : found by DNS from the domain)
    std::uint16_t port = 0;  // 0: the default port
    std::string domain;
    std::string ca_file;                      // "" : the system's trust store
    bool tcp_connected = false;               // the TCP connection was made
    bool secured = false;                     // TLS was established
    bool password_refused = false;            // the server answered the SASL exchange with failure
    std::optional<std::string> tls_failure;   // why the server's certificate did not verify
    std::optional<std::string> stream_error;  // the server ended the stream with this
    int socket_error = 0;                     // errno libstrophe reported, if any
};

// One sentence (or two) saying why the login failed and what to check.
std::string explain_login_failure(const LoginTrace& trace);

// Tries a TCP connection to host:port (at most two seconds) and returns errno of the failure,
// or 0 when it succeeds: libstrophe does not say why it could not connect.
int probe_tcp(const std::string& host, std::uint16_t port);

}  // namespace cardex::client
