// Name, title and organisation: what is left once numbers, addresses and links are taken, read
// from the layout (the biggest text is usually the name or the company) and keyword lists.
#include <algorithm>
#include <array>
#include <cctype>

#include "client/ocr/extraction_parts.hpp"

namespace cardex::client::ocr::parts {
namespace {

constexpr std::array<std::string_view, 40> kTitleWords = {"manager",
                                                          "director",
                                                          "ceo",
                                                          "cto",
                                                          "cfo",
                                                          "coo",
                                                          "engineer",
                                                          "developer",
                                                          "consultant",
                                                          "president",
                                                          "founder",
                                                          "head",
                                                          "officer",
                                                          "architect",
                                                          "designer",
                                                          "partner",
                                                          "lead",
                                                          "specialist",
                                                          "analyst",
                                                          "vice",
                                                          "chief",
                                                          "assistant",
                                                          "sales",
                                                          "professor",
                                                          "geschäftsführer",
                                                          "geschäftsführerin",
                                                          "leiter",
                                                          "leiterin",
                                                          "ingenieur",
                                                          "ingenieurin",
                                                          "entwickler",
                                                          "entwicklerin",
                                                          "berater",
                                                          "beraterin",
                                                          "vertrieb",
                                                          "inhaber",
                                                          "inhaberin",
                                                          "vorstand",
                                                          "referent",
                                                          "referentin"};
constexpr std::array<std::string_view, 16> kHanTitleWords = {
    "经理",   "总监", "总裁",   "董事长", "工程师", "主任",   "部长", "顾问",
    "设计师", "主管", "总经理", "助理",   "教授",   "创始人", "首席", "销售"};
constexpr std::array<std::string_view, 22> kOrgWords = {
    "gmbh",    "ag",          "ltd",   "ltd.",       "inc",         "inc.", "llc", "corp",
    "corp.",   "co.",         "kg",    "ohg",        "e.v.",        "gbr",  "plc", "limited",
    "company", "corporation", "group", "university", "universität", "bank"};
constexpr std::array<std::string_view, 8> kHanOrgWords = {"有限公司", "公司", "集团",   "研究院",
                                                          "大学",     "银行", "研究所", "事务所"};

bool any_word(const std::string& text, auto&& words) {
    const std::string plain = folded(text);
    return std::any_of(words.begin(), words.end(),
                       [&](std::string_view w) { return has_word(plain, folded(w)); });
}

// Long title words also inside compounds ("Vertriebsleiter", "Softwareentwickler").
bool is_title(const std::string& text) {
    const std::string plain = folded(text);
    const bool in_compound = std::any_of(kTitleWords.begin(), kTitleWords.end(), [&](auto w) {
        return w.size() >= 6 && plain.find(folded(w)) != std::string::npos;
    });
    return in_compound || any_word(text, kTitleWords) || any_word(text, kHanTitleWords);
}
bool is_org(const std::string& text) {
    return any_word(text, kOrgWords) || any_word(text, kHanOrgWords);
}

// Two to four words of letters, each starting with a capital ("Dr. Anna-Lena Schmidt"), or two
// to four Han characters.
bool looks_like_name(const std::string& text) {
    const auto points = code_points(text);
    if (std::all_of(points.begin(), points.end(), [](char32_t c) { return is_han(c); }))
        return points.size() >= 2 && points.size() <= 4;
    std::size_t words = 0;
    bool word_start = true;
    for (char32_t c : points) {
        if (c == ' ') {
            word_start = true;
            continue;
        }
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0;
        if (!letter && c != '.' && c != '-' && c != '\'') return false;
        if (word_start) {
            if (!(c >= 'A' && c <= 'Z') && c < 0xC0) return false;
            ++words;
            word_start = false;
        }
    }
    return words >= 2 && words <= 4;
}

std::size_t digit_count(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
    }));
}

double mean_confidence(const OcrLine& line) {
    double sum = 0.0;
    for (const auto& word : line.words)
        sum += word.confidence;
    return line.words.empty() ? 0.0 : sum / static_cast<double>(line.words.size());
}

bool is_country_name(const std::string& text) {
    const std::string t = folded(trimmed(text));
    for (const std::string_view country : {"中国", "deutschland", "germany", "usa",
                                           "united kingdom", "china", "osterreich", "schweiz"})
        if (t == country) return true;
    return false;
}

// Lines that may be name, title or organisation: not taken, few digits, not mostly noise.
std::vector<LineView*> candidates(std::vector<LineView>& lines) {
    std::vector<LineView*> out;
    for (auto& view : lines) {
        if (view.used || digit_count(view.text) > 2) continue;
        if (code_points(view.text).size() < 2) continue;
        if (mean_confidence(*view.line) < 40.0) continue;
        if (is_country_name(view.text)) continue;
        out.push_back(&view);
    }
    return out;
}

ProposedField take(LineView& view, const char* property, double factor = 1.0) {
    view.used = true;
    return make_field(property, trimmed(view.text), line_confidence(*view.line) * factor);
}

}  // namespace

FoundPerson find_person(std::vector<LineView>& lines) {
    FoundPerson found;
    auto rest = candidates(lines);
    const auto height = [](const LineView* v) { return v->line->text_height; };
    std::stable_sort(rest.begin(), rest.end(),
                     [&](const LineView* a, const LineView* b) { return height(a) > height(b); });
    for (LineView* view : rest) {
        if (!found.org && is_org(view->text)) found.org = take(*view, "ORG");
    }
    for (LineView* view : rest) {
        if (!view->used && !found.title && is_title(view->text)) found.title = take(*view, "TITLE");
    }
    for (LineView* view : rest) {
        if (!view->used && looks_like_name(view->text)) {
            found.name = take(*view, "FN");
            break;
        }
    }
    for (LineView* view : rest) {
        if (view->used) continue;
        if (!found.name) {
            found.name = take(*view, "FN", 0.7);  // does not look like a name
        } else if (!found.title && is_title(view->text)) {
            found.title = take(*view, "TITLE");
        } else if (!found.org) {
            found.org = take(*view, "ORG", 0.8);  // no company form in it
        }
    }
    return found;
}

}  // namespace cardex::client::ocr::parts
