#pragma once
#include "bench/bench.hpp"

namespace migrator::bench {

// 500 trivial migrations applied and rolled back through the runner, beside the same SQL run
// in the same transactions without any bookkeeping: the runner's own cost.
void run_runner_bench(BenchContext& ctx);

}  // namespace migrator::bench
