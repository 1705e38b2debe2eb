// Parts of the component benchmark that need no XMPP server: cardexd fed by the in-process
// load generator, next to the disk's and the parser's ceilings; and cardexd holding many
// pending cards (memory and database size).
#pragma once

#include "bench/bench_options.hpp"

namespace cardex::bench {

// Cards per second accepted durably by cardexd alone, with latency, and the ceilings measured
// in the same run. Returns 0, or 1 when the run could not be made.
int run_alone(const BenchOptions& options);

// Peak memory of cardexd while `options.pending` cards are submitted to recipients that never
// acknowledge, and after a restart with them in the database; database bytes per card.
int run_pending(const BenchOptions& options);

}  // namespace cardex::bench
