#pragma once
#include "bench/bench.hpp"

namespace migrator::bench {

// scenarios/vendor_normalization on 200 SQLite files (x --scale), or 50 databases of the
// PostgreSQL server: a shell loop of single `migrator apply` runs beside one
// `migrator apply --targets FILE` at --parallel 1, 2, 4 and 8; targets/s, the overhead per
// target beyond the migrations, and the fleet's peak memory at a quarter and all the targets.
void run_fleet_bench(BenchContext& ctx);

}  // namespace migrator::bench
