#pragma once
#include "bench/bench.hpp"

namespace migrator::bench {

// `migrator check` over 500 generated migration files, in process and as a command, beside
// squawk (https://squawkhq.com, npm squawk-cli) over the same SQL when it is installed:
// $MIGRATOR_SQUAWK, else `squawk` on PATH. The goal: within 2x squawk's time.
void run_check_bench(BenchContext& ctx);

}  // namespace migrator::bench
