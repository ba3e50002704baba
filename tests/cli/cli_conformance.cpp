#include "cli/cli_conformance.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include "db/connection.hpp"
#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/plan_files.hpp"
#include "support/temp_dir.hpp"

namespace migrator::test {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A migration that takes about `seconds` on either database.
std::string slow_sql(int seconds) {
  return "sql:\n"
         "      postgres: SELECT pg_sleep(" + std::to_string(seconds) + ");\n"
         "      sqlite: WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " +
         std::to_string(seconds * 4'000'000) + ") SELECT count(*) FROM c;\n";
}

}  // namespace

void cli_conformance(const std::string& url) {
  TempDir dir;
  const auto db_arg = " --db " + shell_quote(url);
  const auto scenario = " " + shell_quote(scenario_dir("vendor_normalization").string());

  SECTION("apply tells the story and exits 0; status and verify agree") {
    const auto r = migrator_cli("apply" + scenario + db_arg);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "002  vendors dimension"));
    CHECK(contains(r.out, "✓ consolidate the spellings"));
    CHECK(contains(r.out, "✓ two unique vendors"));
    CHECK(contains(r.out, "receipts per vendor"));
    CHECK(contains(r.out, "(home depot, 3); (lowes, 1)"));
    CHECK(contains(r.out, "Applied 5 migrations in "));
    CHECK(contains(r.out, "checks passed"));
    CHECK(contains(r.out, "\"vendor_normalization\" is at version 5"));
    CHECK(r.err.empty());

    const auto status = migrator_cli("status" + scenario + db_arg);
    CHECK(status.exit_code == 0);
    CHECK(contains(status.out, "VERSION  NAME"));
    CHECK(contains(status.out, "5 applied, 0 pending"));

    const auto verify = migrator_cli("verify" + scenario + db_arg);
    CHECK(verify.exit_code == 0);
    CHECK(contains(verify.out, "ok     consolidate the spellings / two unique vendors: 2"));

    const auto json = migrator_cli("status" + scenario + db_arg + " --format json");
    CHECK(json.exit_code == 0);
    const auto document = nlohmann::json::parse(json.out);
    CHECK(document["format_version"] == 1);
    CHECK(document["summary"]["applied"] == 5);
    const auto rows = document["versions"];
    REQUIRE(rows.size() == 5);
    CHECK(rows[4]["state"] == "applied");
    CHECK(rows[4]["version"] == 5);
  }

  SECTION("rollback --to 2 works in an empty directory, from the database alone") {
    REQUIRE(migrator_cli("apply" + scenario + db_arg).exit_code == 0);
    const auto r = migrator_cli("rollback --to 2" + db_arg, dir.path());
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "Rolled back 3 migrations"));
    CHECK(contains(r.out, "is at version 2"));
    const auto status = migrator_cli("status" + db_arg, dir.path());
    CHECK(status.exit_code == 0);
    CHECK(contains(status.out, "2 applied, 0 pending"));
  }

  SECTION("an invalid plan exits 2 naming file and line, and touches nothing") {
    const auto r = migrator_cli("apply " + shell_quote(std::string(MIGRATOR_SOURCE_DIR) +
                                                       "/tests/data/plans/bad_unknown_key") + db_arg);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "bad_unknown_key/001_create.yaml:5: steps[0].rolback: error: unknown key \"rolback\""));
    CHECK(contains(r.err, "hint: did you mean \"rollback\"?"));
    CHECK(contains(r.err, "nothing was changed"));
    auto db = db::open(db::parse_url(url));
    CHECK(db->schema_fingerprint().empty());
  }

  SECTION("a failing check exits 1, says where, and leaves the last good version") {
    dir.write("p/001_items.yaml",
              one_step_migration("CREATE TABLE items (id INTEGER);", "DROP TABLE items;"));
    dir.write("p/002_bad_check.yaml",
              one_step_migration("INSERT INTO items VALUES (1);", "DELETE FROM items;",
                                 "verify:\n  - name: empty\n    sql: SELECT id FROM items"));
    const auto r = migrator_cli("apply " + shell_quote((dir / "p").string()) + db_arg);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "002_bad_check.yaml:8: steps[0].verify[0]: check \"empty\" failed: "
                          "expected no rows, got 1 row, first 1"));
    CHECK(contains(r.err, "hint: migration 2 was rolled back; the database is at version 1"));
    const auto status = migrator_cli("status " + shell_quote((dir / "p").string()) + db_arg);
    CHECK(contains(status.out, "1 applied, 1 pending"));
  }

  SECTION("--format json names the failing step, check and the database's code apart from the message") {
    dir.write("j/001_items.yaml", one_step_migration("CREATE TABLE items (id INTEGER PRIMARY KEY);\n"
                                                     "INSERT INTO items VALUES (1);",
                                                     "DROP TABLE items;"));
    dir.write("j/002_duplicate.yaml", one_step_migration("INSERT INTO items VALUES (1);", "DELETE FROM items;"));
    const auto plan = " " + shell_quote((dir / "j").string());
    const bool postgres = url.rfind("postgres", 0) == 0;
    const auto refused = migrator_cli("apply" + plan + db_arg + " --format json");
    CHECK(refused.exit_code == 1);
    const auto at = nlohmann::json::parse(refused.out).at("error").at("failed_at");
    CHECK(at.at("version") == 2);
    CHECK(at.at("key") == "steps[0]");
    CHECK(at.at("step") == "the step");
    CHECK(at.at("check").is_null());
    CHECK(at.at("code") == (postgres ? "23505" : "SQLITE 1555"));
    CHECK(contains(at.at("database_message").get<std::string>(), postgres ? "duplicate key" : "UNIQUE"));

    dir.write("j/002_duplicate.yaml", one_step_migration("INSERT INTO items VALUES (2);", "DELETE FROM items WHERE id = 2;",
                                                         "verify:\n  - name: one item\n    sql: SELECT count(*) FROM items\n    expect: 1"));
    const auto unmet = nlohmann::json::parse(migrator_cli("apply" + plan + db_arg + " --format json").out);
    CHECK(unmet.at("error").at("failed_at") ==
          nlohmann::json{{"version", 2}, {"key", "steps[0].verify[0]"}, {"step", "the step"}, {"check", "one item"},
                         {"code", nullptr}, {"database_message", nullptr}});
  }

  SECTION("timestamp versions: apply, status, --to and rollback --to take 14 digits") {
    const auto step = [](const std::string& table) {
      return one_step_migration("CREATE TABLE " + table + " (id INTEGER);", "DROP TABLE " + table + ";");
    };
    dir.write("t/20240101120000_users.yaml", step("users"));
    dir.write("t/20240215093000_orders.yaml", step("orders"));
    dir.write("t/20250301000000_items.yaml", step("items"));
    const auto plan = " " + shell_quote((dir / "t").string());
    const auto first = migrator_cli("apply" + plan + " --to 20240215093000" + db_arg);
    INFO(first.out << first.err);
    CHECK(first.exit_code == 0);
    CHECK(contains(first.out, "20240101120000  users"));
    const auto status = nlohmann::json::parse(migrator_cli("status" + plan + db_arg + " --format json").out);
    CHECK(status.at("versions").at(1).at("version") == 20240215093000);
    CHECK(status.at("versions").at(2).at("state") == "pending");
    CHECK(migrator_cli("apply" + plan + db_arg).exit_code == 0);
    // --to 1 keeps nothing of a plan numbered by time: refused, only --to 0 undoes it all.
    const auto below = migrator_cli("rollback" + plan + " --to 1" + db_arg);
    CHECK(below.exit_code == 2);
    CHECK(contains(below.err, "--to 1 is below every applied version of \"t\" (the oldest is 20240101120000): it "
                              "would roll back everything; nothing was rolled back"));
    const auto back = migrator_cli("rollback" + plan + " --to 20240101120000" + db_arg);
    INFO(back.out << back.err);
    CHECK(back.exit_code == 0);
    CHECK(contains(back.out, "\"t\" is at version 20240101120000"));
    CHECK(migrator_cli("verify" + plan + db_arg).exit_code == 0);
  }

  SECTION("usage errors exit 2 with a next step") {
    const auto unknown = migrator_cli("bogus");
    CHECK(unknown.exit_code == 2);
    CHECK(contains(unknown.err, "migrator --help"));
    const auto no_to = migrator_cli("rollback" + db_arg);
    CHECK(no_to.exit_code == 2);
    CHECK(contains(no_to.err, "--to is required"));
    const auto bad_url = migrator_cli("status --db mysql://x");
    CHECK(bad_url.exit_code == 2);
  }

  SECTION("two runs at once: one applies, the other waits and finds nothing to do") {
    dir.write("p/001_slow.yaml", "steps:\n  - name: slow\n    " + slow_sql(2) +
                                     "    rollback: SELECT 1;\n");
    const auto plan_arg = " " + shell_quote((dir / "p").string());
    const auto a = dir / "a.out";
    const auto b = dir / "b.out";
    const auto started = run_command(
        "(" + migrator_command("apply" + plan_arg + db_arg) + " >" + a.string() + " 2>&1; echo \"exit $?\" >>" +
        a.string() + ") & sleep 0.5; " + migrator_command("apply" + plan_arg + db_arg) + " >" +
        b.string() + " 2>&1; echo \"exit $?\" >>" + b.string() + "; wait");
    CHECK(started.exit_code == 0);
    const auto first = migrator::test::read_text(a);
    const auto second = migrator::test::read_text(b);
    CHECK(contains(first, "Applied 1 migration"));
    CHECK(contains(first, "exit 0"));
    CHECK(contains(second, "waiting for the migration lock, held by"));
    CHECK(contains(second, "Nothing to apply"));
    CHECK(contains(second, "exit 0"));
  }

  SECTION("a run that cannot get the lock in time exits 3 and names the holder") {
    dir.write("p/001_slow.yaml", "steps:\n  - name: slow\n    " + slow_sql(2) +
                                     "    rollback: SELECT 1;\n");
    const auto plan_arg = " " + shell_quote((dir / "p").string());
    const auto b = dir / "b.out";
    run_command("(" + migrator_command("apply" + plan_arg + db_arg) + " >/dev/null 2>&1) & sleep 0.5; " +
                migrator_command("apply" + plan_arg + db_arg + " --lock-timeout 200ms") + " >" +
                b.string() + " 2>&1; echo \"exit $?\" >>" + b.string() + "; wait");
    const auto second = migrator::test::read_text(b);
    CHECK(contains(second, "exit 3"));
    CHECK(contains(second, "held by"));
  }

  SECTION("a run killed mid-migration leaves a database the next run completes") {
    dir.write("p/001_items.yaml",
              one_step_migration("CREATE TABLE items (id INTEGER);\nINSERT INTO items VALUES (1), (2);",
                                 "DROP TABLE items;"));
    dir.write("p/002_long.yaml",
              "steps:\n"
              "  - name: add a row\n"
              "    sql: INSERT INTO items VALUES (3);\n"
              "    rollback: DELETE FROM items WHERE id = 3;\n"
              "  - name: long work\n    " + slow_sql(3) +
              "    rollback: SELECT 1;\n"
              "preserve:\n  - name: ids below 3 untouched\n    sql: SELECT count(*) FROM items WHERE id < 3\n");
    dir.write("p/003_nontx.yaml",
              "transaction: false\n"
              "steps:\n"
              "  - name: make a table\n"
              "    sql: CREATE TABLE extra (id INTEGER);\n"
              "    rollback: DROP TABLE extra;\n"
              "  - name: long work\n    " + slow_sql(3) +
              "    rollback: SELECT 1;\n");
    const auto plan_arg = " " + shell_quote((dir / "p").string());
    // Killed inside migration 2 (one transaction): nothing of it stays.
    auto killed = run_command(migrator_command("apply" + plan_arg + db_arg + " --to 2") +
                              " >/dev/null 2>&1 & pid=$!; sleep 1; kill -9 $pid; wait $pid; echo $?");
    CHECK(contains(killed.output, "137"));
    auto status = migrator_cli("status" + plan_arg + db_arg);
    CHECK(contains(status.out, "1 applied, 2 pending"));
    REQUIRE(migrator_cli("apply" + plan_arg + db_arg + " --to 2").exit_code == 0);
    // Killed inside migration 3 (transaction: false) after its first step: undone, then redone.
    killed = run_command(migrator_command("apply" + plan_arg + db_arg) +
                         " >/dev/null 2>&1 & pid=$!; sleep 1; kill -9 $pid; wait $pid; echo $?");
    CHECK(contains(killed.output, "137"));
    // On PostgreSQL the killed client's backend runs its statement to the end and holds the
    // migration lock until then: "in progress" for those seconds, as the next apply would
    // wait. Once the lock is free, the row is what a dead run left.
    for (int i = 0; i < 100; ++i) {
      status = migrator_cli("status" + plan_arg + db_arg);
      if (!contains(status.out, "in progress")) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(contains(status.out, "incomplete"));
    CHECK(contains(status.out, "1 need attention (run `migrator apply` to finish undoing the "
                               "interrupted run)"));
    const auto resumed = migrator_cli("apply" + plan_arg + db_arg);
    CHECK(resumed.exit_code == 0);
    CHECK(contains(resumed.out, "was interrupted while applying at step 2 of 2"));
    CHECK(contains(resumed.out, "Applied 1 migration"));
    status = migrator_cli("status" + plan_arg + db_arg);
    CHECK(contains(status.out, "3 applied, 0 pending"));
    auto db = db::open(db::parse_url(url));
    CHECK(db->query("SELECT count(*) FROM items").rows.at(0).at(0) == "3");
  }
}

}  // namespace migrator::test
