#include "client/ui/import_text.hpp"

#include "client/ui/text_width.hpp"

namespace cardex::client::ui {
namespace {

std::string counted(std::size_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string where(const transfer::ImportFailure& f) {
    std::string text = sanitize_for_terminal(f.file);
    if (f.card_number > 0) text += ", card " + std::to_string(f.card_number);
    return text;
}

}  // namespace

std::vector<std::string> import_detail_lines(const transfer::ImportReport& report) {
    std::vector<std::string> lines;
    for (const auto& f : report.unreadable)
        lines.push_back("cannot import " + where(f) + ": " + sanitize_for_terminal(f.reason));
    for (const auto& f : report.skipped)
        lines.push_back("skipped " + where(f) + ": " + sanitize_for_terminal(f.reason));
    for (const auto& f : report.failures)
        lines.push_back("failed: " + where(f) + ": " + sanitize_for_terminal(f.reason));
    for (const auto& f : report.notes) {
        lines.push_back("warning: " + where(f) + (f.card_number > 0 ? " (imported)" : "") + ": " +
                        sanitize_for_terminal(f.reason));
    }
    return lines;
}

std::string import_summary(const transfer::ImportReport& report) {
    const std::string files = counted(report.files, "file", "files");
    const std::string skipped = counted(report.skipped.size(), "other file", "other files");
    std::string text;
    if (report.outcome() == transfer::ImportOutcome::nothing_imported) {
        text = "Nothing imported";
        if (report.files > 0) {
            text += " from " + files + ": " + counted(report.failed_cards(), "card", "cards") +
                    " failed";
        } else if (report.unreadable.empty()) {
            text += ": no vCard, xCard, jCard or contacts CSV file found";
        }
        if (!report.skipped.empty()) text += " (" + skipped + " skipped)";
        return text + ".";
    }
    text = "Imported " + files + ": " + report.summary();
    if (report.unchanged > 0) text += " (" + std::to_string(report.unchanged) + " already known)";
    if (!report.unreadable.empty())
        text += "; " + counted(report.unreadable.size(), "path", "paths") + " not imported";
    if (!report.skipped.empty()) text += "; " + skipped + " skipped";
    return text + ".";
}

}  // namespace cardex::client::ui
