// What `cardex sync` says when it is done, and the exit code it ends with.
#pragma once

#include <vector>

#include "client/cli/context.hpp"
#include "client/exchange/sync_run.hpp"

namespace cardex::cli {

// Prints a line per service synced (ctx.out), one per service that failed and one per service
// whose cards could not all be saved (ctx.err). Returns kFailed when a sync failed, else
// kPartly when some cards could not be saved (they still wait at their service), else kOk.
int report_sync(Context& ctx, const std::vector<client::exchange::SyncOutcome>& outcomes);

}  // namespace cardex::cli
