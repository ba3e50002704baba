#pragma once
#include "bench/bench.hpp"

namespace migrator::bench {

// The construction_receipts data load at the scenario's size and at ten times that (100,000
// and 1,000,000 receipts by default) into a scratch database: rows/s per table, wall time and
// peak memory; on PostgreSQL beside `psql \copy` of the same receipts from a CSV file.
void run_construction_bench(BenchContext& ctx);

}  // namespace migrator::bench
