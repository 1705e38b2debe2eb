// The console client's card designs, run as real processes on a fresh profile (no server is
// needed): `cardex templates`, `render`, `add --template` and `me --template`.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "client/qr/qr_scan.hpp"
#include "tests/unit/temp_dir.hpp"

namespace cardex::testing {
namespace {

struct Outcome {
    int exit_code = -1;
    std::string out, err;
};

std::string quoted(const std::string& word) {
    std::string text = "'";
    for (char c : word)
        text += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return text + "'";
}

std::string read_all(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

class CardexRender : public ::testing::Test {
  protected:
    // `cardex --profile DIR args...` with standard input from /dev/null (not a terminal).
    Outcome run(const std::vector<std::string>& args) const {
        std::string command = "LANG=C.UTF-8 " + quoted(CARDEX_PATH) + " --profile " +
                              quoted(dir_.file("profile").string());
        for (const auto& a : args)
            command += " " + quoted(a);
        command += " < /dev/null > " + quoted(dir_.file("out").string()) + " 2> " +
                   quoted(dir_.file("err").string());
        const int status = std::system(command.c_str());
        return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_all(dir_.file("out")),
                read_all(dir_.file("err"))};
    }
    std::string file(const std::string& name) const { return dir_.file(name).string(); }

    TempDir dir_;
};

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST_F(CardexRender, TemplatesListsTheShippedDesignsAndTheUsersOwn) {
    ASSERT_EQ(run({"list"}).exit_code, 0);
    std::filesystem::create_directories(dir_.file("profile/templates"));
    std::ofstream(dir_.file("profile/templates/mine.toml"))
        << "description = \"Just the name\"\n[[column]]\nx = 5\ny = 5\nwidth = 70\n"
           "lines = [\"fn\", \"tel.cell\"]\n";
    const auto listed = run({"templates"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    for (const char* name : {"classic", "band", "portrait", "scan-me", "mine"})
        EXPECT_TRUE(contains(listed.out, name)) << listed.out;
    EXPECT_TRUE(contains(listed.out, "yours")) << listed.out;
    EXPECT_TRUE(contains(listed.out, "shipped")) << listed.out;
    EXPECT_TRUE(contains(listed.out, "fn, tel.cell")) << listed.out;
}

TEST_F(CardexRender, AddAskedForATemplateTakesItsFieldsFromOptionsWithoutATerminal) {
    const auto added = run({"add", "--template", "classic", "--name", "Jürgen Größmann", "--phone",
                            "work=+49 89 1234567", "--email", "j@example.de"});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    EXPECT_TRUE(contains(added.out, "Added contact 1")) << added.out;
    EXPECT_FALSE(contains(added.out, "Title:")) << "asked without a terminal: " << added.out;
    const auto unknown = run({"add", "--template", "nope", "--name", "X"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_TRUE(contains(unknown.err, "there is no design \"nope\"; there are: band, classic"))
        << unknown.err;
}

TEST_F(CardexRender, RenderWritesEachFormatAndTheQrCodeOfTheCard) {
    ASSERT_EQ(run({"add", "--name", "Alice Example", "--phone", "cell=+44 7700 900123"}).exit_code,
              0);
    const auto none = run({"render", "--template", "classic", "--out", file("a.png")});
    EXPECT_EQ(none.exit_code, 4) << none.err;
    EXPECT_TRUE(contains(none.err, "no card of your own")) << none.err;
    ASSERT_EQ(run({"me", "1"}).exit_code, 0);

    const auto png =
        run({"render", "--template", "scan-me", "--qr", "card", "--out", file("me.png")});
    ASSERT_EQ(png.exit_code, 0) << png.err;
    auto scanned = client::qr::scan_qr_file(file("me.png"));
    ASSERT_TRUE(scanned.ok()) << scanned.error().message;
    EXPECT_TRUE(contains(*scanned, "FN:Alice Example")) << *scanned;

    ASSERT_EQ(run({"render", "1", "--template", "band", "--out", file("me.svg")}).exit_code, 0);
    EXPECT_TRUE(contains(read_all(file("me.svg")), "<svg"));
    ASSERT_EQ(run({"render", "--template", "portrait", "--out", file("me.PDF")}).exit_code, 0);
    EXPECT_EQ(read_all(file("me.PDF")).substr(0, 5), "%PDF-");
}

TEST_F(CardexRender, RenderSaysWhatIsWrong) {
    ASSERT_EQ(run({"add", "--name", "Alice Example"}).exit_code, 0);
    const auto unknown = run({"render", "1", "--template", "fancy", "--out", file("a.png")});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_TRUE(contains(unknown.err, "there is no design \"fancy\"; there are: band, classic"))
        << unknown.err;
    const auto jpeg = run({"render", "1", "--template", "classic", "--out", file("a.jpg")});
    EXPECT_EQ(jpeg.exit_code, 2);
    EXPECT_TRUE(contains(jpeg.err, "must end in .png, .svg or .pdf")) << jpeg.err;
    const auto unwritable =
        run({"render", "1", "--template", "classic", "--out", file("no/such/dir/a.png")});
    EXPECT_EQ(unwritable.exit_code, 1);
    EXPECT_TRUE(contains(unwritable.err, "cannot write")) << unwritable.err;
    const auto dpi =
        run({"render", "1", "--template", "classic", "--out", file("a.png"), "--dpi", "5"});
    EXPECT_EQ(dpi.exit_code, 2) << dpi.err;
}

TEST_F(CardexRender, MeWithATemplatePutsTheDesignImageOnTheOwnCard) {
    ASSERT_EQ(run({"add", "--name", "王小明", "--org", "北京星辰科技有限公司"}).exit_code, 0);
    const auto me = run({"me", "1", "--template", "band"});
    ASSERT_EQ(me.exit_code, 0) << me.err;
    EXPECT_TRUE(contains(me.out, "Put the design band on your card")) << me.out;
    const auto shown = run({"show", "1", "--json"});
    ASSERT_EQ(shown.exit_code, 0) << shown.err;
    EXPECT_TRUE(contains(shown.out, "x-cardex-image")) << shown.out.substr(0, 2000);
    EXPECT_TRUE(contains(shown.out, "data:image/")) << shown.out.substr(0, 2000);
    // Again, with another design: still one design image.
    ASSERT_EQ(run({"me", "--template", "classic"}).exit_code, 0);
    const auto again = run({"show", "1", "--json"}).out;
    EXPECT_EQ(again.find("x-cardex-image"), again.rfind("x-cardex-image"));
}

}  // namespace
}  // namespace cardex::testing
