// HttpServer: a small HTTP/1.1 listener on libmicrohttpd, meant to sit behind the operator's
// reverse proxy (which terminates TLS). One thread per connection, a bounded number of
// connections (per client address too), a timeout for slow clients, and request bodies cut at
// a maximum: a larger body is not kept, and the handler is told. The handler runs on the
// connection's thread and may block.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

struct MHD_Daemon;

namespace cardex::component::web {

struct HttpRequest {
    std::string method;                          // "GET", "POST", ...
    std::string path;                            // without the query
    std::map<std::string, std::string> query;    // decoded arguments
    std::map<std::string, std::string> headers;  // names in lower case
    std::string client_address;                  // of the TCP peer
    std::string body;
    bool body_too_large = false;  // the body was over the limit and is not in `body`
};

struct HttpResponse {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

class HttpServer {
  public:
    using Handler = std::function<HttpResponse(const HttpRequest&)>;

    // Listens on host:port (port 0: any free one); throws std::runtime_error naming the
    // address when it cannot.
    HttpServer(const std::string& host, std::uint16_t port, std::size_t max_body, Handler handler);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    std::uint16_t port() const { return port_; }

    struct Exchange;  // one request in progress (http_server.cpp)

  private:
    MHD_Daemon* daemon_ = nullptr;
    std::uint16_t port_ = 0;
    std::size_t max_body_;
    Handler handler_;

    friend struct Access;
};

}  // namespace cardex::component::web
