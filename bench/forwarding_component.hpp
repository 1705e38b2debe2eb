// ForwardingComponent: the plain-message baseline of the end-to-end benchmark. It connects to
// the server under the card service's JID with the same XEP-0114 link cardexd uses, and
// forwards every message it receives, body unchanged, from its own address to one recipient,
// so a plain message takes the same path as a card: submitter -> server -> component ->
// server -> recipient. Given copies (answer_submits_with), it is the card-shaped reference
// instead: it answers every IQ set (a submit) with an empty result and sends the recipient the
// copy cardexd would send for it, so that the server carries a card's three stanzas as they
// are, without cardexd's work, acks or receipts. It runs on a thread of its own.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "component/config/config.hpp"
#include "core/result.hpp"
#include "core/xml/element.hpp"

namespace cardex::component {
class ComponentLink;
}  // namespace cardex::component

namespace cardex::bench {

class ForwardingComponent {
  public:
    ForwardingComponent(component::LinkConfig link, std::string recipient);
    ~ForwardingComponent();
    ForwardingComponent(const ForwardingComponent&) = delete;
    ForwardingComponent& operator=(const ForwardingComponent&) = delete;

    // Before start(): the answer to the IQ with id 'm<n>' is copies[n % size], from this
    // component to the recipient, with that id (bench/card_copy.hpp).
    void answer_submits_with(std::vector<xml::Element> copies) { copies_ = std::move(copies); }
    // Starts the thread and waits until the server accepted the handshake.
    Status start(std::chrono::milliseconds timeout);
    // Closes the stream and joins the thread.
    void stop();

    std::size_t forwarded() const { return forwarded_; }
    // CPU time of the component's thread so far (updated as it runs).
    double cpu_seconds() const { return cpu_seconds_; }

  private:
    struct Impl;
    void answer_submit(component::ComponentLink& link, const xml::Element& iq);
    void counted();
    component::LinkConfig link_;
    std::string recipient_;
    std::vector<xml::Element> copies_;
    std::unique_ptr<Impl> impl_;
    std::thread thread_;
    std::atomic<bool> ready_{false};
    std::atomic<bool> ended_{false};
    std::atomic<std::size_t> forwarded_{0};
    std::atomic<double> cpu_seconds_{0};
};

}  // namespace cardex::bench
