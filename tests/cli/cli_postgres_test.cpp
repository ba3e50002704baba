#include <catch2/catch.hpp>

#include "cli/cli_conformance.hpp"
#include "db/connection.hpp"
#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/db.hpp"
#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

using migrator::test::migrator_cli;
using migrator::test::shell_quote;

TEST_CASE("cli: conformance on PostgreSQL", "[cli][postgres]") {
  migrator::test::PostgresDatabase database;
  migrator::test::cli_conformance(database.url());
}

TEST_CASE("cli: a history made before 64-bit versions is widened by the next apply", "[cli][postgres]") {
  migrator::test::PostgresDatabase database;
  const auto db_option = " --db " + shell_quote(database.url());
  migrator::test::TempDir dir;
  dir.write("p/001_first.yaml", "steps:\n  - name: s\n    sql: CREATE TABLE a (id int)\n    rollback: DROP TABLE a\n");
  REQUIRE(migrator_cli("apply p" + db_option, dir.path()).exit_code == 0);
  auto db = migrator::test::connect(database.url());
  db->exec("ALTER TABLE migrator_history ALTER COLUMN version TYPE integer");  // as older releases made it
  dir.write("p/20240101120000_stamped.yaml",
            "steps:\n  - name: s\n    sql: CREATE TABLE b (id int)\n    rollback: DROP TABLE b\n");
  const auto apply = migrator_cli("apply p" + db_option, dir.path());
  INFO(apply.err);
  CHECK(apply.exit_code == 0);
  CHECK(migrator::test::scalar(*db, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                                    "'migrator_history'::regclass AND attname = 'version'") == "bigint");
  CHECK(migrator::test::scalar(*db, "SELECT max(version) FROM migrator_history") == "20240101120000");
}

TEST_CASE("cli: a PostgreSQL password appears nowhere", "[cli][postgres]") {
  migrator::test::PostgresDatabase database;
  const auto& url = database.url();
  const auto at = url.find('@');
  const auto colon = url.rfind(':', at);
  const auto password = url.substr(colon + 1, at - colon - 1);
  REQUIRE(password.size() >= 4);
  const auto scenario = " " + std::string(MIGRATOR_SOURCE_DIR) + "/scenarios/vendor_normalization";
  for (const auto& args : {"apply" + scenario, "status" + scenario, "verify" + scenario,
                           "rollback --to 1" + scenario, "apply --dry-run" + scenario,
                           "status --format json" + scenario}) {
    const auto r = migrator_cli(args + " --db " + shell_quote(url));
    CHECK(r.exit_code == 0);
    CHECK(r.out.find(password) == std::string::npos);
    CHECK(r.err.find(password) == std::string::npos);
  }
  // A refused login, and an unreachable server: exit 3, still no password.
  const auto wrong = url.substr(0, colon + 1) + "wrong" + password + url.substr(at);
  const auto refused = migrator_cli("status --db " + shell_quote(wrong));
  CHECK(refused.exit_code == 3);
  CHECK(refused.err.find(password) == std::string::npos);
  const auto unreachable = migrator_cli("status --db 'postgresql://u:" + password + "@127.0.0.1:1/x'");
  CHECK(unreachable.exit_code == 3);
  CHECK(unreachable.err.find(password) == std::string::npos);
  // Nor in the database.
  auto db = migrator::db::open(migrator::db::parse_url(url));
  const auto dump = db->query("SELECT string_agg(migrator_history::text, '') FROM migrator_history");
  CHECK(dump.rows.at(0).at(0).value_or("").find(password) == std::string::npos);
}

TEST_CASE("cli: a server's NOTICE shows under its step, and --quiet hides it but not a WARNING", "[cli][postgres]") {
  migrator::test::PostgresDatabase database;
  const auto db_option = " --db " + shell_quote(database.url());
  migrator::test::TempDir dir;
  dir.write("p/001_noisy.yaml",
            "steps:\n  - name: s\n    sql: |\n      DROP TABLE IF EXISTS nothing_here;\n"
            "      DO $$ BEGIN RAISE WARNING 'look at this'; END $$;\n    rollback: SELECT 1\n");
  const auto loud = migrator_cli("apply p" + db_option, dir.path());
  INFO(loud.out << loud.err);
  CHECK(loud.exit_code == 0);
  CHECK_THAT(loud.out, Catch::Contains("NOTICE: table \"nothing_here\" does not exist, skipping") &&
                           Catch::Contains("WARNING: look at this"));
  REQUIRE(migrator_cli("rollback p --to 0" + db_option, dir.path()).exit_code == 0);
  const auto quiet = migrator_cli("apply p -q" + db_option, dir.path());
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.out.find("NOTICE") == std::string::npos);
  CHECK_THAT(quiet.out, Catch::Contains("WARNING: look at this"));
}
