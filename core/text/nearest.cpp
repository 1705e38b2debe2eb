#include "core/text/nearest.hpp"

#include <algorithm>

#include "core/text/ascii.hpp"

namespace cardex {

// Optimal string alignment distance: Levenshtein plus the swap of two neighbours.
std::size_t edit_distance(std::string_view a_text, std::string_view b_text) {
    const std::string a = lower_ascii(a_text);
    const std::string b = lower_ascii(b_text);
    const std::size_t width = b.size() + 1;
    std::vector<std::size_t> d((a.size() + 1) * width);
    auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * width + j]; };
    for (std::size_t i = 0; i <= a.size(); ++i)
        at(i, 0) = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        at(0, j) = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
        }
    }
    return at(a.size(), b.size());
}

std::optional<std::string> nearest_word(std::string_view word,
                                        const std::vector<std::string>& candidates) {
    if (word.empty()) return std::nullopt;
    // In half edits, so that a candidate `word` starts (one half) beats one a whole edit away.
    const std::size_t allowed = 2 * (word.size() <= 4 ? 1 : 2);
    std::optional<std::string> best;
    std::size_t best_score = allowed + 1;
    for (const auto& candidate : candidates) {
        std::size_t score = 2 * edit_distance(word, candidate);
        if (word.size() >= 2 && starts_with_ignoring_case(candidate, word))
            score = std::min<std::size_t>(score, 1);
        if (score < best_score) {
            best = candidate;
            best_score = score;
        }
    }
    return best;
}

}  // namespace cardex
