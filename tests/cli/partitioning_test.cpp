// scenarios/partitioning (issue 12): receipts moved into a table partitioned by year, the safe
// way, on PostgreSQL; refused on SQLite, which has no partitioned tables.
#include <catch2/catch.hpp>

#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/db.hpp"
#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

using migrator::test::migrator_cli;
using migrator::test::scalar;

TEST_CASE("partitioning: receipts move into yearly partitions and back, nothing lost", "[cli][postgres]") {
  migrator::test::PostgresDatabase database;
  const auto db = " --db " + migrator::test::shell_quote(database.url());
  const auto applied = migrator_cli("apply scenarios/partitioning --scale 0.05" + db);
  INFO(applied.out << applied.err);
  REQUIRE(applied.exit_code == 0);
  CHECK_THAT(applied.out, Catch::Contains("receipt count preserved") && Catch::Contains("Total Spent preserved to the cent"));
  auto c = migrator::test::connect(database.url());
  CHECK(scalar(*c, "SELECT count(*) FROM pg_partitioned_table WHERE partrelid = 'receipts'::regclass") == "1");
  CHECK(scalar(*c, "SELECT count(*) FROM receipts") == "5000");
  CHECK(scalar(*c, "SELECT (SELECT sum(total_amount) FROM receipts) = (SELECT sum(total_amount) FROM receipts_unpartitioned)") == "t");
  // The data set spans 2023 and 2024: each year in its own partition, the others empty.
  CHECK(scalar(*c, "SELECT count(*) FROM receipts_2023") != "0");
  CHECK(scalar(*c, "SELECT (SELECT count(*) FROM receipts_2023) + (SELECT count(*) FROM receipts_2024)") == "5000");
  // A year's query reads one partition (partition pruning).
  c->exec("CREATE TEMP TABLE explained (line text)");
  c->exec("DO $$ DECLARE r record; BEGIN FOR r IN EXPLAIN SELECT sum(total_amount) FROM receipts "
          "WHERE purchase_date >= '2024-01-01' AND purchase_date < '2025-01-01' LOOP "
          "INSERT INTO explained VALUES (r.\"QUERY PLAN\"); END LOOP; END $$");
  CHECK(scalar(*c, "SELECT count(*) FROM explained WHERE line LIKE '%receipts_2024%'") != "0");
  CHECK(scalar(*c, "SELECT count(*) FROM explained WHERE line LIKE '%receipts_2023%'") == "0");
  CHECK(migrator_cli("verify scenarios/partitioning" + db).exit_code == 0);

  // The application goes on writing: a new receipt lands in its year, with the next id.
  c->exec("INSERT INTO receipts (vendor_id, job_site_id, purchase_date, payment_method, total_amount) "
          "VALUES (1, 1, '2025-03-01', 'cash', 12.34); "
          "INSERT INTO receipt_items (receipt_id, product_id, quantity, unit_price, line_total) "
          "SELECT id, 1, 1, 12.34, 12.34 FROM receipts WHERE purchase_date = '2025-03-01'");
  CHECK(scalar(*c, "SELECT tableoid::regclass::text || ' ' || id FROM receipts WHERE purchase_date = '2025-03-01'") ==
        "receipts_2025 5001");
  CHECK(migrator_cli("verify scenarios/partitioning" + db).exit_code == 0);

  // Back: the old table, with the receipt written since, and its foreign key.
  const auto rolled_back = migrator_cli("rollback scenarios/partitioning --to 0" + db);
  INFO(rolled_back.out << rolled_back.err);
  REQUIRE(rolled_back.exit_code == 0);
  CHECK(scalar(*c, "SELECT count(*) FROM pg_partitioned_table") == "0");
  CHECK(scalar(*c, "SELECT count(*) || ' ' || max(id) FROM receipts") == "5001 5001");
  CHECK(scalar(*c, "SELECT convalidated FROM pg_constraint WHERE conname = 'receipt_items_receipt_id_fkey'") == "t");
  // Without the test's own receipt, the data set is the one loaded: its every check passes.
  c->exec("DELETE FROM receipt_items WHERE receipt_id = 5001; DELETE FROM receipts WHERE id = 5001");
  CHECK(migrator_cli("verify scenarios/construction_receipts" + db).exit_code == 0);
  CHECK(migrator_cli("check scenarios/partitioning --rehearse" + db).exit_code == 0);
}

TEST_CASE("partitioning: SQLite has no partitioned tables, and the plan says so", "[cli][sqlite]") {
  migrator::test::TempDir dir;
  const auto refused = migrator_cli("apply scenarios/partitioning --db sqlite:" + (dir / "app.db").string());
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("plan \"partitioning\" is written for postgres, not sqlite (nothing was run)"));
  CHECK_FALSE(std::filesystem::exists(dir / "app.db"));
  const auto check = migrator_cli("check scenarios/partitioning scenarios/tax_amount --rehearse --db sqlite:" +
                                  (dir / "scratch.db").string());
  CHECK(check.exit_code == 0);
  CHECK_THAT(check.out, Catch::Contains("Not rehearsing \"partitioning\": it is written for postgres") &&
                            Catch::Contains("Rehearsing \"tax_amount\""));
}
