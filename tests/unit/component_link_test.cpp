// ComponentLink against a scripted XEP-0114 server on loopback: handshake, stanzas both ways,
// refusal, loss of the connection and reconnection, clean close.
#include "component/link/component_link.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <spdlog/sinks/null_sink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>
#include <vector>

#include "component/link/handshake.hpp"

namespace cardex::component {
namespace {

using namespace std::chrono_literals;

// A blocking, single-connection-at-a-time server run on its own thread. Every read has a
// timeout, so a misbehaving link fails the test instead of hanging it.
class ScriptedServer {
  public:
    ScriptedServer() {
        listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        ::listen(listen_fd_, 4);
        socklen_t len = sizeof addr;
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
        port = ntohs(addr.sin_port);
    }
    ~ScriptedServer() { ::close(listen_fd_); }

    int accept_one() {
        const int fd = ::accept(listen_fd_, nullptr, nullptr);
        timeval tv{10, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        return fd;
    }
    // Reads until `marker` has arrived; returns everything read (empty on timeout or EOF).
    static std::string read_until(int fd, std::string_view marker) {
        std::string got;
        char buf[4096];
        while (got.find(marker) == std::string::npos) {
            const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0) return {};
            got.append(buf, static_cast<std::size_t>(n));
        }
        return got;
    }
    static void write(int fd, std::string_view text) {
        [[maybe_unused]] auto n = ::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
    }
    // Reads the component's header, answers with stream id `id`, and checks the handshake.
    static bool accept_handshake(int fd, std::string_view secret, std::string_view id = "s1") {
        if (read_until(fd, "to='cards.test'>").empty()) return false;
        write(fd,
              "<stream:stream xmlns='jabber:component:accept' "
              "xmlns:stream='http://etherx.jabber.org/streams' from='cards.test' id='" +
                  std::string(id) + "'>");
        const std::string handshake = read_until(fd, "</handshake>");
        if (handshake.find(handshake_digest(id, secret)) == std::string::npos) return false;
        write(fd, "<handshake/>");
        return true;
    }

    std::uint16_t port = 0;

  private:
    int listen_fd_ = -1;
};

class ComponentLinkTest : public ::testing::Test {
  protected:
    LinkConfig config() const {
        LinkConfig c;
        c.jid = "cards.test";
        c.server_host = "127.0.0.1";
        c.server_port = server.port;
        c.secret = "right";
        c.reconnect_initial = 20ms;
        c.reconnect_max = 40ms;
        return c;
    }
    // Runs the loop until stop() or a generous deadline (which fails the test).
    void run_loop() {
        bool timed_out = false;
        const auto guard = loop.add_timer(30s, [&] {
            timed_out = true;
            loop.stop();
        });
        loop.run();
        loop.cancel_timer(guard);
        EXPECT_FALSE(timed_out) << "the scenario did not finish";
    }

