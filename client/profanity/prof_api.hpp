// The part of Profanity's C plugin API (profapi.h of Profanity 0.13) that the plugin uses.
//
// Profanity defines these function pointers itself (in libprofanity) and fills them in before
// it loads a plugin; here they are only declared, so that the plugin's references bind to
// Profanity's. (profapi.h defines them, which in a plugin built with hidden visibility would
// make a second set that stays empty.) Every call that takes a file name is given
// kPluginSource: Profanity derives the plugin's name from it ("cardex.c" -> "cardex.so"), and
// only what is registered under the right name is removed when the plugin is unloaded.
#pragma once

extern "C" {

using ProfCommandCallback = void (*)(char** args);
using ProfTimedCallback = void (*)(void);

extern int (*prof_cons_show)(const char* const message);
extern void (*_prof_register_command)(const char* filename, const char* command_name, int min_args,
                                      int max_args, char** synopsis, const char* description,
                                      char* arguments[][2], char** examples,
                                      ProfCommandCallback callback);
extern void (*_prof_register_timed)(const char* filename, ProfTimedCallback callback,
                                    int interval_seconds);
extern void (*_prof_completer_add)(const char* filename, const char* key, char** items);
extern void (*_prof_completer_clear)(const char* filename, const char* key);
extern void (*_prof_filepath_completer_add)(const char* filename, const char* prefix);
extern void (*_prof_disco_add_feature)(const char* filename, char* feature);
extern char* (*prof_get_current_recipient)(void);
extern char* (*prof_get_current_muc)(void);
extern int (*prof_current_win_is_console)(void);
extern void (*prof_send_line)(char* line);
extern char* (*prof_get_barejid_from_roster)(const char* name);
extern void (*prof_log_error)(const char* message);
extern int (*prof_send_stanza)(char* stanza);
extern int (*prof_chat_show)(const char* const barejid, const char* const message);
}

namespace cardex::profanity {

// The plugin's source name for Profanity: the installed file is cardex.so.
inline constexpr const char* kPluginSource = "cardex.c";

}  // namespace cardex::profanity
