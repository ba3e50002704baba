// The benchmarks scenario (scenarios/benchmarks) through the runner on both backends: its
// summary and wide copy hold exactly the receipts' lines and money, its checks catch stale
// copies, and its rollback leaves construction_receipts as it was.
#include <catch2/catch.hpp>

#include "db/connection.hpp"
#include "generate/config.hpp"
#include "generate/generator.hpp"
#include "generate/sinks.hpp"
#include "history/store.hpp"
#include "plan/loader.hpp"
#include "runner/runner.hpp"
#include "support/plan_files.hpp"
#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

using namespace migrator;

namespace {

constexpr double k_scale = 0.02;  // 2,000 receipts

std::string single(db::Connection& db, const std::string& sql) {
  return db.query(sql).rows.at(0).at(0).value_or("NULL");
}

std::string refresh_sql(core::Dialect dialect) {
  return dialect == core::Dialect::postgres
             ? "REFRESH MATERIALIZED VIEW spend_summary"
             : "DELETE FROM spend_summary; INSERT INTO spend_summary SELECT * FROM spend_summary_source";
}

std::vector<std::string> failed_checks(const runner::VerifyReport& report) {
  std::vector<std::string> names;
  for (const auto& c : report.checks) {
    if (!c.outcome.passed) {
      names.push_back(c.check);
    }
  }
  return names;
}

void benchmarks_scenario(const std::string& url) {
  auto db = db::open(db::parse_url(url));
  runner::Observer silent;
  runner::Runner runner(*db, silent);
  const auto plan = plan::load(test::scenario_dir("benchmarks"), {db->dialect()});
  runner::ApplyOptions options;
  options.scale = k_scale;
  runner.apply(plan, options);

  std::vector<int> versions;
  for (const auto& e : history::Store(*db).entries("benchmarks", history::Store::Definitions::none)) {
    versions.push_back(e.version);
  }
  CHECK(versions == std::vector<int>{1, 2});

  // The summary and the wide copy against what the generator made, to the cent.
  const auto step = generate::find_generate_step(plan::load(plan.requires_plans.at(0), {db->dialect()}), k_scale);
  REQUIRE(step);
  generate::Generator generator(step->config);
  test::ChecksumSink sink;
  generator.write(generate::Table::receipts, sink);
  const auto lines = generator.write(generate::Table::receipt_items, sink);
  const auto spent = std::to_string(generator.totals().total_spent);
  CHECK(single(*db, "SELECT sum(total_cents) FROM spend_summary") == spent);
  CHECK(single(*db, "SELECT sum(item_count) FROM spend_summary") == std::to_string(lines));
  CHECK(single(*db, "SELECT count(*) FROM receipt_items_wide") == std::to_string(lines));
  CHECK(single(*db, "SELECT sum(CAST(round(line_total * 100) AS BIGINT)) FROM receipt_items_wide") == spent);
  CHECK(single(*db, "SELECT count(DISTINCT vendor_name) FROM spend_summary") == "14");
  CHECK(runner.verify("benchmarks", &plan).ok());

  // A receipt added after the refresh: the summary is stale and verify says so, until refreshed.
  db->exec("INSERT INTO receipts (id, vendor_id, job_site_id, purchase_date, payment_method, total_amount) "
           "SELECT 900001, 1, 1, '2024-03-05', 'cash', min_price FROM products WHERE id = 1;"
           "INSERT INTO receipt_items (id, receipt_id, product_id, quantity, unit_price, line_total) "
           "SELECT 900001, 900001, 1, 1, min_price, min_price FROM products WHERE id = 1;");
  CHECK(failed_checks(runner.verify("benchmarks", &plan)) ==
        std::vector<std::string>{"the summary's total is the receipts' total to the cent",
                                 "each vendor's total and item count match the receipts' to the cent",
                                 "every receipt line and every receipt counted", "one wide row per receipt line",
                                 "the wide lines add up to the receipts' total to the cent"});
  db->exec(refresh_sql(db->dialect()));
  CHECK(failed_checks(runner.verify("benchmarks", &plan)) ==
        std::vector<std::string>{"one wide row per receipt line",
                                 "the wide lines add up to the receipts' total to the cent"});

  const auto construction = db->schema_fingerprint();
  runner.rollback("benchmarks", {});
  CHECK(history::Store(*db).entries("benchmarks", history::Store::Definitions::none).empty());
  const auto after = db->schema_fingerprint();
  for (const auto& line : after) {
    INFO(line);
    CHECK(line.find("spend_summary") == std::string::npos);
    CHECK(line.find("receipt_items_wide") == std::string::npos);
  }
  CHECK(after.size() < construction.size());
  CHECK(single(*db, "SELECT count(*) FROM receipts") == "2001");
}

}  // namespace

TEST_CASE("benchmarks scenario: summary and wide copy exact, stale copies caught, rolled back on SQLite",
          "[generate][sqlite]") {
  test::TempDir dir;
  benchmarks_scenario("sqlite:" + (dir / "bench.db").string());
}

TEST_CASE("benchmarks scenario: summary and wide copy exact, stale copies caught, rolled back on PostgreSQL",
          "[generate][postgres]") {
  test::PostgresDatabase database;
  benchmarks_scenario(database.url());
}
