// vCard text reader: logical lines grouped into cards, each card decoded on its own so that a
// broken card is reported and skipped while the others are read.
//
// Decisions on broken input (each one reported as a CardError):
//   - A card without END:VCARD at the end of the input is kept as read up to there: losing it
//     would lose data, and its properties are complete lines. The report names the card's last
//     line, after which END:VCARD is missing.
//   - BEGIN:VCARD inside a card starts a nested card, read as a card of its own; the outer card
//     goes on after the nested END:VCARD (vCard 2.1 nested cards this way, e.g. in AGENT).
//   - Lines starting with '#' are not vCard syntax: skipped (inside a QUOTED-PRINTABLE value
//     after a soft line break they are value text, and kept).
//   - A line without ':' that is not a known property name is skipped; "FN" alone is an
//     empty FN. Blank lines are skipped without a report: they carry no data.
//   - Exceeding a limit rejects the card (or, for max_input_bytes, the input).
#include <algorithm>
#include <optional>
#include <tuple>

#include "core/vcard/reader.hpp"
#include "core/vcard/text_lines.hpp"
#include "core/vcard/text_property.hpp"
#include "core/vcard/text_syntax.hpp"

namespace cardex::vcard {
namespace {

// Reports kept per card: a card of a million broken lines must not cost a million messages.
constexpr std::size_t kMaxReportsPerCard = 100;

// Appends `error` unless its card has had kMaxReportsPerCard reports; the first report over
// the cap is replaced by one saying so.
void add_capped(std::vector<CardError>& out, std::size_t& count, CardError error) {
    ++count;
    if (count <= kMaxReportsPerCard) {
        out.push_back(std::move(error));
    } else if (count == kMaxReportsPerCard + 1) {
        out.push_back(card_error(error.card_number, 0,
                                 "more than " + std::to_string(kMaxReportsPerCard) +
                                     " problems; the others are not listed"));
    }
}

std::string limit_text(std::string_view limit, std::size_t value) {
    return "over the limit " + std::string(limit) + " (" + std::to_string(value) + ")";
}

struct OpenCard {
    std::size_t number = 0;
    std::size_t begin_line = 0;
    std::size_t last_line = 0;  // where its last line (BEGIN, a property, a comment) starts
    std::size_t bytes = 0;
    std::size_t property_lines = 0;
    std::vector<LogicalLine> lines;
    std::vector<CardError> notes;  // problems found while collecting its lines
    std::size_t reports = 0;       // notes and decoding problems, for the cap
    bool rejected = false;         // a limit was exceeded: the card cannot be read
    std::string rejection;         // why, when known before the end of the card
    std::size_t rejection_line = 0;

    void reject(std::size_t line, std::string reason) {
        if (rejected) return;
        rejected = true;
        rejection = std::move(reason);
        rejection_line = line;
        lines.clear();
        lines.shrink_to_fit();
    }
};

std::optional<Version> version_from(std::string_view text) {
    text = trim_blanks(text);
    if (text.starts_with("2")) return Version::v21;
    if (text.starts_with("3")) return Version::v30;
    if (text.starts_with("4")) return Version::v40;
    return std::nullopt;
}

bool is_version_line(const ContentLine& line) {
    return equals_ignoring_case(trim_blanks(line.name), "VERSION") && line.group.empty();
}

// PROFILE:VCARD (RFC 2426) only restates the framing, like BEGIN and END; other checkers
// refuse it in 4.0, so it is not kept.
bool is_profile_line(const ContentLine& line) {
    return equals_ignoring_case(trim_blanks(line.name), "PROFILE") &&
           equals_ignoring_case(trim_blanks(line.value), "VCARD");
}

// "END;:VCARD" and the like: not a card delimiter, and not a property either.
bool is_malformed_delimiter(const ContentLine& line) {
    const std::string_view name = trim_blanks(line.name);
    const bool begin_or_end =
        equals_ignoring_case(name, "BEGIN") || equals_ignoring_case(name, "END");
    return begin_or_end && line.group.empty() &&
           equals_ignoring_case(trim_blanks(line.value), "VCARD");
}

// Decodes the collected lines of one card. VERSION may come anywhere in the card (some
// exporters write it last), so it is looked up first. Without VERSION the card is read with
// the lenient 3.0 rules, which also accept the 2.1 syntax seen in such files.
class CardDecoder {
  public:
    CardDecoder(const OpenCard& open, const Limits& limits)
        : open_(open), limits_(limits), reports_(open.reports) {}

