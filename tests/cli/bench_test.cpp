#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/browser.hpp"
#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

using migrator::test::migrator_cli;

// Figures are never asserted (they are the machine's); what is checked is that the benchmark
// runs, loads exactly the data set it names, and reports every figure it promises.
TEST_CASE("cli: bench construction_receipts loads 1x and 10x and reports each table",
          "[cli][bench][sqlite]") {
  migrator::test::TempDir dir;
  const auto r = migrator_cli("bench construction_receipts --scale 0.01 --format json --db sqlite:" +
                              (dir / "bench.db").string());
  REQUIRE(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  const auto& runs = doc["cases"]["construction_receipts"];
  for (const auto& [key, receipts] : {std::pair{"receipts_1000", 1000}, {"receipts_10000", 10000}}) {
    INFO(key);
    const auto& run = runs.at(key);
    CHECK(run["receipts"] == receipts);
    REQUIRE(run["tables"].size() == 9);
    CHECK(run["tables"][4]["table"] == "receipts");
    CHECK(run["tables"][4]["rows"] == receipts);
    std::uint64_t rows = 0;
    for (const auto& t : run["tables"]) {
      rows += t["rows"].get<std::uint64_t>();
    }
    CHECK(run["rows"] == rows);
    CHECK(run["seconds"].get<double>() >= run["writing_seconds"].get<double>());
    CHECK(run["finishing_seconds"].get<double>() > 0);
    CHECK(run["bare_table_receipts"]["rows"] == receipts);
    CHECK(run["peak_rss_mb"].get<double>() > 0);
  }
  // The scratch databases are gone afterwards.
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator{}) == 0);
}

TEST_CASE("cli: bench names the cases it has when asked for another", "[cli][bench][sqlite]") {
  const auto r = migrator_cli("bench nothing --db sqlite::memory:");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no benchmark \"nothing\"") != std::string::npos);
  CHECK(r.err.find("choose one of: ") != std::string::npos);
}

TEST_CASE("cli: bench check --history times check on an existing history, and refuses a missing one",
          "[cli][bench][sqlite]") {
  migrator::test::TempDir dir;
  const auto r = migrator_cli("bench check --history tests/data/formats/golang-migrate --db sqlite:" +
                              (dir / "bench.db").string());
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("A real history: tests/data/formats/golang-migrate (4 migrations, 8 .sql files)") !=
        std::string::npos);
  CHECK(r.out.find("goal: the command within 1.0x squawk") != std::string::npos);
  const auto json = migrator_cli("bench check --history tests/data/formats/golang-migrate --format json --db sqlite:" +
                                 (dir / "bench.db").string());
  const auto history = nlohmann::json::parse(json.out)["cases"]["check"]["history"];
  CHECK(history["migrations"] == 4);
  CHECK(history["sql_files"] == 8);
  CHECK(history["command_seconds"].get<double>() > 0);

  const auto missing = migrator_cli("bench check --history no/such/dir --db sqlite::memory:");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("--history no/such/dir: no such directory") != std::string::npos);

  // A folder that is no plan is said before anything is measured.
  dir.write("notes/notes.sql", "SELECT 1;\n");
  const auto no_plan = migrator_cli("bench check --history " + (dir / "notes").string() + " --db sqlite::memory:");
  CHECK(no_plan.exit_code == 2);
  CHECK(no_plan.err.find("no migrations here, only 1 .sql file (notes.sql)") != std::string::npos);
  CHECK(no_plan.out.find("bench check:") == std::string::npos);
}

TEST_CASE("cli: bench dbmate applies and rolls back the dbmate-form plan every way it names",
          "[cli][bench][sqlite]") {
  migrator::test::TempDir dir;
  const auto r = migrator_cli("bench dbmate --scale 0.002 --format json --db sqlite:" + (dir / "bench.db").string());
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto run = nlohmann::json::parse(r.out)["cases"]["dbmate"];
  CHECK(run["migrations"] == 20);
  for (const auto* key : {"bare_apply_seconds", "migrator_apply_seconds", "migrator_load_seconds",
                          "command_apply_seconds", "bare_rollback_seconds", "migrator_rollback_seconds",
                          "command_rollback_seconds", "apply_ratio", "rollback_ratio", "peak_memory_mb"}) {
    INFO(key);
    CHECK(run.at(key).get<double>() > 0);
  }
  CHECK((run.at("dbmate_up_seconds").is_null() || run.at("dbmate_up_seconds").get<double>() > 0));
  CHECK(run.at("dbmate_up_seconds").is_null() == run.at("command_over_dbmate").is_null());
  // On SQLite the command runs again at dbmate's synchronous=normal, beside dbmate only.
  CHECK(run.at("dbmate_up_seconds").is_null() == run.at("command_normal_over_dbmate").is_null());
  CHECK((run.at("command_normal_apply_seconds").is_null() || run.at("command_normal_apply_seconds").get<double>() > 0));
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator{}) == 0);
}

