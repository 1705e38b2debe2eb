#include "client/profanity/profanity_host.hpp"

#include "client/profanity/prof_api.hpp"

namespace cardex::profanity {
namespace {

// A string Profanity returns: its own (the chat window's or the roster's), not to be freed.
std::optional<std::string> copied(const char* text) {
    if (text == nullptr) return std::nullopt;
    return std::string(text);
}

// The window the user is in, as /win names it; empty when it cannot be named (then the user
// is left in the newly opened chat window).
std::string current_window() {
    if (prof_current_win_is_console() != 0) return "console";
    if (auto chat = copied(prof_get_current_recipient())) return *chat;
    if (auto room = copied(prof_get_current_muc())) return *room;
    return {};
}

// A line as if the user had typed it.
void run_line(const std::string& line) {
    std::string copy = line;
    prof_send_line(copy.data());
}

}  // namespace

void ProfanityHost::show(const std::vector<std::string>& lines) {
    if (auto recipient = current_recipient(); recipient && show_in_chat(*recipient, lines)) return;
    for (const auto& line : lines)
        prof_cons_show(line.c_str());
}

bool ProfanityHost::show_in_chat(const std::string& barejid,
                                 const std::vector<std::string>& lines) {
    for (const auto& line : lines) {
        if (prof_chat_show(barejid.c_str(), line.c_str()) == 0) return false;
    }
    return true;
}

void ProfanityHost::show_from(const std::string& barejid, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    // The first line introduces what follows ("sent you a business card:"); the notice says
    // where it is instead.
    std::string first = lines.front();
    if (!first.empty() && first.back() == ':') first.pop_back();
    const std::string notice = "<< " + barejid + " " + first + " (/win " + barejid + ")";
    if (show_in_chat(barejid, lines)) {
        if (current_recipient() != barejid) prof_cons_show(notice.c_str());
        return;
    }
    const std::string back = current_window();
    run_line("/msg " + barejid);  // opens the chat window, and focuses it
    show_in_chat(barejid, lines);
    if (!back.empty() && back != barejid) run_line("/win " + back);
    if (back != barejid) prof_cons_show(notice.c_str());
}

std::optional<std::string> ProfanityHost::current_recipient() {
    return copied(prof_get_current_recipient());
}

std::optional<std::string> ProfanityHost::roster_jid(const std::string& name) {
    return copied(prof_get_barejid_from_roster(name.c_str()));
}

void ProfanityHost::send(const std::string& stanza) {
    std::string copy = stanza;
    prof_send_stanza(copy.data());
}

void ProfanityHost::complete(const std::string& key, const std::vector<std::string>& items) {
    _prof_completer_clear(kPluginSource, key.c_str());
    std::vector<std::string> copies = items;
    std::vector<char*> list;
    for (auto& item : copies)
        list.push_back(item.data());
    list.push_back(nullptr);
    _prof_completer_add(kPluginSource, key.c_str(), list.data());
}

}  // namespace cardex::profanity
