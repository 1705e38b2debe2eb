#include "client/ocr/extraction_parts.hpp"

#include <algorithm>
#include <cctype>

namespace cardex::client::ocr::parts {

std::vector<LineView> views_of(const std::vector<OcrLine>& lines) {
    std::vector<LineView> out;
    for (const auto& line : lines) {
        std::string text = line.text();
        if (!trimmed(text).empty()) out.push_back(LineView{&line, std::move(text), false});
    }
    return out;
}

std::vector<OcrLine> split_at_gaps(const std::vector<OcrLine>& lines) {
    std::vector<OcrLine> out;
    for (const auto& line : lines) {
        const int height = std::max(line.text_height, line.box.height);
        OcrLine part;
        part.text_height = line.text_height;
        const auto close = [&] {
            if (part.words.empty()) return;
            const Box& first = part.words.front().box;
            const Box& last = part.words.back().box;
            const int top = std::min(first.y, last.y);
            part.box = Box{first.x, top, last.x + last.width - first.x, line.box.height};
            out.push_back(std::move(part));
            part = OcrLine{};
            part.text_height = line.text_height;
        };
        for (std::size_t i = 0; i < line.words.size(); ++i) {
            if (i > 0) {
                const Box& before = line.words[i - 1].box;
                const int gap = line.words[i].box.x - (before.x + before.width);
                if (height > 0 && gap > 2 * height) close();
            }
            part.words.push_back(line.words[i]);
        }
        if (line.words.empty() || part.words.size() == line.words.size()) {
            OcrLine whole = line;
            out.push_back(std::move(whole));
            part.words.clear();
        } else {
            close();
        }
    }
    return out;
}

double span_confidence(const OcrLine& line, std::size_t begin, std::size_t end) {
    const auto starts = line.word_starts();
    double lowest = 100.0;
    bool touched = false;
    for (std::size_t i = 0; i < line.words.size(); ++i) {
        if (starts[i] == std::string::npos) continue;
        const std::size_t word_end = starts[i] + line.words[i].text.size();
        if (starts[i] < end && word_end > begin) {
            lowest = std::min(lowest, line.words[i].confidence);
            touched = true;
        }
    }
    return touched ? lowest : line_confidence(line);
}

double line_confidence(const OcrLine& line) {
    double lowest = 100.0;
    bool any = false;
    for (const auto& word : line.words) {
        if (word.text.empty()) continue;
        lowest = std::min(lowest, word.confidence);
        any = true;
    }
    return any ? lowest : 0.0;
}

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string folded(std::string_view text) {
    std::string out = lower_ascii(text);
    static constexpr std::pair<std::string_view, std::string_view> kPlain[] = {
        {"ä", "a"}, {"ö", "o"}, {"ü", "u"}, {"Ä", "a"}, {"Ö", "o"}, {"Ü", "u"}, {"ß", "ss"}};
    for (const auto& [from, to] : kPlain) {
        for (auto at = out.find(from); at != std::string::npos; at = out.find(from, at))
            out.replace(at, from.size(), to);
    }
    return out;
}

std::string trimmed(std::string_view text) {
    const char* space = " \t\r\n";
    const auto first = text.find_first_not_of(space);
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(space);
    return std::string(text.substr(first, last - first + 1));
}

bool has_word(std::string_view text, std::string_view word) {
    if (word.empty()) return false;
    const bool ascii = std::all_of(word.begin(), word.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    const auto is_letter = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
    };
    for (std::size_t at = text.find(word); at != std::string_view::npos;
         at = text.find(word, at + 1)) {
        if (!ascii) return true;
        const bool left = at == 0 || !is_letter(text[at - 1]);
        const std::size_t after = at + word.size();
        const bool right = after >= text.size() || !is_letter(text[after]);
        if (left && right) return true;
    }
    return false;
}

}  // namespace cardex::client::ocr::parts
