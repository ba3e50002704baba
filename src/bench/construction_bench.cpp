#include "bench/construction_bench.hpp"

#include <fmt/format.h>
#include <stdlib.h>

#include <nlohmann/json.hpp>

#include "bench/peak_memory.hpp"
#include "bench/psql_copy.hpp"
#include "plan/scenario_dir.hpp"
#include "db/connection.hpp"
#include "db/scratch.hpp"
#include "generate/loader.hpp"
#include "plan/loader.hpp"
#include "report/text_table.hpp"
#include "runner/runner.hpp"

namespace migrator::bench {
namespace {

constexpr double k_mb = 1024.0 * 1024.0;

struct Load {
  generate::LoadReport report;
  double seconds = 0;  // begin .. commit, the statistics and their cross-check included
  std::uint64_t peak_rss = 0;
  bool peak_reset = false;
};

// The plan's migrations before its generate step: the schema and dim_date.
void apply_schema(const db::Url& url, const plan::Plan& plan, core::Version generate_version) {
  auto db = db::open(url);
  runner::Observer silent;
  runner::Runner runner(*db, silent);
  runner::ApplyOptions options;
  options.to = generate_version - 1;
  runner.apply(plan, options);
}

// Loads on a new connection, as psql would use one (a fresh server backend pays its own
// page faults on shared buffers, DEPENDENCIES.md).
Load measure_load(BenchContext& ctx, const db::Url& url, const generate::Config& config) {
  auto db = db::open(url);
  Load load;
  load.peak_reset = reset_peak_rss();
  const auto start = std::chrono::steady_clock::now();
  // No transaction open: the load runs in its own bulk_load one, as a transaction: false
  // migration runs it.
  load.report = generate::load(
      *db, config, [&](std::string_view table, std::uint64_t done, std::uint64_t total) {
        ctx.observer.on_progress(table, done, total);
      });
  load.seconds = seconds_since(start);
  load.peak_rss = peak_rss_bytes();
  return load;
}

std::string rate(double rows, double seconds) {
  return seconds > 0 ? generate::format_count(static_cast<std::uint64_t>(rows / seconds)) : "-";
}

// What our load is compared with: the same receipts loaded another way.
struct Reference {
  std::string label;
  std::string key;  // in the JSON figures
  std::uint64_t rows = 0;
  double seconds = 0;
};

class BulkSink : public generate::RowSink {
 public:
  explicit BulkSink(db::BulkWriter& writer) : m_writer(writer) {}
  void row(std::span<const db::Value> values) override { m_writer.write(values); }