    std::optional<Card> decode(std::vector<CardError>& errors) {
        std::vector<ContentLine> lines;
        lines.reserve(open_.lines.size());
        for (const auto& line : open_.lines)
            lines.push_back(split_content_line(line.text));
        const Version version = find_version(lines, errors);
        Card card;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (is_version_line(lines[i]) || is_profile_line(lines[i])) continue;
            const std::size_t line_number = open_.lines[i].line;
            if (is_malformed_delimiter(lines[i])) {
                report(
                    errors, line_number,
                    quoted(open_.lines[i].text) + " is neither BEGIN:VCARD nor END:VCARD; skipped");
                continue;
            }
            PropertyOutcome outcome = read_property(lines[i], version, limits_);
            for (const auto& problem : outcome.problems)
                report(errors, line_number, problem);
            if (!outcome.card_error.empty()) {  // never capped: it says why the card is missing
                errors.push_back(
                    card_error(open_.number, line_number, outcome.card_error + "; card skipped"));
                return std::nullopt;
            }
            if (outcome.property) card.add(std::move(*outcome.property));
        }
        return card;
    }

  private:
    Version find_version(const std::vector<ContentLine>& lines, std::vector<CardError>& errors) {
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (!is_version_line(lines[i])) continue;
            if (const auto version = version_from(lines[i].value)) return *version;
            report(errors, open_.lines[i].line,
                   "unknown VERSION " + quoted(trim_blanks(lines[i].value)) + "; read as 4.0");
            return Version::v40;
        }
        return Version::v30;
    }

    void report(std::vector<CardError>& errors, std::size_t line, const std::string& reason) {
        add_capped(errors, reports_, card_error(open_.number, line, reason));
    }

    const OpenCard& open_;
    const Limits& limits_;
    std::size_t reports_;
};

class CardCollector {
  public:
    explicit CardCollector(const Limits& limits) : limits_(limits) {}

    void on_line(LogicalLine line) {
        if (!open_.empty()) open_.back().bytes += line.source_bytes;
        if (line.over_limit) return on_long_line(line);
        const std::string_view text = trim_blanks(line.text);
        if (text.empty()) return;
        if (skipped_depth_ > 0) return skip_nested(text);
        if (is_begin_line(text)) return begin(line);
        if (open_.empty()) return outside(line, is_end_line(text));
        if (is_end_line(text)) return end(line);
        open_.back().last_line = line.line;
        if (text.front() == '#') {
            note(line.line, "comment line starting with '#' skipped");
            return;
        }
        add_property_line(std::move(line));
    }

    ReadResult finish() {
        while (!open_.empty()) {
            OpenCard card = std::move(open_.back());
            open_.pop_back();
            card.notes.push_back(card_error(
                card.number, card.last_line,
                "END:VCARD missing after the card's last line; the input ends without it"));
            close(std::move(card));
        }
        if (next_number_ == 0 && errors_.empty()) {
            errors_.push_back(card_error(0, 0, "no BEGIN:VCARD found; not a vCard"));
        }
        return result();
    }

  private:
    void begin(const LogicalLine& line) {
        in_junk_ = false;
        if (!open_.empty() && open_.size() < limits_.max_depth) {
            note(line.line, "BEGIN:VCARD inside this card; the nested card is read as card " +
                                std::to_string(next_number_ + 1));
        }
        OpenCard card;
        card.number = ++next_number_;
        card.begin_line = line.line;
        card.last_line = line.line;
        card.bytes = line.source_bytes;
        if (open_.size() >= limits_.max_depth) {
            // Not kept on the stack: skipped to its END:VCARD, nested cards included.
            errors_.push_back(
                card_error(card.number, line.line,
                           "nested " + std::to_string(open_.size() + 1) + " cards deep, " +
                               limit_text("max_depth", limits_.max_depth) + "; card skipped"));
            skipped_depth_ = 1;
            return;
        }
        open_.push_back(std::move(card));
    }

    void skip_nested(std::string_view text) {
        if (is_begin_line(text)) ++skipped_depth_;
        if (is_end_line(text)) --skipped_depth_;
    }

    void end(const LogicalLine&) {
        OpenCard card = std::move(open_.back());
        open_.pop_back();
        close(std::move(card));
    }

