// Where a profile lives, its settings file, and where the password comes from.
#include "client/profile/profile.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "client/profile/password.hpp"
#include "tests/unit/temp_dir.hpp"

namespace cardex::testing {
namespace {

using client::profile::Profile;

client::profile::Environment env_of(std::map<std::string, std::string> vars) {
    return [vars](std::string_view name) -> std::optional<std::string> {
        auto it = vars.find(std::string(name));
        if (it == vars.end()) return std::nullopt;
        return it->second;
    };
}

TEST(ClientProfile, TheDirectoryComesFromTheOptionThenTheEnvironment) {
    EXPECT_EQ(*Profile::locate("/p", env_of({{"CARDEX_HOME", "/c"}})), "/p");
    EXPECT_EQ(*Profile::locate("", env_of({{"CARDEX_HOME", "/c"}, {"XDG_DATA_HOME", "/x"}})), "/c");
    EXPECT_EQ(*Profile::locate("", env_of({{"XDG_DATA_HOME", "/x"}, {"HOME", "/h"}})), "/x/cardex");
    EXPECT_EQ(*Profile::locate("", env_of({{"HOME", "/h"}})), "/h/.local/share/cardex");
    EXPECT_FALSE(Profile::locate("", env_of({})).ok());
}

TEST(ClientProfile, SettingsSurviveSavingAndLoading) {
    TempDir dir;
    auto profile = Profile::open(dir.file("profile"));
    ASSERT_TRUE(profile.ok()) << profile.error().message;
    EXPECT_EQ(*profile->load(), client::profile::Settings{});
    client::profile::Settings s;
    s.account.jid = "alice@a.test";
    s.account.password_file = "/run/pw";
    s.account.server = "127.0.0.2:5222";
    s.book.region = "DE";
    s.book.inbox = true;
    s.book.me = "urn:uuid:me";
    s.book.follow = "ask";
    s.book.auto_backup = true;
    s.book.auto_backup_minutes = 0;
    s.book.backup_passphrase_file = "/run/passphrase";
    ASSERT_TRUE(profile->save(s).ok());
    EXPECT_EQ(*profile->load(), s);
    EXPECT_EQ(std::filesystem::status(profile->config_path()).permissions() &
                  std::filesystem::perms::others_read,
              std::filesystem::perms::none);
}

TEST(ClientProfile, ABrokenSettingsFileNamesFileLineAndKey) {
    TempDir dir;
    auto profile = Profile::open(dir.file("profile"));
    std::ofstream(profile->config_path())
        << "[book]\nregion = \"Atlantis\"\ninbox = \"yes\"\nfollow = \"sometimes\"\n";
    auto loaded = profile->load();
    ASSERT_FALSE(loaded.ok());
    const std::string& m = loaded.error().message;
    EXPECT_NE(m.find("config.toml:2"), std::string::npos) << m;
    EXPECT_NE(m.find("book.region"), std::string::npos) << m;
    EXPECT_NE(m.find("book.inbox"), std::string::npos) << m;
    EXPECT_NE(m.find("book.follow: must be \"on\", \"off\" or \"ask\""), std::string::npos) << m;
    std::ofstream(profile->config_path()) << "[book\n";
    EXPECT_FALSE(profile->load().ok());
}

TEST(ClientProfile, TheRegionDefaultsToTheLocales) {
    client::profile::BookSettings book;
    EXPECT_EQ(effective_region(book, env_of({{"LANG", "de_DE.UTF-8"}})), "DE");
    EXPECT_EQ(effective_region(book, env_of({{"LC_ALL", "en_US.UTF-8"}, {"LANG", "de_DE"}})), "US");
    EXPECT_EQ(effective_region(book, env_of({{"LANG", "C.UTF-8"}})), "");
    book.region = "FR";
    EXPECT_EQ(effective_region(book, env_of({{"LANG", "de_DE.UTF-8"}})), "FR");
}

TEST(ClientPassword, TheFileComesFirstThenTheEnvironment) {
    TempDir dir;
    std::ofstream(dir.file("pw")) << "s3cret\nignored second line\n";
    client::profile::AccountSettings a;
    a.jid = "alice@a.test";
    a.password_file = dir.file("pw").string();
    EXPECT_EQ(*read_password(a, env_of({{"CARDEX_PASSWORD", "env"}}), false), "s3cret");
    a.password_file.clear();
    EXPECT_EQ(*read_password(a, env_of({{"CARDEX_PASSWORD", "env"}}), false), "env");
    auto none = read_password(a, env_of({}), false);
    ASSERT_FALSE(none.ok());
    EXPECT_NE(none.error().message.find("CARDEX_PASSWORD"), std::string::npos);
    EXPECT_FALSE(read_password(a, env_of({{"CARDEX_PASSWORD", ""}}), false).ok());
    a.password_file = dir.file("missing").string();
    EXPECT_FALSE(read_password(a, env_of({}), false).ok());
}

}  // namespace
}  // namespace cardex::testing
