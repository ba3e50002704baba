#include <catch2/catch.hpp>

#include "db/connection.hpp"
#include "generate/scenario_conformance.hpp"
#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

using namespace migrator;

namespace {

std::string row_text(const std::vector<db::Cell>& row) {
  std::string out;
  for (const auto& cell : row) {
    out += (out.empty() ? "" : " | ") + cell.value_or("NULL");
  }
  return out;
}

}  // namespace

TEST_CASE("construction_receipts: the scenario on PostgreSQL", "[generate][postgres]") {
  test::PostgresDatabase database;
  test::construction_scenario_conformance(database.url());
}

TEST_CASE("construction_receipts: the same seed gives the same data on SQLite and PostgreSQL",
          "[generate][postgres][sqlite]") {
  test::PostgresDatabase pg_database;
  test::TempDir dir;
  auto pg = db::open(db::parse_url(pg_database.url()));
  auto sqlite = db::open(db::parse_url("sqlite:" + (dir / "cr.db").string()));
  test::apply_construction_scenario(*pg, 0.02);
  test::apply_construction_scenario(*sqlite, 0.02);
  const auto on_pg = test::data_fingerprint(*pg);
  const auto on_sqlite = test::data_fingerprint(*sqlite);
  REQUIRE(on_pg.size() > 2000);
  REQUIRE(on_pg.size() == on_sqlite.size());
  for (std::size_t i = 0; i < on_pg.size(); ++i) {
    INFO("row " << i);
    REQUIRE(row_text(on_pg[i]) == row_text(on_sqlite[i]));
  }
}

// Issue 9: 17. After a killed load autovacuum may have analyzed the tables half full; the
// load's checks must plan with the true row counts, so the load ANALYZEs what it wrote.
TEST_CASE("construction_receipts: the load leaves planner statistics for every table it wrote",
          "[generate][postgres]") {
  test::PostgresDatabase database;
  auto pg = db::open(db::parse_url(database.url()));
  test::apply_construction_scenario(*pg, 0.02);
  const auto analyzed = pg->query(
      "SELECT count(*) FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL AND relname IN "
      "('vendors', 'product_categories', 'products', 'job_sites', 'receipts', 'receipt_items', "
      "'inventory', 'market_valuations', 'asset_movements')");
  CHECK(analyzed.rows.at(0).at(0).value_or("") == "9");
  const auto receipts = pg->query(
      "SELECT (SELECT reltuples::bigint FROM pg_class WHERE relname = 'receipts'), "
      "(SELECT count(*) FROM receipts)");
  CHECK(receipts.rows.at(0).at(0) == receipts.rows.at(0).at(1));
}
