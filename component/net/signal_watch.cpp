#include "component/net/signal_watch.hpp"

#include <poll.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <string>

namespace cardex::component {

SignalWatch::SignalWatch(EventLoop& loop, std::function<void(int)> on_signal) : loop_(loop) {
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    pthread_sigmask(SIG_BLOCK, &mask, nullptr);
    fd_ = ::signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    if (fd_ < 0) throw std::runtime_error(std::string("signalfd: ") + std::strerror(errno));
    loop_.watch(fd_, POLLIN, [this, on_signal = std::move(on_signal)](short) {
        signalfd_siginfo info{};
        while (::read(fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
            on_signal(static_cast<int>(info.ssi_signo));
        }
    });
}

SignalWatch::~SignalWatch() {
    loop_.unwatch(fd_);
    ::close(fd_);
}

}  // namespace cardex::component
