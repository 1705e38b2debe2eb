// What the card plugin needs from the XMPP client it runs in. ProfanityHost implements it on
// Profanity's plugin API; unit tests implement it in memory.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cardex::profanity {

class Host {
  public:
    virtual ~Host() = default;

    // Lines for the user: in the current chat window, else in the console.
    virtual void show(const std::vector<std::string>& lines) = 0;
    // Lines in the chat window with `barejid`; false when there is none.
    virtual bool show_in_chat(const std::string& barejid,
                              const std::vector<std::string>& lines) = 0;
    // Lines shown in the chat window with `barejid`, which is opened if needed without taking
    // the user away from the window they are in; the console says where they went.
    virtual void show_from(const std::string& barejid, const std::vector<std::string>& lines) = 0;
    // The bare JID of the current chat window, if the current window is a chat.
    virtual std::optional<std::string> current_recipient() = 0;
    // The bare JID of a roster entry by its name, if there is one.
    virtual std::optional<std::string> roster_jid(const std::string& name) = 0;
    // One stanza, serialised.
    virtual void send(const std::string& stanza) = 0;
    // Tab completion of `key` ("/card show"): replaces the items.
    virtual void complete(const std::string& key, const std::vector<std::string>& items) = 0;
};

}  // namespace cardex::profanity
