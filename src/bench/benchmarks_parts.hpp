#pragma once
// The sections of `migrator bench benchmarks`, one per measurement. Each prints its table
// through ctx.print and fills ctx.results[<section>]; all run on the same scratch database,
// built by run_benchmarks_bench (construction_receipts and the benchmarks plan applied).
#include <string>

#include "bench/bench.hpp"
#include "db/connection.hpp"
#include "generate/config.hpp"

namespace migrator::bench::benchmarks {

// Columns of the bars under the query and insert tables.
constexpr int k_bar_width = 40;

// "12.3x" (how many times faster `slow` is), or "-" when unmeasurable.
std::string times_faster(double slow, double fast);
std::string milliseconds(double seconds);

// The median time of `sql` over `runs` runs, after one untimed run that warms the caches.
double time_query(db::Connection& db, std::string_view sql, int runs);
// EXPLAIN ANALYZE (PostgreSQL: runs it) or EXPLAIN QUERY PLAN (SQLite) of `sql`, one line per plan line.
std::string query_plan(db::Connection& db, const std::string& sql);
// `text` with every line indented by two spaces.
std::string indented(const std::string& text);

// Every section below, in the order `bench benchmarks` prints them, on `db` (construction_receipts
// and benchmarks applied; `config` is the data set's, whose receipts the inserts write again).
void measure_all(BenchContext& ctx, db::Connection& db, const generate::Config& config);

// The three reports, on the normalized tables and on spend_summary.
void measure_queries(BenchContext& ctx, db::Connection& db);
// One receipts-vendor-month query on a copy of receipts, without and with an index.
void measure_index(BenchContext& ctx, db::Connection& db);
// Receipts of the data set into an empty copy of receipts: single, batched, bulk_insert.
void measure_inserts(BenchContext& ctx, db::Connection& db, const generate::Config& config);
// Recomputing spend_summary.
void measure_refresh(BenchContext& ctx, db::Connection& db);
// Bytes per table and index; the normalized tables against receipt_items_wide.
void measure_storage(BenchContext& ctx, db::Connection& db);
// A required column added to receipts the safe way, each step timed.
void measure_migration_steps(BenchContext& ctx, db::Connection& db);

}  // namespace migrator::bench::benchmarks
