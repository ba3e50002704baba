#pragma once
#include "bench/bench.hpp"

namespace migrator::bench {

// scenarios/partitioning on PostgreSQL (construction_receipts at --scale first): the spend of
// one year queried on the partitioned receipts with partition pruning, without it
// (enable_partition_pruning off), and on the unpartitioned table the move left, each with its
// EXPLAIN ANALYZE; the move's own time. On SQLite it says that it does not apply.
void run_partitioning_bench(BenchContext& ctx);

}  // namespace migrator::bench
