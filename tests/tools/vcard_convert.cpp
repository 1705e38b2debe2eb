// vcard_convert: reads vCard (2.1, 3.0, 4.0), xCard or jCard files and writes their cards again
// in one format, so that independent programs can check what our writers produce.
//
//   vcard_convert --to vcard4|vcard3|xcard|jcard --out DIR [--base DIR] [--expectations] FILE...
//
// FILE is written to DIR/<FILE relative to --base (default: the current directory)>.<ext>,
// ext being vcf (vcard4, vcard3), xml or json. With --expectations, DIR/<...>.<ext>.expect.json
// holds what a reader of that output must find: the vCard version, the number of cards and each
// card's first FN.
// Prints "FILE: N cards, E errors" and each error. Exit status: 0 when every file was read
// (cards with errors included), 1 when a file could not be read or written, 2 on a usage error.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/vcard/reader.hpp"
#include "core/vcard/writer.hpp"

namespace fs = std::filesystem;
namespace vc = cardex::vcard;

namespace {

enum class Target { vcard4, vcard3, xcard, jcard };

struct Options {
    Target target = Target::vcard4;
    fs::path out_dir;
    fs::path base_dir = fs::current_path();
    bool expectations = false;
    std::vector<fs::path> files;
};

constexpr std::string_view usage_text =
    "usage: vcard_convert --to vcard4|vcard3|xcard|jcard --out DIR [--base DIR] [--expectations] "
    "FILE...\n";

std::optional<Target> parse_target(std::string_view name) {
    if (name == "vcard4") return Target::vcard4;
    if (name == "vcard3") return Target::vcard3;
    if (name == "xcard") return Target::xcard;
    if (name == "jcard") return Target::jcard;
    return std::nullopt;
}

// Returns the options, or nullopt after printing what is wrong.
std::optional<Options> parse_options(int argc, char** argv) {
    Options options;
    bool have_target = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--help") {
            std::cout << usage_text;
            std::exit(0);
        } else if (arg == "--to" && has_value) {
            const auto target = parse_target(argv[++i]);
            if (!target) {
                std::cerr << "vcard_convert: unknown format '" << argv[i] << "'\n";
                return std::nullopt;
            }
            options.target = *target;
            have_target = true;
        } else if (arg == "--out" && has_value) {
            options.out_dir = argv[++i];
        } else if (arg == "--base" && has_value) {
            options.base_dir = argv[++i];
        } else if (arg == "--expectations") {
            options.expectations = true;
        } else if (arg.starts_with("--")) {
            std::cerr << "vcard_convert: unknown option or missing value: " << arg << "\n";
            return std::nullopt;
        } else {
            options.files.emplace_back(arg);
        }
    }
    if (!have_target || options.out_dir.empty() || options.files.empty()) {
        std::cerr << "vcard_convert: --to, --out and at least one FILE are required\n";
        return std::nullopt;
    }
    return options;
}

std::string_view extension(Target target) {
    switch (target) {
        case Target::xcard:
            return "xml";
        case Target::jcard:
            return "json";
        case Target::vcard4:
        case Target::vcard3:
            break;
    }
    return "vcf";
}

std::string write_cards(const std::vector<vc::Card>& cards, Target target) {
    switch (target) {
        case Target::vcard4:
            return vc::write_vcard_text(cards, vc::Version::v40);
        case Target::vcard3:
            return vc::write_vcard_text(cards, vc::Version::v30);
        case Target::xcard:
            return vc::write_xcard(cards);
        case Target::jcard:
            return vc::write_jcard(cards);
    }
    return {};
}

// FILE's name relative to the base directory; its file name alone when it lies outside.
fs::path relative_name(const fs::path& file, const fs::path& base) {
    std::error_code ec;
    fs::path relative = fs::relative(file, base, ec);
    if (ec || relative.empty() || *relative.begin() == "..") return file.filename();
    return relative;
}

std::optional<std::string> read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) return std::nullopt;
    return bytes;
}

bool write_file(const fs::path& path, std::string_view bytes) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    return !ec && out.good();
}

// The FN a reader of our output must find: the first FN property, or, for a card without one,
// the name the writers are to put there (RFC 6350 and RFC 2426 make FN mandatory).
std::string expected_fn(const vc::Card& card) {
    if (const vc::Property* fn = card.first("FN")) return fn->first_value();
    return card.formatted_name();
}

std::string expectations_json(const fs::path& source, Target target,
                              const std::vector<vc::Card>& cards) {
    nlohmann::json cards_json = nlohmann::json::array();
    for (const vc::Card& card : cards)
        cards_json.push_back({{"fn", expected_fn(card)}});
    const nlohmann::json doc = {{"source", source.generic_string()},
                                {"format", extension(target)},
                                {"version", target == Target::vcard3 ? "3.0" : "4.0"},
                                {"card_count", cards.size()},
                                {"cards", cards_json}};
    // Bytes that are not UTF-8 in a value become U+FFFD here, so they show up as a mismatch.
    return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// Converts one file; false when it could not be read or its output not written.
bool convert(const fs::path& file, const Options& options) {
    const auto bytes = read_file(file);
    if (!bytes) {
        std::cerr << "vcard_convert: cannot read " << file.string() << "\n";
        return false;
    }
    const vc::ReadResult result = vc::read_any(*bytes);
    std::cout << file.string() << ": " << result.cards.size() << " cards, " << result.errors.size()
              << " errors\n";
    for (const vc::CardError& error : result.errors)
        std::cout << "  " << error.message << "\n";

    fs::path out = options.out_dir / relative_name(file, options.base_dir);
    out += "." + std::string(extension(options.target));
    bool ok = write_file(out, write_cards(result.cards, options.target));
    if (ok && options.expectations) {
        fs::path expect = out;
        expect += ".expect.json";
        ok = write_file(expect, expectations_json(file, options.target, result.cards));
    }
    if (!ok) std::cerr << "vcard_convert: cannot write " << out.string() << "\n";
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    const auto options = parse_options(argc, argv);
    if (!options) {
        std::cerr << usage_text;
        return 2;
    }
    bool all_ok = true;
    for (const fs::path& file : options->files)
        all_ok = convert(file, *options) && all_ok;
    return all_ok ? 0 : 1;
}
