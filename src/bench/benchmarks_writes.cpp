// Writes: insert methods, the summary's refresh, and the steps of a safe required column.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "bench/benchmarks_parts.hpp"
#include "bench/median.hpp"
#include "db/value_text.hpp"
#include "generate/generator.hpp"
#include "generate/statistics.hpp"
#include "report/text_bar.hpp"
#include "report/text_table.hpp"
#include "util/terminal.hpp"
#include "runner/operation.hpp"
#include "util/sql_quote.hpp"

namespace migrator::bench::benchmarks {
namespace {

// Receipts written per run of each method: a fifth of the data set, at least 100.
constexpr double k_insert_share = 0.2;
constexpr std::size_t k_rows_per_statement = 100;

using Row = std::vector<db::Value>;

class CollectRows : public generate::RowSink {
 public:
  void row(std::span<const db::Value> values) override { rows.emplace_back(values.begin(), values.end()); }
  std::vector<Row> rows;
};

// A value as SQL text (for the INSERT methods measured against bulk_insert).
std::string literal(const db::Value& value) {
  struct Visitor {
    std::string operator()(db::Null) const { return "NULL"; }
    std::string operator()(bool b) const { return b ? "TRUE" : "FALSE"; }
    std::string operator()(std::int64_t n) const { return std::to_string(n); }
    std::string operator()(double d) const { return db::double_text(d); }
    std::string operator()(std::string_view s) const { return util::sql_quote(s); }
    std::string operator()(const db::Decimal& d) const { return db::decimal_text(d); }
    std::string operator()(const db::Date& d) const { return "'" + db::date_text(d) + "'"; }
  };
  return std::visit(Visitor{}, value);
}

std::string values_list(const Row& row) {
  std::string out = "(";
  for (std::size_t i = 0; i < row.size(); ++i) {
    out += (i == 0 ? "" : ", ") + literal(row[i]);
  }
  return out + ")";
}

// INSERT statements of `per_statement` rows each.
std::vector<std::string> insert_statements(const std::string& head, const std::vector<Row>& rows,
                                           std::size_t per_statement) {
  std::vector<std::string> statements;
  for (std::size_t i = 0; i < rows.size(); i += per_statement) {
    std::string sql = head;
    for (std::size_t j = i; j < std::min(rows.size(), i + per_statement); ++j) {
      sql += (j == i ? " " : ", ") + values_list(rows[j]);
    }
    statements.push_back(std::move(sql));
  }
  return statements;
}

// Runs `work` in one write transaction and commits.
void in_transaction(db::Connection& db, const std::function<void()>& work) {
  auto tx = db.begin();
  work();
  tx->commit();
}

struct Step {
  std::string name;
  std::string sql;  // empty: the set_not_null operation
};

// The tax_amount scenario's steps on a column of their own, in the same order.
std::vector<Step> required_column_steps(core::Dialect dialect) {
  std::vector<Step> steps{
      {"add the nullable column", "ALTER TABLE receipts ADD COLUMN bench_tax NUMERIC(10,2)"},
      {"backfill every row", "UPDATE receipts SET bench_tax = round(total_amount * 0.08, 2)"}};
  if (dialect == core::Dialect::postgres) {
    steps.push_back({"CHECK (bench_tax IS NOT NULL) NOT VALID",
                     "ALTER TABLE receipts ADD CONSTRAINT receipts_bench_tax_not_null "
                     "CHECK (bench_tax IS NOT NULL) NOT VALID"});
    steps.push_back({"VALIDATE the check (reads every row)",
                     "ALTER TABLE receipts VALIDATE CONSTRAINT receipts_bench_tax_not_null"});
    steps.push_back({"SET NOT NULL (the validated check spares the scan)", ""});
    steps.push_back({"drop the check", "ALTER TABLE receipts DROP CONSTRAINT receipts_bench_tax_not_null"});
  } else {
    steps.push_back({"triggers refusing new NULLs",
                     "CREATE TRIGGER receipts_bench_tax_insert BEFORE INSERT ON receipts "
                     "WHEN NEW.bench_tax IS NULL BEGIN SELECT RAISE(ABORT, 'bench_tax is required'); END; "
                     "CREATE TRIGGER receipts_bench_tax_update BEFORE UPDATE OF bench_tax ON receipts "
                     "WHEN NEW.bench_tax IS NULL BEGIN SELECT RAISE(ABORT, 'bench_tax is required'); END;"});
    steps.push_back({"set_not_null (counts the NULLs, edits the schema)", ""});
    steps.push_back({"drop the triggers",
                     "DROP TRIGGER receipts_bench_tax_insert; DROP TRIGGER receipts_bench_tax_update;"});
  }
  return steps;
}

}  // namespace

void measure_inserts(BenchContext& ctx, db::Connection& db, const generate::Config& config) {
  auto sample = config;
  sample.receipts = std::max<std::uint64_t>(
      100, static_cast<std::uint64_t>(static_cast<double>(config.receipts) * k_insert_share));
  generate::Generator generator(sample);
  CollectRows collected;
  generator.write(generate::Table::receipts, collected);
  const auto& rows = collected.rows;

  const auto& spec = generate::table_spec(generate::Table::receipts);
  const std::vector<std::string> columns(spec.columns.begin(), spec.columns.end());
  std::string column_list;
  for (const auto& c : columns) {
    column_list += (column_list.empty() ? "" : ", ") + c;
  }
  // receipts' columns and keys, without the checks and foreign keys the methods do not differ on.
  db.exec(fmt::format(
      "CREATE TABLE bench_receipts_insert (id {} PRIMARY KEY, vendor_id INTEGER NOT NULL, "
      "job_site_id INTEGER NOT NULL, purchase_date DATE NOT NULL, payment_method TEXT NOT NULL, "
      "total_amount NUMERIC(12,2) NOT NULL)",
      db.dialect() == core::Dialect::postgres ? "BIGINT" : "INTEGER"));
  const auto head = "INSERT INTO bench_receipts_insert (" + column_list + ") VALUES";
  // The statements' text is made before the clock starts: what is timed is the database.
  const auto singles = insert_statements(head, rows, 1);
  const auto batches = insert_statements(head, rows, k_rows_per_statement);
  const auto empty = [&] { db.exec("DELETE FROM bench_receipts_insert"); };
  const auto run_all = [&](const std::vector<std::string>& statements) {
    in_transaction(db, [&] {
      for (const auto& sql : statements) {
        db.exec(sql);
      }
    });
  };
  const bool postgres = db.dialect() == core::Dialect::postgres;
  struct Method {
    std::string name;
    std::string key;
    double seconds;
  };
  const std::vector<Method> methods{
      {"one INSERT per row", "single", median_seconds(ctx.runs, [&] { run_all(singles); }, empty)},
      {fmt::format("INSERT of {} rows per statement", k_rows_per_statement), "batched",
       median_seconds(ctx.runs, [&] { run_all(batches); }, empty)},
      {postgres ? "bulk_insert: COPY FROM STDIN" : "bulk_insert: prepared multi-row INSERTs", "bulk",
       median_seconds(
           ctx.runs,
           [&] {
             in_transaction(db, [&] {
               auto writer = db.bulk_insert("bench_receipts_insert", columns);
               for (const auto& row : rows) {
                 writer->write(row);
               }
               writer->finish();
             });
           },
           empty)},
  };
  db.exec("DROP TABLE bench_receipts_insert");

  report::TextTable table({{"METHOD"},
                           {"MEDIAN MS", report::Align::right},
                           {"ROWS/S", report::Align::right},
                           {"VS ONE PER ROW", report::Align::right}});
  auto out = nlohmann::json::array();
  std::vector<report::BarRow> bars;
  for (const auto& m : methods) {
    const double rate = m.seconds > 0 ? static_cast<double>(rows.size()) / m.seconds : 0;
    table.add_row({m.name, milliseconds(m.seconds), generate::format_count(static_cast<std::uint64_t>(rate)),
                   times_faster(methods.front().seconds, m.seconds)});
    out.push_back({{"method", m.key}, {"label", m.name}, {"median_ms", m.seconds * 1000}, {"rows_per_second", rate}});
    bars.push_back({m.name, rate, generate::format_count(static_cast<std::uint64_t>(rate)) + " rows/s"});
  }
  ctx.print(fmt::format("Inserts: {} receipts into an empty copy of receipts, one transaction per run",
                        generate::format_count(rows.size())));
  ctx.print(table.render());
  ctx.print(report::bar_rows(bars, k_bar_width, util::utf8_locale()));
  ctx.results["inserts"] = {{"rows", rows.size()}, {"methods", out}};
}

void measure_refresh(BenchContext& ctx, db::Connection& db) {
  const bool postgres = db.dialect() == core::Dialect::postgres;
  const double seconds = median_seconds(ctx.runs, [&] {
    in_transaction(db, [&] {
      db.exec(postgres ? "REFRESH MATERIALIZED VIEW spend_summary"
                       : "DELETE FROM spend_summary; INSERT INTO spend_summary SELECT * FROM spend_summary_source");
    });
  });
  const auto rows = std::stoll(db.query("SELECT count(*) FROM spend_summary").rows.at(0).at(0).value_or("0"));
  report::TextTable table({{"REFRESH"}, {"SUMMARY ROWS", report::Align::right}, {"MEDIAN MS", report::Align::right}});
  table.add_row({postgres ? "REFRESH MATERIALIZED VIEW spend_summary"
                          : "DELETE + INSERT ... SELECT * FROM spend_summary_source",
                 generate::format_count(static_cast<std::uint64_t>(rows)), milliseconds(seconds)});
  ctx.print("Refreshing spend_summary: what its fast reads cost, paid again whenever receipts change");
  ctx.print(table.render());
  ctx.results["refresh"] = {{"summary_rows", rows}, {"median_ms", seconds * 1000}};
}

void measure_migration_steps(BenchContext& ctx, db::Connection& db) {
  const bool postgres = db.dialect() == core::Dialect::postgres;
  const auto steps = required_column_steps(db.dialect());
  runner::Observer silent;
  runner::OperationContext op_ctx{db, silent};
  const plan::Operation set_not_null{"set_not_null", {{"table", "receipts"}, {"column", "bench_tax"}}, {}};
  const auto* handler = runner::find_operation("set_not_null");
  std::vector<std::vector<double>> times(steps.size());
  for (int run = 0; run < ctx.runs; ++run) {
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const auto start = std::chrono::steady_clock::now();
      in_transaction(db, [&] {
        if (steps[i].sql.empty()) {
          handler->run(set_not_null, op_ctx);
        } else {
          db.exec(steps[i].sql);
        }
      });
      times[i].push_back(seconds_since(start));
    }
    db.exec("ALTER TABLE receipts DROP COLUMN bench_tax");
    if (postgres) {
      db.exec("VACUUM receipts");  // the backfill's old row versions, before the next run
    }
  }
  report::TextTable table({{"STEP"}, {"MEDIAN S", report::Align::right}});
  auto out = nlohmann::json::array();
  double total = 0;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    std::sort(times[i].begin(), times[i].end());
    const double median = times[i][times[i].size() / 2];
    total += median;
    table.add_row({steps[i].name, fmt::format("{:.3f}", median)});
    out.push_back({{"step", steps[i].name}, {"median_seconds", median}});
  }
  table.add_row({"all steps", fmt::format("{:.3f}", total)});
  ctx.print("Migration steps on receipts: a required column the safe way (scenarios/tax_amount), one "
            "transaction each");
  ctx.print(table.render());
  ctx.results["migration_steps"] = out;
}

}  // namespace migrator::bench::benchmarks
