#include "component/web/http_server.hpp"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <stdexcept>

namespace cardex::component::web {

struct HttpServer::Exchange {
    HttpRequest request;
};

namespace {

constexpr unsigned kConnections = 64;
constexpr unsigned kConnectionsPerAddress = 8;
constexpr unsigned kTimeoutSeconds = 15;

MHD_Result collect(void* target, MHD_ValueKind, const char* key, const char* value) {
    auto& map = *static_cast<std::map<std::string, std::string>*>(target);
    std::string name = key != nullptr ? key : "";
    map.emplace(std::move(name), value != nullptr ? value : "");
    return MHD_YES;
}

MHD_Result collect_header(void* target, MHD_ValueKind, const char* key, const char* value) {
    auto& map = *static_cast<std::map<std::string, std::string>*>(target);
    std::string name = key != nullptr ? key : "";
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    map.emplace(std::move(name), value != nullptr ? value : "");
    return MHD_YES;
}

std::string peer_address(MHD_Connection* connection) {
    const auto* info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info == nullptr || info->client_addr == nullptr) return "";
    char text[INET6_ADDRSTRLEN] = {};
    const sockaddr* address = info->client_addr;
    if (address->sa_family == AF_INET) {
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text,
                  sizeof text);
    } else if (address->sa_family == AF_INET6) {
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text,
                  sizeof text);
    }
    return text;
}

MHD_Result respond(MHD_Connection* connection, const HttpResponse& r) {
    MHD_Response* response = MHD_create_response_from_buffer(
        r.body.size(), const_cast<char*>(r.body.data()), MHD_RESPMEM_MUST_COPY);
    if (response == nullptr) return MHD_NO;
    MHD_add_response_header(response, "Content-Type", r.content_type.c_str());
    for (const auto& [name, value] : r.headers)
        MHD_add_response_header(response, name.c_str(), value.c_str());
    const MHD_Result queued =
        MHD_queue_response(connection, static_cast<unsigned>(r.status), response);
    MHD_destroy_response(response);
    return queued;
}

}  // namespace

// libmicrohttpd calls this once when the headers are in, then once per piece of the body,
// then once more with nothing left: that last call answers.
struct Access {
    static MHD_Result call(void* self, MHD_Connection* connection, const char* url,
                           const char* method, const char*, const char* upload_data,
                           size_t* upload_data_size, void** state) {
        auto& server = *static_cast<HttpServer*>(self);
        if (*state == nullptr) {
            auto* exchange = new HttpServer::Exchange;
            exchange->request.method = method;
            exchange->request.path = url;
            exchange->request.client_address = peer_address(connection);
            MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, &collect,
                                      &exchange->request.query);
            MHD_get_connection_values(connection, MHD_HEADER_KIND, &collect_header,
                                      &exchange->request.headers);
            *state = exchange;
            return MHD_YES;
        }
        auto& request = static_cast<HttpServer::Exchange*>(*state)->request;
        if (*upload_data_size > 0) {
            if (!request.body_too_large &&
                request.body.size() + *upload_data_size <= server.max_body_) {
                request.body.append(upload_data, *upload_data_size);
            } else {
                request.body_too_large = true;
                request.body.clear();
            }
            *upload_data_size = 0;
            return MHD_YES;
        }
        HttpResponse response;
        try {
            response = server.handler_(request);
        } catch (const std::exception& e) {
            response = {500,
                        "text/plain; charset=utf-8",
                        std::string("the card service failed: ") + e.what() + "\n",
                        {}};
        }
        return respond(connection, response);
    }

    static void completed(void*, MHD_Connection*, void** state, MHD_RequestTerminationCode) {
        delete static_cast<HttpServer::Exchange*>(*state);
        *state = nullptr;
    }
};

HttpServer::HttpServer(const std::string& host, std::uint16_t port, std::size_t max_body,
                       Handler handler)
    : max_body_(max_body), handler_(std::move(handler)) {
    sockaddr_storage storage{};
    socklen_t length = 0;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION;
    if (auto* v4 = reinterpret_cast<sockaddr_in*>(&storage);
        inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        length = sizeof(sockaddr_in);
    } else if (auto* v6 = reinterpret_cast<sockaddr_in6*>(&storage);
               inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        length = sizeof(sockaddr_in6);
        flags |= MHD_USE_IPv6;
    } else {
        throw std::runtime_error("web listener: '" + host + "' is not an IP address");
    }
    (void)length;
    daemon_ = MHD_start_daemon(
        flags, port, nullptr, nullptr, &Access::call, this, MHD_OPTION_SOCK_ADDR,
        reinterpret_cast<sockaddr*>(&storage), MHD_OPTION_CONNECTION_LIMIT, kConnections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, kConnectionsPerAddress, MHD_OPTION_CONNECTION_TIMEOUT,
        kTimeoutSeconds, MHD_OPTION_NOTIFY_COMPLETED, &Access::completed, nullptr, MHD_OPTION_END);
    if (daemon_ == nullptr) {
        throw std::runtime_error("web listener: cannot listen on " + host + ":" +
                                 std::to_string(port) +
                                 " (in use, or not an address of this host)");
    }
    const auto* info = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_BIND_PORT);
    port_ = info != nullptr ? info->port : port;
}

HttpServer::~HttpServer() {
    if (daemon_ != nullptr) MHD_stop_daemon(daemon_);
}

}  // namespace cardex::component::web
