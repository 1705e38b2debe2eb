#include "client/cli/sync_report.hpp"

#include "client/ui/outcome_text.hpp"

namespace cardex::cli {

int report_sync(Context& ctx, const std::vector<client::exchange::SyncOutcome>& outcomes) {
    int code = kOk;
    bool unsaved = false;
    for (const auto& o : outcomes) {
        if (!o.error.empty()) {
            ctx.err << "cardex: sync with " << o.service << " failed: " << o.error << "\n";
            code = kFailed;
        } else {
            ctx.out << "Synced with " << o.service << ": " << client::ui::sync_text(o) << ".\n";
        }
        if (o.unsaved > 0) {
            ctx.err << "cardex: " << client::ui::unsaved_text(o.service, o.unsaved) << ".\n";
            unsaved = true;
        }
    }
    // Done, but some cards were not saved: they are still to come.
    return code == kOk && unsaved ? kPartly : code;
}

}  // namespace cardex::cli
