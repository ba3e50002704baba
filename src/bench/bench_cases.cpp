#include <algorithm>
#include <array>
#include <chrono>

#include "bench/bench.hpp"
#include "bench/benchmarks_bench.hpp"
#include "bench/check_bench.hpp"
#include "bench/concurrency_bench.hpp"
#include "bench/construction_bench.hpp"
#include "bench/dbmate_bench.hpp"
#include "bench/fleet_bench.hpp"
#include "bench/partitioning_bench.hpp"
#include "bench/runner_bench.hpp"

namespace migrator::bench {
namespace {

constexpr std::array k_cases{
    BenchCase{"runner", "500 trivial migrations applied and rolled back, beside the bare SQL",
              run_runner_bench},
    BenchCase{"dbmate",
              "10,000 migrations in dbmate form applied and rolled back, beside the bare SQL and dbmate up",
              run_dbmate_bench},
    BenchCase{"check",
              "migrator check over 500 generated migration files, beside squawk on the same SQL; on PostgreSQL "
              "also the rehearsal of scenarios/tax_amount with and without the trace",
              run_check_bench},
    BenchCase{"construction_receipts",
              "the data load at 1x and 10x --scale (100,000 and 1,000,000 receipts), beside "
              "psql \\copy on PostgreSQL",
              run_construction_bench},
    BenchCase{"partitioning",
              "PostgreSQL: one year's spend on receipts partitioned by year, with and without partition "
              "pruning, beside the unpartitioned table, with EXPLAIN ANALYZE",
              run_partitioning_bench},
    BenchCase{"fleet",
              "scenarios/vendor_normalization on 200 SQLite files or 50 PostgreSQL databases: a shell loop "
              "of single runs beside --targets at --parallel 1, 2, 4, 8",
              run_fleet_bench},
    BenchCase{"concurrency",
              "inserts and reports on their own connections while migrations run on the receipts: the "
              "unsafe one-liner, a rewrite, the safe tax_amount plan, CREATE INDEX (CONCURRENTLY)",
              run_concurrency_bench},
    BenchCase{"benchmarks",
              "the seed demo's measurements: normalized against a materialized summary, insert "
              "methods, index against scan, migration steps, refresh, storage",
              run_benchmarks_bench},
};

}  // namespace

std::span<const BenchCase> bench_cases() { return k_cases; }

const BenchCase* find_bench_case(std::string_view name) {
  const auto it = std::find_if(k_cases.begin(), k_cases.end(),
                               [&](const BenchCase& c) { return c.name == name; });
  return it == k_cases.end() ? nullptr : &*it;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace migrator::bench
