#include "bench/forwarding_component.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>

#include "bench/proc_stats.hpp"
#include "component/link/component_link.hpp"
#include "component/net/event_loop.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::bench {

struct ForwardingComponent::Impl {
    component::EventLoop loop;
    std::unique_ptr<component::ComponentLink> link;
};

ForwardingComponent::ForwardingComponent(component::LinkConfig link, std::string recipient)
    : link_(std::move(link)), recipient_(std::move(recipient)), impl_(std::make_unique<Impl>()) {}

ForwardingComponent::~ForwardingComponent() {
    stop();
}

Status ForwardingComponent::start(std::chrono::milliseconds timeout) {
    auto log = std::make_shared<spdlog::logger>("forwarder",
                                                std::make_shared<spdlog::sinks::stderr_sink_mt>());
    log->set_level(spdlog::level::warn);
    impl_->link = std::make_unique<component::ComponentLink>(impl_->loop, link_, log);
    auto& link = *impl_->link;
    link.on_ready = [this] { ready_ = true; };
    link.on_stanza = [this, &link](xml::Element&& stanza) {
        if (stanza.name == "iq" && !copies_.empty()) return answer_submit(link, stanza);
        if (stanza.name != "message") return;
        xml::Element copy("message", std::string(ns::kComponentAccept));
        copy.set_attr("type", "chat").set_attr("from", link_.jid).set_attr("to", recipient_);
        copy.set_attr("id", stanza.attr_or_empty("id"));
        if (const auto* body = stanza.child("body")) copy.add_child(*body);
        link.send(copy);
        counted();
    };
    thread_ = std::thread([this] {
        impl_->link->start();
        impl_->loop.run();
        cpu_seconds_ = thread_cpu_seconds();
        ended_ = true;
    });
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!ready_ && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (ready_) return Ok{};
    stop();
    return make_error("the forwarding component did not connect to " + link_.server_host + ":" +
                      std::to_string(link_.server_port) + " as " + link_.jid + " within " +
                      std::to_string(timeout.count()) + " ms (is cardexd still connected?)");
}

void ForwardingComponent::answer_submit(component::ComponentLink& link, const xml::Element& iq) {
    if (iq.attr_or_empty("type") != "set") return;
    const std::string id(iq.attr_or_empty("id"));
    xml::Element result("iq", std::string(ns::kComponentAccept));
    result.set_attr("type", "result").set_attr("from", link_.jid);
    result.set_attr("to", iq.attr_or_empty("from")).set_attr("id", id);
    link.send(result);
    const std::size_t n = id.size() > 1 ? std::strtoull(id.c_str() + 1, nullptr, 10) : 0;
    xml::Element& copy = copies_[n % copies_.size()];
    copy.set_attr("id", id);
    link.send(copy);
    counted();
}

void ForwardingComponent::counted() {
    ++forwarded_;
    if (forwarded_ % 256 == 0) cpu_seconds_ = thread_cpu_seconds();
}

void ForwardingComponent::stop() {
    if (!thread_.joinable()) return;
    impl_->loop.post([this] { impl_->link->close([this] { impl_->loop.stop(); }); });
    thread_.join();
}

}  // namespace cardex::bench