TEST_CASE("cli: bench partitioning reads one partition with pruning, every one without", "[cli][bench][postgres]") {
  const auto r = migrator_cli("bench partitioning --scale 0.02 --format json --db " +
                              migrator::test::shell_quote(migrator::test::postgres_admin_url()));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto run = nlohmann::json::parse(r.out)["cases"]["partitioning"];
  CHECK(run["applies"] == true);
  REQUIRE(run["one_year_query"].size() == 3);
  const auto pruned = run["one_year_query"][0]["plan"].get<std::string>();
  const auto unpruned = run["one_year_query"][1]["plan"].get<std::string>();
  CHECK_THAT(pruned, Catch::Contains("receipts_2024") && !Catch::Contains("receipts_2023"));
  CHECK_THAT(unpruned, Catch::Contains("receipts_2023") && Catch::Contains("receipts_other_years"));
  CHECK_THAT(run["one_year_query"][2]["plan"].get<std::string>(), Catch::Contains("receipts_unpartitioned"));
  CHECK(run["move"].size() == 4);
  const auto sqlite = migrator_cli("bench partitioning --db sqlite::memory:");
  CHECK(sqlite.exit_code == 0);
  CHECK_THAT(sqlite.out, Catch::Contains("Partitioning applies to PostgreSQL only"));
}

TEST_CASE("cli: bench fleet times a shell loop and the fleet at each --parallel", "[cli][bench][sqlite]") {
  migrator::test::TempDir dir;
  const auto r = migrator_cli("bench fleet --scale 0.02 --format json --db sqlite:" + (dir / "bench.db").string());
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto run = nlohmann::json::parse(r.out)["cases"]["fleet"];
  CHECK(run["targets"] == 4);
  REQUIRE(run["runs"].size() == 5);
  CHECK(run["runs"][0]["run"] == "shell loop of single runs");
  CHECK(run["runs"][4]["run"] == "--parallel 8");
  for (const auto& each : run["runs"]) {
    CHECK(each["seconds"].get<double>() > 0);
    CHECK(each["peak_rss_mb"].get<double>() > 0);
  }
  CHECK(run["apply_in_process_ms"].get<double>() > 0);
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator{}) == 0);
}

namespace {

struct Expected {
  std::string storage_method;
  std::string scan_plan;   // in the plan without the index
  std::size_t migration_steps;
};

// The structure and the counts of `bench benchmarks --scale 0.01`, never its timings.
void check_benchmarks(const nlohmann::json& b, const Expected& expected) {
  CHECK(b["receipts"] == 1000);
  const auto items = b["receipt_items"].get<std::int64_t>();
  CHECK(items > 1000);

  REQUIRE(b["queries"].size() == 3);
  for (const auto& q : b["queries"]) {
    INFO(q.dump());
    CHECK(q["same_result"] == true);
    CHECK(q["rows"].get<int>() > 0);
    CHECK(q.contains("normalized_ms"));
    CHECK(q.contains("summary_ms"));
  }
  CHECK(b["queries"][0]["rows"] == 14);  // one row per vendor

  CHECK(b["inserts"]["rows"] == 200);
  REQUIRE(b["inserts"]["methods"].size() == 3);
  CHECK(b["inserts"]["methods"][0]["method"] == "single");
  CHECK(b["inserts"]["methods"][1]["method"] == "batched");
  CHECK(b["inserts"]["methods"][2]["method"] == "bulk");

  const auto& scan = b["index_scan"];
  CHECK(scan["rows_matched"].get<int>() >= 0);
  CHECK(scan["plan_without_index"].get<std::string>().find(expected.scan_plan) != std::string::npos);
  CHECK(scan["plan_with_index"].get<std::string>().find("bench_receipts_scan") != std::string::npos);

  CHECK(b["refresh"]["summary_rows"].get<int>() > 14);

  const auto& storage = b["storage"];
  CHECK(storage["method"] == expected.storage_method);
  REQUIRE(storage["tables"].size() == 8);
  CHECK(storage["tables"][5]["table"] == "receipt_items");
  CHECK(storage["tables"][5]["rows"] == items);
  CHECK(storage["tables"][6]["table"] == "receipt_items_wide");
  CHECK(storage["tables"][6]["rows"] == items);
  for (const auto& t : storage["tables"]) {
    INFO(t.dump());
    CHECK(t["table_bytes"].get<std::int64_t>() > 0);
  }
  std::int64_t normalized = 0;
  for (int i = 0; i < 6; ++i) {
    normalized += storage["tables"][i]["total_bytes"].get<std::int64_t>();
  }
  CHECK(storage["normalized_bytes"] == normalized);

  REQUIRE(b["migration_steps"].size() == expected.migration_steps);
  CHECK(b["migration_steps"][0]["step"] == "add the nullable column");
}

}  // namespace

TEST_CASE("cli: bench benchmarks reports every section on SQLite", "[cli][bench][sqlite]") {
  migrator::test::TempDir dir;
  const auto r = migrator_cli("bench benchmarks --scale 0.01 --format json --db sqlite:" +
                              (dir / "bench.db").string());
  REQUIRE(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  const auto& b = doc["cases"]["benchmarks"];
  // SQLite: add, backfill, triggers, set_not_null, drop the triggers.
  check_benchmarks(b, {"dbstat", "SCAN bench_receipts_scan", 5});
  CHECK(b["index_scan"]["plan_with_index"].get<std::string>().find(
            "USING INDEX bench_receipts_scan_vendor_date") != std::string::npos);
  // The scratch database is gone afterwards.
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator{}) == 0);
}

