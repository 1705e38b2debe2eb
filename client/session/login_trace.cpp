#include "client/session/login_trace.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace cardex::client {
namespace {

constexpr std::uint16_t kClientPort = 5222;

std::string where(const LoginTrace& t) {
    if (t.host.empty()) return "the server of " + t.domain + " (found by DNS)";
    return t.host + ":" + std::to_string(t.port != 0 ? t.port : kClientPort);
}

std::string unreachable(const LoginTrace& t) {
    const int error = t.socket_error != 0 || t.host.empty()
                          ? t.socket_error
                          : probe_tcp(t.host, t.port != 0 ? t.port : kClientPort);
    std::string why = "cannot connect to " + where(t);
    if (error != 0) why += ": " + std::string(std::strerror(error));
    return why +
           " (is the server running there? the address comes from --server HOST[:PORT] "
           "of cardex account set)";
}

}  // namespace

std::string explain_login_failure(const LoginTrace& t) {
    if (t.tls_failure) {
        return "the server's TLS certificate does not verify: " + *t.tls_failure +
               (t.ca_file.empty()
                    ? " (checked against the system's trust store; give the CA that issued it "
                      "with --ca-file)"
                    : " (checked against " + t.ca_file + ")");
    }
    if (t.password_refused) {
        return "the server refused the login (SASL not-authorized): wrong password, or no "
               "account by that name on " +
               t.domain;
    }
    if (t.stream_error) {
        std::string why = "the server ended the session: " + *t.stream_error;
        if (t.stream_error->starts_with("host-unknown")) {
            why += "; " + where(t) + " does not serve " + t.domain +
                   " (check the domain of the account, and --server of cardex account set)";
        }
        return why;
    }
    if (!t.tcp_connected) return unreachable(t);
    if (!t.secured) {
        return "the connection to " + where(t) +
               " closed before TLS was established (is it an XMPP server? does it offer "
               "STARTTLS?)";
    }
    return "the server closed the connection during the login";
}

int probe_tcp(const std::string& host, std::uint16_t port) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0)
        return EHOSTUNREACH;
    std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> guard(found, &::freeaddrinfo);
    const int fd = ::socket(found->ai_family, found->ai_socktype | SOCK_NONBLOCK, 0);
    if (fd < 0) return errno;
    int error = 0;
    if (::connect(fd, found->ai_addr, found->ai_addrlen) != 0) {
        error = errno;
        if (error == EINPROGRESS) {
            pollfd p{fd, POLLOUT, 0};
            error = ::poll(&p, 1, 2000) == 1 ? 0 : ETIMEDOUT;
            socklen_t len = sizeof error;
            if (error == 0) ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len);
        }
    }
    ::close(fd);
    return error;
}

}  // namespace cardex::client