 private:
  db::BulkWriter& m_writer;
};

std::uint64_t write_table(db::Connection& db, generate::Generator& generator,
                          generate::Table table, std::string_view into) {
  const auto& spec = generate::table_spec(table);
  auto writer = db.bulk_insert(into, {spec.columns.begin(), spec.columns.end()});
  BulkSink sink(*writer);
  generator.write(table, sink);
  return writer->finish();
}

// SQLite's own limit here: the same receipts into a copy of the table without its
// constraints, keys and checks (CREATE TABLE AS keeps only the column affinities).
Reference measure_bare(const db::Url& url, const generate::Config& config) {
  auto db = db::open(url);
  db->exec("CREATE TABLE receipts_bare AS SELECT * FROM receipts WHERE 0");
  generate::Generator generator(config);
  Reference figures{"receipts, table without constraints", "bare_table_receipts", 0, 0};
  const auto start = std::chrono::steady_clock::now();
  auto tx = db->begin();
  figures.rows = write_table(*db, generator, generate::Table::receipts, "receipts_bare");
  tx->commit();
  figures.seconds = seconds_since(start);
  return figures;
}

// The same receipts, written to CSV by the generator and loaded by psql into the same table
// of another scratch database (its reference rows loaded first, for the foreign keys).
Reference measure_psql(const db::Url& base, const plan::Plan& plan, core::Version generate_version,
                         const generate::Config& config) {
  const auto psql = find_psql();
  if (psql.empty()) {
    throw std::runtime_error("psql not found");
  }
  db::ScratchDatabase scratch(base, "bench_psql");
  apply_schema(scratch.url(), plan, generate_version);
  generate::Generator generator(config);
  {
    auto db = db::open(scratch.url());
    for (const auto table : {generate::Table::vendors, generate::Table::product_categories,
                             generate::Table::products, generate::Table::job_sites}) {
      write_table(*db, generator, table, generate::table_spec(table).name);
    }
  }
  std::string pattern =
      (std::filesystem::temp_directory_path() / "migrator-bench-csv.XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("cannot create a temporary directory");
  }
  const std::filesystem::path dir = pattern;
  const auto csv = dir / "receipts.csv";
  Reference figures{"receipts by psql \\copy (CSV)", "psql_copy_receipts", 0, 0};
  try {
    figures.rows = write_csv(generator, generate::Table::receipts, csv);
    figures.seconds =
        time_psql_copy(psql, scratch.url(), generate::table_spec(generate::Table::receipts), csv);
  } catch (...) {
    std::filesystem::remove_all(dir);
    throw;
  }
  std::filesystem::remove_all(dir);
  return figures;
}

void report_load(BenchContext& ctx, const generate::Config& config, const Load& load,
                 const std::optional<Reference>& reference, nlohmann::json& out) {
  report::TextTable table({{"TABLE"},
                           {"ROWS", report::Align::right},
                           {"SECONDS", report::Align::right},
                           {"ROWS/S", report::Align::right}});
  std::uint64_t total_rows = 0;
  double writing_seconds = 0;
  auto tables = nlohmann::json::array();
  const auto add = [&](const std::string& label, std::optional<std::uint64_t> rows, double seconds) {
    table.add_row({label, rows ? generate::format_count(*rows) : "", fmt::format("{:.3f}", seconds),
                   rows ? rate(static_cast<double>(*rows), seconds) : ""});
  };
  for (const auto& t : load.report.tables) {
    const double seconds = std::chrono::duration<double>(t.elapsed).count();
    total_rows += t.rows;
    writing_seconds += seconds;
    add(t.table, t.rows, seconds);
    tables.push_back({{"table", t.table}, {"rows", t.rows}, {"seconds", seconds}});
  }
  const double finishing_seconds = std::chrono::duration<double>(load.report.finishing).count();
  add("rows written, all tables", total_rows, writing_seconds);
  add(ctx.url.dialect == core::Dialect::sqlite ? "foreign key check, cross-check, commit"
                                               : "cross-check, commit",
      std::nullopt, finishing_seconds);
  add("whole load, begin to commit", total_rows, load.seconds);
  double receipts_seconds = 0;
  for (const auto& t : load.report.tables) {
    if (t.table == "receipts") {
      receipts_seconds = std::chrono::duration<double>(t.elapsed).count();
    }
  }
  if (reference) {
    table.add_row({reference->label, generate::format_count(reference->rows),
                   fmt::format("{:.3f}", reference->seconds),
                   rate(static_cast<double>(reference->rows), reference->seconds)});
  }
  ctx.print(fmt::format("{} receipts, {} inventory items:", generate::format_count(config.receipts),
                        generate::format_count(config.inventory)));
  ctx.print(table.render());
  const double peak_mb = static_cast<double>(load.peak_rss) / k_mb;
  ctx.print(fmt::format("peak memory {:.1f} MB{}\n", peak_mb,
                        load.peak_reset ? "" : " (since the process started)"));
  out = {{"receipts", config.receipts},
         {"tables", tables},
         {"rows", total_rows},
         {"seconds", load.seconds},
         {"writing_seconds", writing_seconds},
         {"finishing_seconds", finishing_seconds},
         {"rows_per_second", static_cast<double>(total_rows) / load.seconds},
         {"receipts_rows_per_second", static_cast<double>(config.receipts) / receipts_seconds},
         {"peak_rss_mb", peak_mb}};
  if (reference) {
    out[reference->key] = {{"rows", reference->rows},
                           {"seconds", reference->seconds},
                           {"rows_per_second",
                            static_cast<double>(reference->rows) / reference->seconds}};
  }
}

}  // namespace

void run_construction_bench(BenchContext& ctx) {
  const auto plan = plan::load(plan::scenario_dir("construction_receipts"), {ctx.url.dialect});
  for (const double scale : {ctx.scale, ctx.scale * 10}) {
    const auto step = generate::find_generate_step(plan, scale);
    if (!step) {
      throw core::UsageError("scenarios/construction_receipts has no generate step");
    }
    Load load;
    std::optional<Reference> reference;
    {
      db::ScratchDatabase scratch(ctx.url, "bench_construction");
      apply_schema(scratch.url(), plan, step->version);
      load = measure_load(ctx, scratch.url(), step->config);
      if (ctx.url.dialect == core::Dialect::sqlite) {
        reference = measure_bare(scratch.url(), step->config);
      }
    }
    if (ctx.url.dialect == core::Dialect::postgres) {
      reference = measure_psql(ctx.url, plan, step->version, step->config);
    }
    report_load(ctx, step->config, load, reference,
                ctx.results[fmt::format("receipts_{}", step->config.receipts)]);
  }
  ctx.print("goals: SQLite at least 1,000,000 rows/s; PostgreSQL receipts at least psql \\copy's "
            "rows/s; under 100 MB peak memory at 1,000,000 receipts");
}

}  // namespace migrator::bench
