#pragma once
#include "bench/bench.hpp"

namespace migrator::bench {

// The seed demo's measurements on the construction data (at --scale) with the benchmarks
// scenario applied, in a scratch database: queries on the normalized tables against the
// spend summary, insert speed by method, index against sequential scan with the plans,
// the safe required-column migration step by step, the summary's refresh, storage per table.
void run_benchmarks_bench(BenchContext& ctx);

}  // namespace migrator::bench
