#pragma once
// Why safe migrations exist, measured: application traffic (inserts and a report, on
// connections of their own) keeps running on the receipts while migrations of each kind
// run, and the table says how much of it got through and how long it waited.
#include "bench/bench.hpp"
#include "db/connection.hpp"

namespace migrator::bench {

// On `db` (construction_receipts applied; scenarios/tax_amount is rolled back first when
// applied, and left rolled back): the traffic alone for `quiet_seconds`, then each
// migration with the traffic running; the receipts the traffic wrote are deleted afterwards.
// Fills ctx.results with "writers", "readers", "receipts" and "phases".
void measure_concurrency(BenchContext& ctx, db::Connection& db, double quiet_seconds);

// `migrator bench concurrency`: the same on a scratch database with the data loaded.
void run_concurrency_bench(BenchContext& ctx);

}  // namespace migrator::bench
