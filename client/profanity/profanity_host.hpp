// Host on Profanity's plugin API (prof_api.hpp). Every call happens on Profanity's thread:
// the plugin is only ever called from Profanity's hooks, commands and timers.
//
// prof_incoming_message is not used: in Profanity 0.13.1 it makes Profanity crash (in ncurses,
// right after it has shown the message). A chat window is opened with /msg instead, which
// focuses it, and the focus is given back to the window the user was in.
#pragma once

#include "client/profanity/host.hpp"

namespace cardex::profanity {

class ProfanityHost : public Host {
  public:
    void show(const std::vector<std::string>& lines) override;
    bool show_in_chat(const std::string& barejid, const std::vector<std::string>& lines) override;
    void show_from(const std::string& barejid, const std::vector<std::string>& lines) override;
    std::optional<std::string> current_recipient() override;
    std::optional<std::string> roster_jid(const std::string& name) override;
    void send(const std::string& stanza) override;
    void complete(const std::string& key, const std::vector<std::string>& items) override;
};

}  // namespace cardex::profanity