TEST_CASE("cli: bench benchmarks reports every section on PostgreSQL", "[cli][bench][postgres]") {
  migrator::test::PostgresDatabase database;
  const auto r = migrator_cli("bench benchmarks --scale 0.01 --format json --db " +
                              migrator::test::shell_quote(database.url()));
  REQUIRE(r.exit_code == 0);
  // PostgreSQL: add, backfill, NOT VALID, VALIDATE, SET NOT NULL, drop the check.
  check_benchmarks(nlohmann::json::parse(r.out)["cases"]["benchmarks"],
                   {"pg_table_size + indexes = pg_total_relation_size", "Seq Scan on bench_receipts_scan", 6});
}

namespace {

// The phases of bench concurrency, in order, and which of them is expected to fail.
void check_concurrency(const nlohmann::json& c, const std::vector<std::string>& phases) {
  CHECK(c["writers"] == 2);
  CHECK(c["readers"] == 2);
  CHECK(c["receipts"] == 1000);  // the traffic's receipts are gone afterwards
  REQUIRE(c["phases"].size() == phases.size());
  for (std::size_t i = 0; i < phases.size(); ++i) {
    const auto& p = c["phases"][i];
    INFO(phases[i]);
    CHECK(p["phase"] == phases[i]);
    // The one-liner fails at once on both databases; every other migration runs.
    CHECK(p["migration_error"].is_null() == (phases[i] != "unsafe_one_liner"));
    CHECK(p["failed_operations"] == 0);
    CHECK(p["longest_write_ms"].get<double>() >= 0);
    CHECK(p["migration_seconds"].get<double>() >= 0);
  }
  // Traffic flowed: a second of it alone saw both kinds of operation.
  CHECK(c["phases"][0]["writes_per_second"].get<double>() > 0);
  CHECK(c["phases"][0]["reads_per_second"].get<double>() > 0);
}

}  // namespace

TEST_CASE("cli: bench concurrency runs each migration under inserts and reports on SQLite", "[cli][bench][sqlite]") {
  migrator::test::TempDir dir;
  const auto r = migrator_cli("bench concurrency --scale 0.01 --format json --db sqlite:" + (dir / "b.db").string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  check_concurrency(nlohmann::json::parse(r.out)["cases"]["concurrency"],
                    {"quiet", "unsafe_one_liner", "one_transaction", "safe_plan", "create_index"});
  const auto text = migrator_cli("bench concurrency --scale 0.01 --db sqlite:" + (dir / "b.db").string());
  CHECK(text.out.find("The longest any insert waited, by migration:") != std::string::npos);
  CHECK(text.out.find("SQLite has one writer at a time") != std::string::npos);
  // The failed one-liner is marked as such in the table and the bars, and says why below them.
  CHECK(text.out.find("the one-liner: ADD COLUMN tax_amount ... NOT NULL (failed)") != std::string::npos);
  CHECK(text.out.find("NOT NULL failed after ") != std::string::npos);
}

TEST_CASE("cli: bench concurrency runs each migration under inserts and reports on PostgreSQL",
          "[cli][bench][postgres]") {
  migrator::test::PostgresDatabase database;
  const auto r = migrator_cli("bench concurrency --scale 0.01 --format json --db " +
                              migrator::test::shell_quote(database.url()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  check_concurrency(nlohmann::json::parse(r.out)["cases"]["concurrency"],
                    {"quiet", "unsafe_one_liner", "one_transaction", "type_change", "safe_plan", "create_index",
                     "create_index_concurrently"});
}

TEST_CASE("cli: bench --html draws the benchmarks, lists what it does not draw, refuses a bad path first",
          "[cli][bench][sqlite]") {
  migrator::test::TempDir dir;
  const auto db = " --db sqlite:" + (dir / "b.db").string();
  const auto r = migrator_cli("bench benchmarks --scale 0.01 --html " + (dir / "b.html").string() + db);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Page with 5 charts written to ") != std::string::npos);
  const auto charts = migrator::test::rendered_charts(dir / "b.html");
  CHECK(charts.size() == 5);

  const auto runner = migrator_cli("bench runner --html " + (dir / "r.html").string() + db);
  REQUIRE(runner.exit_code == 0);
  CHECK(runner.out.find("Page with 0 charts") != std::string::npos);
  std::ifstream page(dir / "r.html");
  const std::string html((std::istreambuf_iterator<char>(page)), std::istreambuf_iterator<char>());
  CHECK(html.find("<h2>runner</h2>") != std::string::npos);

  const auto bad = migrator_cli("bench benchmarks --html " + (dir / "none/b.html").string() + db);
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--html: the directory") != std::string::npos);
  CHECK(bad.out.empty());
}
