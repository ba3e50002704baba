#pragma once
#include "bench/bench.hpp"

namespace migrator::bench {

// 10,000 generated migrations in dbmate's form (x --scale) applied and rolled back by
// migrator, beside the same SQL run bare (one transaction each) and, where dbmate is
// installed, `dbmate up` on the same files: what reading a team's history costs.
void run_dbmate_bench(BenchContext& ctx);

}  // namespace migrator::bench