    void outside(const LogicalLine& line, bool is_end) {
        if (in_junk_) return;
        in_junk_ = true;
        const std::string what = is_end ? "END:VCARD without BEGIN:VCARD"
                                        : "text outside a card (no BEGIN:VCARD before it)";
        errors_.push_back(card_error(0, line.line, what + "; skipped up to the next card"));
    }

    void on_long_line(const LogicalLine& line) {
        const std::string reason = "content line is " + std::to_string(line.length) +
                                   " bytes after unfolding, " +
                                   limit_text("max_line_bytes", limits_.max_line_bytes);
        if (open_.empty()) {
            in_junk_ = true;
            errors_.push_back(card_error(0, line.line, reason + "; skipped"));
        } else {
            open_.back().reject(line.line, reason);
        }
    }

    void add_property_line(LogicalLine line) {
        OpenCard& card = open_.back();
        for (const auto& text : line.notes)
            note(line.line, text);
        ++card.property_lines;
        if (card.property_lines > limits_.max_properties) card.reject(line.line, {});
        if (card.bytes > limits_.max_card_bytes) card.reject(line.line, {});
        if (!card.rejected) card.lines.push_back(std::move(line));
    }

    void note(std::size_t line, const std::string& reason) {
        OpenCard& card = open_.back();
        add_capped(card.notes, card.reports, card_error(card.number, line, reason));
    }

    // The limit messages for cards need the final counts, known only here.
    std::string final_rejection(const OpenCard& card) const {
        if (!card.rejection.empty()) return card.rejection;  // the first limit exceeded
        if (card.bytes > limits_.max_card_bytes) {
            return "card is " + std::to_string(card.bytes) + " bytes, " +
                   limit_text("max_card_bytes", limits_.max_card_bytes);
        }
        if (card.property_lines > limits_.max_properties) {
            return "card has " + std::to_string(card.property_lines) + " properties, " +
                   limit_text("max_properties", limits_.max_properties);
        }
        return "card rejected";  // not reached: every rejection has a reason
    }

    void close(OpenCard card) {
        errors_.insert(errors_.end(), card.notes.begin(), card.notes.end());
        if (card.bytes > limits_.max_card_bytes) card.rejected = true;
        if (card.rejected) {
            const std::string rejection = final_rejection(card);
            const std::size_t line = card.rejection.empty() ? card.begin_line : card.rejection_line;
            errors_.push_back(card_error(card.number, line, rejection + "; card skipped"));
            return;
        }
        if (auto decoded = CardDecoder(card, limits_).decode(errors_)) {
            cards_.emplace_back(card.number, std::move(*decoded));
        }
    }

    ReadResult result() {
        std::stable_sort(cards_.begin(), cards_.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        std::stable_sort(errors_.begin(), errors_.end(), [](const auto& a, const auto& b) {
            return std::tie(a.card_number, a.line) < std::tie(b.card_number, b.line);
        });
        ReadResult result;
        for (auto& [number, card] : cards_) {
            result.cards.push_back(std::move(card));
            result.card_numbers.push_back(number);
        }
        result.errors = std::move(errors_);
        return result;
    }

    const Limits& limits_;
    std::vector<OpenCard> open_;
    std::vector<std::pair<std::size_t, Card>> cards_;
    std::vector<CardError> errors_;
    std::size_t next_number_ = 0;
    std::size_t skipped_depth_ = 0;  // > 0 while skipping a card nested too deeply
    bool in_junk_ = false;           // one report per run of lines outside cards
};

}  // namespace

CardError card_error(std::size_t card, std::size_t line, std::string reason) {
    std::string where;
    if (card > 0) where = "card " + std::to_string(card);
    if (line > 0) where += (where.empty() ? "line " : ", line ") + std::to_string(line);
    std::string message = (where.empty() ? "input" : where) + ": " + reason;
    return CardError{card, line, std::move(message), std::move(reason)};
}

ReadResult read_vcard_text(std::string_view bytes, const Limits& limits) {
    if (bytes.size() > limits.max_input_bytes) {
        return ReadResult{{},
                          {card_error(0, 0,
                                      "input is " + std::to_string(bytes.size()) + " bytes, " +
                                          limit_text("max_input_bytes", limits.max_input_bytes) +
                                          "; nothing read")},
                          {}};
    }
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    LogicalLineReader reader(bytes, limits.max_line_bytes);
    CardCollector collector(limits);
    LogicalLine line;
    while (reader.next(line))
        collector.on_line(std::move(line));
    return collector.finish();
}

}  // namespace cardex::vcard
