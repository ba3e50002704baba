// What dbmate, golang-migrate, Flyway and diesel recorded before migrator came: their
// tables made as each tool makes them (the DDL of their own drivers), filled as each fills
// them, then read, refused by apply and adopted by baseline; on SQLite and PostgreSQL.
#include "runner/foreign_history.hpp"

#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "db/connection.hpp"
#include "db/url.hpp"
#include "plan/loader.hpp"
#include "runner/runner.hpp"
#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

namespace mt = migrator::test;
namespace plan = migrator::plan;
namespace runner = migrator::runner;
namespace core = migrator::core;
namespace db = migrator::db;

namespace {

std::string versions_text(const std::vector<core::Version>& versions) {
  std::string out;
  for (const auto v : versions) {
    out += (out.empty() ? "" : " ") + core::version_text(v);
  }
  return out;
}

// Three migrations in each form; plan.yaml lets the SQL run on SQLite too.
void write_plans(const mt::TempDir& dir) {
  for (const std::string form : {"dbmate", "golang", "flyway", "diesel"}) {
    dir.write(form + "/plan.yaml", "dialects: [postgres, sqlite]\n");
  }
  const std::vector<std::pair<std::string, std::string>> ms{
      {"20240101120000", "users"}, {"20240102120000", "orders"}, {"20240103120000", "items"}};
  int n = 0;
  for (const auto& [stamp, name] : ms) {
    ++n;
    const auto up = "CREATE TABLE " + name + " (id integer PRIMARY KEY);\n";
    const auto down = "DROP TABLE " + name + ";\n";
    dir.write("dbmate/" + stamp + "_" + name + ".sql", "-- migrate:up\n" + up + "-- migrate:down\n" + down);
    dir.write("golang/00000" + std::to_string(n) + "_" + name + ".up.sql", up);
    dir.write("golang/00000" + std::to_string(n) + "_" + name + ".down.sql", down);
    dir.write("flyway/V1_" + std::to_string(n) + "__" + name + ".sql", up);
    dir.write("diesel/" + stamp.substr(0, 4) + "-" + stamp.substr(4, 2) + "-" + stamp.substr(6, 2) + "-" +
                  stamp.substr(8) + "_" + name + "/up.sql",
              up);
    dir.write("diesel/" + stamp.substr(0, 4) + "-" + stamp.substr(4, 2) + "-" + stamp.substr(6, 2) + "-" +
                  stamp.substr(8) + "_" + name + "/down.sql",
              down);
  }
}

void foreign_history_conformance(const std::string& url) {
  mt::TempDir dir;
  write_plans(dir);
  auto conn = db::open(db::parse_url(url));
  const auto dialect = conn->dialect();
  const auto load = [&](const std::string& form) { return plan::load(dir / form, {dialect}); };
  const std::string truth = dialect == core::Dialect::sqlite ? "1" : "true";
  const std::string lie = dialect == core::Dialect::sqlite ? "0" : "false";

  SECTION("no table, or an empty one: nothing to say, and apply runs") {
    CHECK_FALSE(runner::read_foreign_history(*conn, load("dbmate")));
    conn->exec("CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY)");
    CHECK_FALSE(runner::read_foreign_history(*conn, load("dbmate")));
    runner::Observer silent;
    CHECK(runner::Runner(*conn, silent).apply(load("dbmate"), {}).migrations.size() == 3);
  }

  SECTION("dbmate: a row per version, gaps and versions the plan lacks told apart") {
    conn->exec("CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);"
               "INSERT INTO schema_migrations VALUES ('20240101120000'), ('20240103120000'), ('20231231000000')");
    const auto h = runner::read_foreign_history(*conn, load("dbmate"));
    REQUIRE(h);
    CHECK(h->tool == "dbmate");
    CHECK(h->table == "schema_migrations");
    CHECK(versions_text(h->applied) == "20240101120000 20240103120000");
    CHECK(h->unknown == std::vector<std::string>{"20231231000000"});
    CHECK(h->unfinished.empty());
  }

  SECTION("golang-migrate: one row, every version up to it; dirty is a migration stopped half way") {
    conn->exec("CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);"
               "INSERT INTO schema_migrations VALUES (2, " + lie + ")");
    auto h = runner::read_foreign_history(*conn, load("golang"));
    REQUIRE(h);
    CHECK(versions_text(h->applied) == "1 2");
    conn->exec("UPDATE schema_migrations SET dirty = " + truth);
    h = runner::read_foreign_history(*conn, load("golang"));
    CHECK(h->unfinished == "golang-migrate marks version 2 dirty: it stopped half way");
    runner::Observer silent;
    runner::BaselineOptions options;
    CHECK_THROWS_WITH(runner::Runner(*conn, silent).baseline(load("golang"), options),
                      Catch::StartsWith("golang-migrate marks version 2 dirty: it stopped half way (schema_migrations)"));
    // A table of that name in dbmate's shape is not golang-migrate's: said, with the way out.
    conn->exec("DROP TABLE schema_migrations; CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY)");
    CHECK_THROWS_WITH(runner::read_foreign_history(*conn, load("golang")),
                      Catch::StartsWith("schema_migrations is not golang-migrate's history table as migrator knows it"));
    // Not the tool's table, so apply goes on: the failed read left no aborted transaction behind.
    runner::Observer quiet;
    CHECK(runner::Runner(*conn, quiet).apply(load("golang"), {}).migrations.size() == 3);
  }

  SECTION("Flyway: rows in installed order; a baseline counts every version up to it, an undo takes one back") {
    conn->exec("CREATE TABLE flyway_schema_history (installed_rank integer PRIMARY KEY, version varchar(50), "
               "description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, "
               "checksum integer, installed_by varchar(100) NOT NULL, execution_time integer NOT NULL, "
               "success boolean NOT NULL);"
               "INSERT INTO flyway_schema_history VALUES "
               "(1, '1.1', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'a', 0, " + truth + "),"
               "(2, '1.3', 'items', 'SQL', 'V1_3__items.sql', 7, 'a', 1, " + truth + "),"
               "(3, NULL, 'views', 'SQL', 'R__views.sql', 8, 'a', 1, " + truth + ")");
    auto h = runner::read_foreign_history(*conn, load("flyway"));
    REQUIRE(h);
    CHECK(versions_text(h->applied) == "1.1 1.3");
    CHECK(h->unknown.empty());
    conn->exec("INSERT INTO flyway_schema_history VALUES (4, '1.3', 'items', 'UNDO_SQL', 'U1_3__items.sql', 9, 'a', 1, " +
               truth + ")");
    CHECK(versions_text(runner::read_foreign_history(*conn, load("flyway"))->applied) == "1.1");
    conn->exec("INSERT INTO flyway_schema_history VALUES (5, '1.2', 'orders', 'SQL', 'V1_2__orders.sql', 9, 'a', 1, " +
               lie + ")");
    CHECK(runner::read_foreign_history(*conn, load("flyway"))->unfinished == "Flyway recorded version 1.2 as failed");
  }

  SECTION("PostgreSQL: a table in a schema of its own (spring.flyway.schemas), named schema.table") {
    if (dialect != core::Dialect::postgres) {
      return;
    }
    conn->exec("CREATE SCHEMA app; CREATE TABLE app.flyway_schema_history (installed_rank integer PRIMARY KEY, "
               "version varchar(50), type varchar(20) NOT NULL, success boolean NOT NULL);"
               "INSERT INTO app.flyway_schema_history VALUES (1, '1.1', 'SQL', true), (2, '1.2', 'SQL', true)");
    const auto flyway = load("flyway");
    CHECK_FALSE(runner::read_foreign_history(*conn, flyway));  // not on the search path: not found
    const auto h = runner::read_foreign_history(*conn, flyway, "app.flyway_schema_history");
    REQUIRE(h);
    CHECK(versions_text(h->applied) == "1.1 1.2");
    runner::Observer silent;
    runner::BaselineOptions options;
    options.history_table = "app.flyway_schema_history";
    CHECK(runner::Runner(*conn, silent).baseline(flyway, options).migrations.size() == 2);
  }

  SECTION("diesel: the stamp's digits, and baseline records exactly them; apply then goes on") {
    conn->exec("CREATE TABLE __diesel_schema_migrations (version varchar(50) PRIMARY KEY NOT NULL, "
               "run_on timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP);"
               "INSERT INTO __diesel_schema_migrations (version) VALUES ('20240101120000'), ('20240103120000');"
               "CREATE TABLE users (id integer PRIMARY KEY); CREATE TABLE items (id integer PRIMARY KEY)");
    const auto diesel = load("diesel");
    runner::Observer silent;
    runner::Runner run(*conn, silent);
    // apply would run 20240101120000 again: refused before anything runs, with the way in.
    try {
      run.apply(diesel, {});
      FAIL("apply ran");
    } catch (const core::UsageError& e) {
      CHECK(std::string(e.what()) ==
            "plan \"diesel\" has never run here, but diesel's __diesel_schema_migrations records 2 of its versions "
            "(up to 20240103120000): apply would run them again; nothing was run");
      CHECK(e.hint() == "adopt the database: `migrator baseline " + (dir / "diesel").string() +
                            "` records what diesel recorded, running nothing; then `migrator apply` goes on from there");
    }
    const auto report = run.baseline(diesel, {});
    CHECK(report.tool == "diesel");
    CHECK(report.migrations.size() == 2);
    CHECK(versions_text(report.left_pending) == "20240102120000");  // diesel never ran it
    runner::ApplyOptions out_of_order;
    out_of_order.allow_out_of_order = true;
    CHECK(run.apply(diesel, out_of_order).migrations.size() == 1);
  }
}

}  // namespace

TEST_CASE("foreign history: other tools' tables read, refused and adopted on SQLite", "[runner]") {
  mt::TempDir dir;
  foreign_history_conformance("sqlite:" + (dir / "app.db").string());
}

TEST_CASE("foreign history: other tools' tables read, refused and adopted on PostgreSQL", "[runner][postgres]") {
  mt::PostgresDatabase database;
  foreign_history_conformance(database.url());
}