    ScriptedServer server;
    EventLoop loop;
    std::shared_ptr<spdlog::logger> log =
        std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
};

TEST_F(ComponentLinkTest, HandshakesThenCarriesStanzasBothWays) {
    std::string answer;
    std::thread peer([&] {
        const int fd = server.accept_one();
        ASSERT_TRUE(ScriptedServer::accept_handshake(fd, "right"));
        ScriptedServer::write(fd,
                              "<iq type='get' id='1' from='a@b/c' to='cards.test'>"
                              "<ping xmlns='urn:xmpp:ping'/></iq>");
        answer = ScriptedServer::read_until(fd, "</iq>");
        ::close(fd);
    });
    ComponentLink link(loop, config(), log);
    int ready = 0;
    link.on_ready = [&] { ++ready; };
    link.on_stanza = [&](xml::Element&& stanza) {
        EXPECT_EQ(stanza.ns, "jabber:component:accept");
        xml::Element reply("iq", stanza.ns);
        reply.set_attr("type", "result").set_attr("id", stanza.attr_or_empty("id"));
        reply.text = "<&>";
        EXPECT_TRUE(link.send(reply));
    };
    link.on_down = [&] { loop.stop(); };
    link.start();
    run_loop();
    peer.join();
    EXPECT_EQ(ready, 1);
    EXPECT_EQ(answer, "<iq type='result' id='1'>&lt;&amp;&gt;</iq>");
    EXPECT_EQ(link.state(), LinkState::waiting) << "a lost link waits to reconnect";
}

// Stanzas sent while the loop handles one round (here the answers to three requests that came
// in one read) are gathered and leave together at the round's end, in order; one that brings
// the gathered bytes to 64 KiB leaves at once.
TEST_F(ComponentLinkTest, StanzasOfOneRoundLeaveTogetherAtItsEnd) {
    std::string answers;
    std::thread peer([&] {
        const int fd = server.accept_one();
        ASSERT_TRUE(ScriptedServer::accept_handshake(fd, "right"));
        ScriptedServer::write(fd,
                              "<iq type='get' id='1' from='a@b/c' to='cards.test'/>"
                              "<iq type='get' id='2' from='a@b/c' to='cards.test'/>"
                              "<iq type='get' id='3' from='a@b/c' to='cards.test'/>");
        answers = ScriptedServer::read_until(fd, "id='big'>");
        answers = answers.substr(0, answers.find("<iq type='result' id='big'>"));
        ::close(fd);
    });
    ComponentLink link(loop, config(), log);
    std::vector<std::size_t> gathered;  // bytes waiting after each send
    link.on_stanza = [&](xml::Element&& stanza) {
        xml::Element reply("iq", stanza.ns);
        reply.set_attr("type", "result").set_attr("id", stanza.attr_or_empty("id"));
        EXPECT_TRUE(link.send(reply));
        gathered.push_back(link.backlog_bytes());
        if (gathered.size() < 3) return;
        reply.set_attr("id", "big").text = std::string(70'000, 'x');
        EXPECT_TRUE(link.send(reply));
        gathered.push_back(link.backlog_bytes());
    };
    link.on_down = [&] { loop.stop(); };
    link.start();
    run_loop();
    peer.join();
    EXPECT_EQ(answers,
              "<iq type='result' id='1'/><iq type='result' id='2'/><iq type='result' id='3'/>");
    ASSERT_EQ(gathered.size(), 4u);
    EXPECT_GT(gathered[0], 0u);
    EXPECT_GT(gathered[1], gathered[0]);
    EXPECT_GT(gathered[2], gathered[1]);
    EXPECT_LT(gathered[3], gathered[2] + 70'000) << "written at once, at least in part";
}

TEST_F(ComponentLinkTest, RefusedHandshakeIsRetriedWithBackoff) {
    std::thread peer([&] {
        const int first = server.accept_one();
        ScriptedServer::read_until(first, "to='cards.test'>");
        ScriptedServer::write(first,
                              "<stream:stream xmlns='jabber:component:accept' "
                              "xmlns:stream='http://etherx.jabber.org/streams' id='x'>");
        ScriptedServer::read_until(first, "</handshake>");
        ScriptedServer::write(first,
                              "<stream:error><not-authorized "
                              "xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                              "</stream:stream>");
        ::close(first);
        const int second = server.accept_one();
        EXPECT_TRUE(ScriptedServer::accept_handshake(second, "right", "y"));
        ScriptedServer::read_until(second, "</stream:stream>");
        ::close(second);
    });
    ComponentLink link(loop, config(), log);
    link.on_ready = [&] { link.close([&] { loop.stop(); }); };
    link.start();
    run_loop();
    peer.join();
    EXPECT_EQ(link.state(), LinkState::idle);
}

TEST_F(ComponentLinkTest, MalformedXmlFromTheServerEndsTheStreamAndReconnects) {
    std::string stream_error;
    std::thread peer([&] {
        const int first = server.accept_one();
        ASSERT_TRUE(ScriptedServer::accept_handshake(first, "right"));
        ScriptedServer::write(first, "<iq><unclosed></iq>");
        stream_error = ScriptedServer::read_until(first, "</stream:stream>");
        ::close(first);
        const int second = server.accept_one();
        EXPECT_TRUE(ScriptedServer::accept_handshake(second, "right"));
        ::close(second);
    });
    ComponentLink link(loop, config(), log);
    int ready = 0;
    link.on_ready = [&] {
        if (++ready == 2) link.close([&] { loop.stop(); });
    };
    link.start();
    run_loop();
    peer.join();
    EXPECT_EQ(ready, 2);
    EXPECT_NE(stream_error.find("not-well-formed"), std::string::npos) << stream_error;
}

TEST_F(ComponentLinkTest, SendWhileDownIsRefusedSoTheCallerKeepsTheStanza) {
    ComponentLink link(loop, config(), log);
    EXPECT_FALSE(link.send(xml::Element("message", "jabber:component:accept")));
}

TEST_F(ComponentLinkTest, KeepsRetryingAServerThatHangsUp) {
    std::thread peer([&] {
        for (int i = 0; i < 3; ++i)
            ::close(server.accept_one());  // hang up at once, thrice
        const int fd = server.accept_one();
        EXPECT_TRUE(ScriptedServer::accept_handshake(fd, "right"));
        ScriptedServer::read_until(fd, "</stream:stream>");
        ::close(fd);
    });
    ComponentLink link(loop, config(), log);
    link.on_ready = [&] { link.close([&] { loop.stop(); }); };
    link.start();
    run_loop();
    peer.join();
}

}  // namespace
}  // namespace cardex::component
