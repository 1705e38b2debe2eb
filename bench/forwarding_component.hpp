// ForwardingComponent: the plain-message baseline of the end-to-end benchmark. It connects to
// the server under the card service's JID with the same XEP-0114 link cardexd uses, and
// forwards every message it receives, body unchanged, from its own address to one recipient,
// so a plain message takes the same path as a card: submitter -> server -> component ->
// server -> recipient. It runs on a thread of its own.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "component/config/config.hpp"
#include "core/result.hpp"

namespace cardex::bench {

class ForwardingComponent {
  public:
    ForwardingComponent(component::LinkConfig link, std::string recipient);
    ~ForwardingComponent();
    ForwardingComponent(const ForwardingComponent&) = delete;
    ForwardingComponent& operator=(const ForwardingComponent&) = delete;

    // Starts the thread and waits until the server accepted the handshake.
    Status start(std::chrono::milliseconds timeout);
    // Closes the stream and joins the thread.
    void stop();

    std::size_t forwarded() const { return forwarded_; }
    // CPU time of the component's thread so far (updated as it runs).
    double cpu_seconds() const { return cpu_seconds_; }

  private:
    struct Impl;
    component::LinkConfig link_;
    std::string recipient_;
    std::unique_ptr<Impl> impl_;
    std::thread thread_;
    std::atomic<bool> ready_{false};
    std::atomic<bool> ended_{false};
    std::atomic<std::size_t> forwarded_{0};
    std::atomic<double> cpu_seconds_{0};
};

}  // namespace cardex::bench
