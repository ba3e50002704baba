// Other tools' plans through every command, as a team would point migrator at its history:
// on PostgreSQL the fixtures of tests/data/formats (PL/pgSQL bodies, DO blocks, CREATE INDEX
// CONCURRENTLY), on SQLite the same portable plan written in each form. Also baseline and
// out-of-order runs, with their exit codes and whole messages.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <regex>

#include "db/connection.hpp"
#include "db/url.hpp"
#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/db.hpp"
#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

using migrator::test::migrator_cli;
using migrator::test::shell_quote;
using migrator::test::TempDir;
namespace db = migrator::db;

namespace {

const std::filesystem::path k_formats = std::filesystem::path(MIGRATOR_SOURCE_DIR) / "tests/data/formats";

struct Portable {
  std::string version;
  std::string name;
  std::string up;
  std::string down;
};

// Two migrations SQLite and PostgreSQL both run, several statements in a file.
const std::vector<Portable> k_portable{
    {"20240101120000", "create_accounts",
     "CREATE TABLE accounts (id integer PRIMARY KEY, email text NOT NULL);\n"
     "CREATE TABLE audit_log (id integer PRIMARY KEY, account_id integer NOT NULL, action text NOT NULL);\n",
     "DROP TABLE audit_log;\nDROP TABLE accounts;\n"},
    {"20240102090000", "account_actions",
     "CREATE VIEW account_actions AS\n  SELECT a.email, l.action FROM accounts a JOIN audit_log l ON l.account_id = a.id;\n",
     "DROP VIEW account_actions;\n"},
};

// Writes k_portable into `dir/name` in `form`, with a plan.yaml that lets it run on SQLite.
std::filesystem::path write_portable(const TempDir& dir, const std::string& form) {
  const auto root = std::string(form) + "/";
  dir.write(root + "plan.yaml", "dialects: [postgres, sqlite]\n");
  for (const auto& m : k_portable) {
    if (form == "dbmate") {
      dir.write(root + m.version + "_" + m.name + ".sql", "-- migrate:up\n" + m.up + "\n-- migrate:down\n" + m.down);
    } else if (form == "golang-migrate") {
      dir.write(root + m.version + "_" + m.name + ".up.sql", m.up);
      dir.write(root + m.version + "_" + m.name + ".down.sql", m.down);
    } else if (form == "flyway") {
      dir.write(root + "V" + m.version + "__" + m.name + ".sql", m.up);
      dir.write(root + "U" + m.version + "__" + m.name + ".sql", m.down);
    } else {
      const auto& v = m.version;
      const auto folder = root + v.substr(0, 4) + "-" + v.substr(4, 2) + "-" + v.substr(6, 2) + "-" + v.substr(8) +
                          "_" + m.name + "/";
      dir.write(folder + "up.sql", m.up);
      dir.write(folder + "down.sql", m.down);
    }
  }
  return dir / form;
}

}  // namespace

TEST_CASE("sql formats cli: every form through check, apply, rollback, apply, verify, rehearse on SQLite", "[cli]") {
  for (const std::string form : {"dbmate", "golang-migrate", "flyway", "diesel"}) {
    INFO(form);
    TempDir dir;
    const auto plan = shell_quote(write_portable(dir, form).string());
    const auto url = "sqlite:" + (dir / "app.db").string();
    const auto check = migrator_cli("check " + plan);
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK_THAT(check.out, Catch::Contains("0 errors, 0 warnings in"));
    const auto apply = migrator_cli("apply " + plan + " --db " + url);
    INFO(apply.out << apply.err);
    REQUIRE(apply.exit_code == 0);
    CHECK_THAT(apply.out, Catch::Contains("Applied 2 migrations") && Catch::Contains("is at version 20240102090000"));
    const auto schema = migrator::test::schema_fingerprint(url);
    const auto status = migrator_cli("status " + plan + " --db " + url + " --format json");
    CHECK(nlohmann::json::parse(status.out).at("summary").at("applied") == 2);
    const auto rollback = migrator_cli("rollback " + plan + " --to 0 --db " + url);
    INFO(rollback.out << rollback.err);
    CHECK(rollback.exit_code == 0);
    // The file that undoes it is the one shown: the down file where it is a file of its own.
    const std::map<std::string, std::string> down_shown{
        {"dbmate", "↶ 20240101120000_create_accounts.sql"},
        {"golang-migrate", "↶ 20240101120000_create_accounts.down.sql"},
        {"flyway", "↶ U20240101120000__create_accounts.sql"},
        {"diesel", "↶ 2024-01-01-120000_create_accounts/down.sql"}};
    CHECK_THAT(rollback.out, Catch::Contains(down_shown.at(form)));
    const auto emptied = migrator::test::schema_fingerprint(url);
    CHECK(std::none_of(emptied.begin(), emptied.end(),
                       [](const std::string& line) { return line.find("accounts") != std::string::npos; }));
    CHECK(migrator_cli("apply " + plan + " --db " + url).exit_code == 0);
    CHECK(migrator::test::schema_fingerprint(url) == schema);
    CHECK(migrator_cli("verify " + plan + " --db " + url).exit_code == 0);
    const auto rehearse = migrator_cli("check --rehearse --db sqlite:" + (dir / "scratch.db").string() + " " + plan);
    INFO(rehearse.out << rehearse.err);
    CHECK(rehearse.exit_code == 0);
  }
}

TEST_CASE("sql formats cli: a SQL-file plan is PostgreSQL's unless its plan.yaml says more", "[cli]") {
  TempDir dir;
  dir.write("g/1_a.up.sql", "CREATE TABLE a (id int);\n");
  const auto apply = migrator_cli("apply g --db sqlite:app.db", dir.path());
  CHECK(apply.exit_code == 2);
  CHECK(apply.err ==
        "migrator: error: plan \"g\" is written for postgres, not sqlite (nothing was run)\n"
        "  hint: a golang-migrate plan is taken for PostgreSQL SQL; if it also runs on sqlite, say so in a "
        "plan.yaml beside it: dialects: [postgres, sqlite]\n");
  CHECK_FALSE(std::filesystem::exists(dir / "app.db"));
}

TEST_CASE("sql formats cli: an empty file runs nothing, and check names it", "[cli]") {
  TempDir dir;
  dir.write("g/plan.yaml", "dialects: [sqlite]\n");
  dir.write("g/1_a.up.sql", "CREATE TABLE a (id int);\n");
  dir.write("g/1_a.down.sql", "\n   \n");
  dir.write("g/2_b.up.sql", "-- nothing yet\n");
  dir.write("g/2_b.down.sql", "");
  const auto check = migrator_cli("check g", dir.path());
  CHECK(check.exit_code == 0);
  CHECK_THAT(check.out, Catch::Contains("g/1_a.down.sql:1:1: warning[empty-sql]: the down migration 1_a.down.sql "
                                        "runs nothing: rolling back leaves whatever the migration made") &&
                            Catch::Contains("g/2_b.up.sql:1:1: warning[empty-sql]: 2_b.up.sql runs nothing") &&
                            Catch::Contains("0 errors, 3 warnings in 4 files"));
  CHECK(migrator_cli("apply g --db sqlite:app.db", dir.path()).exit_code == 0);
  CHECK(migrator_cli("rollback g --to 0 --db sqlite:app.db", dir.path()).exit_code == 0);
  // The empty down undid nothing: the rehearsal says what it left behind.
  const auto rehearse = migrator_cli("check --rehearse --db sqlite:scratch.db g", dir.path());
  CHECK(rehearse.exit_code == 1);
  CHECK_THAT(rehearse.out, Catch::Contains("g/1_a.down.sql:1:1: error[rollback-leaves-objects]: the rollback of "
                                           "migration 1 leaves behind what it should remove: column a.id INT null; columns a id; "
                                           "table a"));
}

TEST_CASE("sql formats cli: a migration without its down is irreversible, and rollback says why", "[cli]") {
  TempDir dir;
  dir.write("g/plan.yaml", "dialects: [sqlite]\n");
  dir.write("g/1_a.up.sql", "CREATE TABLE a (id int);\n");
  CHECK(migrator_cli("apply g --db sqlite:app.db", dir.path()).exit_code == 0);
  const auto rollback = migrator_cli("rollback g --to 0 --db sqlite:app.db", dir.path());
  INFO(rollback.out << rollback.err);
  CHECK(rollback.exit_code != 0);
  CHECK_THAT(rollback.err, Catch::Contains("there is no down migration (1_a.down.sql)"));
}

TEST_CASE("sql formats cli: Atlas's atlas.sum is checked, not called a stray, and a changed file fails check", "[cli]") {
  TempDir dir;
  dir.write("g/plan.yaml", "dialects: [sqlite]\n");
  dir.write("g/1_a.up.sql", "CREATE TABLE a (id int);\n");
  dir.write("g/1_a.down.sql", "DROP TABLE a;\n");
  // As `atlas migrate hash` writes it for 1_a.up.sql (computed apart, tests/plan/atlas_sum_test.cpp).
  dir.write("g/atlas.sum",
            "h1:Y7bTUA6/rm6Am7A3Xb/0HjV1pSG3k49wybh0miBr38I=\n"
            "1_a.up.sql h1:TCQrvU3n16fQiwX0dCFN1VXDfgnTPiOsCgjCCe0c9vg=\n");
  const auto clean = migrator_cli("check g", dir.path());
  INFO(clean.out << clean.err);
  CHECK(clean.exit_code == 0);
  CHECK_THAT(clean.out, Catch::Contains("0 errors, 0 warnings in 2 files"));
  dir.write("g/1_a.up.sql", "CREATE TABLE a (id bigint);\n");
  const auto changed = migrator_cli("check g", dir.path());
  CHECK(changed.exit_code == 2);
  CHECK_THAT(changed.out, Catch::Contains("g/1_a.up.sql: error[plan-invalid]: changed since atlas.sum hashed it "
                                          "(line 2 of atlas.sum)"));
  // apply says so and runs: migrator's history, not atlas.sum, guards what was applied.
  const auto apply = migrator_cli("apply g --db sqlite:app.db", dir.path());
  CHECK(apply.exit_code == 0);
  CHECK_THAT(apply.err, Catch::Contains("g/1_a.up.sql: warning: changed since atlas.sum hashed it"));
}

TEST_CASE("sql formats cli: a rollback outside a transaction that fails stays failed until its rollback is fixed",
          "[cli]") {
  // crates.io's make-unique-version-unique: its up makes an index CONCURRENTLY (so no
  // transaction), its down drops a constraint of that name, which does not exist. A second
  // rollback used to take the failed step as "may have been undone" (as after a kill) and go
  // on with the index still there.
  TempDir dir;
  dir.write("d/plan.yaml", "dialects: [sqlite]\n");
  dir.write("d/1_a.sql", "-- migrate:up transaction:false\nCREATE TABLE a (id int);\n"
                         "-- migrate:down\nDROP TABLE not_a;\n");
  REQUIRE(migrator_cli("apply d --db sqlite:app.db", dir.path()).exit_code == 0);
  const auto first = migrator_cli("rollback d --to 0 --db sqlite:app.db", dir.path());
  CHECK(first.exit_code == 1);
  CHECK_THAT(first.err, Catch::Contains("no such table: not_a") &&
                            Catch::Contains("hint: the rollback of migration 1 stopped at step 1 of 1, which is still "
                                            "in place (status: incomplete); the next rollback or apply runs it again. "
                                            "If its rollback is wrong, fix the file and run `migrator repair`, or fix "
                                            "the database so that it runs; the database is at version 1"));
  CHECK_THAT(migrator_cli("status d --db sqlite:app.db", dir.path()).out, Catch::Contains("incomplete"));
  const auto again = migrator_cli("rollback d --to 0 --db sqlite:app.db", dir.path());
  CHECK(again.exit_code == 1);
  CHECK_THAT(again.out, Catch::Contains("migration 1 (a) stopped at an error while rolling back at step 1 of 1; "
                                        "rolling back its steps again before going on"));
  CHECK_THAT(again.err, Catch::Contains("no such table: not_a") &&
                            Catch::Contains("hint: migration 1's rollback stopped at step 1, as it did the last time; "
                                            "that step is still in place."));
  // apply, too, finishes the rollback first, and meets the same error.
  const auto apply = migrator_cli("apply d --db sqlite:app.db", dir.path());
  CHECK(apply.exit_code == 1);
  CHECK_THAT(apply.err, Catch::Contains("no such table: not_a") && Catch::Contains("as it did the last time"));
  {
    auto db = migrator::test::connect("sqlite:" + (dir / "app.db").string());
    CHECK(migrator::test::scalar(*db, "SELECT count(*) FROM sqlite_schema WHERE name = 'a'") == "1");
  }
  // The way out the hint names: the file's rollback fixed, recorded by repair, then run.
  dir.write("d/1_a.sql", "-- migrate:up transaction:false\nCREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE a;\n");
  const auto repaired = migrator_cli("repair d --db sqlite:app.db", dir.path());
  INFO(repaired.out << repaired.err);
  CHECK(repaired.exit_code == 0);
  CHECK_THAT(repaired.out, Catch::Contains("+ DROP TABLE a;"));
  CHECK(migrator_cli("rollback d --to 0 --db sqlite:app.db", dir.path()).exit_code == 0);
  CHECK_THAT(migrator_cli("status d --db sqlite:app.db", dir.path()).out, Catch::Contains("0 applied, 1 pending"));
}

TEST_CASE("sql formats cli: baseline adopts a database and rollback stops at it", "[cli]") {
  TempDir dir;
  const auto plan = write_portable(dir, "golang-migrate");
  dir.write("golang-migrate/20240103000000_add_notes.up.sql", "CREATE TABLE notes (id integer);\n");
  dir.write("golang-migrate/20240103000000_add_notes.down.sql", "DROP TABLE notes;\n");
  const auto url = "sqlite:" + (dir / "prod.db").string();
  {  // the schema another tool made
    auto prod = db::open(db::parse_url(url));
    prod->exec(k_portable[0].up + k_portable[1].up);
  }
  const auto p = shell_quote(plan.string());
  const auto baseline = migrator_cli("baseline " + p + " --to 20240102090000 --db " + url);
  INFO(baseline.out << baseline.err);
  CHECK(baseline.exit_code == 0);
  CHECK_THAT(baseline.out, Catch::Contains("Recorded 2 versions up to 20240102090000 as applied (baseline); no SQL was run"));
  const auto again = migrator_cli("baseline " + p + " --to 20240102090000 --db " + url);
  CHECK(again.exit_code == 2);
  CHECK(again.err == "migrator: error: plan \"golang-migrate\" already has history here (version 20240102090000 is "
                     "recorded); nothing was recorded\n"
                     "  hint: baseline is for a database this plan has never run on; `migrator status` shows what is "
                     "recorded, and `migrator apply` goes on from it\n");
  const auto apply = migrator_cli("apply " + p + " --db " + url);
  INFO(apply.out << apply.err);
  CHECK(apply.exit_code == 0);
  CHECK_THAT(apply.out, Catch::Contains("Applied 1 migration"));
  const auto status = migrator_cli("status " + p + " --db " + url);
  CHECK_THAT(status.out, Catch::Contains("baseline") && Catch::Contains("3 applied, 0 pending"));
  const auto json = nlohmann::json::parse(migrator_cli("status " + p + " --db " + url + " --format json").out);
  CHECK(json.at("versions").at(0).at("origin") == "baseline");
  CHECK(json.at("versions").at(2).at("origin") == "run");
  const auto below = migrator_cli("rollback " + p + " --to 0 --db " + url);
  CHECK(below.exit_code == 2);
  CHECK_THAT(below.err, Catch::Contains("version 20240102090000 of \"golang-migrate\" was recorded by `migrator "
                                        "baseline` on ") &&
                            Catch::Contains("not run by migrator: its rollback never ran on this schema; nothing was "
                                            "rolled back\n  hint: roll back to 20240102090000 at most"));
  CHECK(migrator_cli("rollback " + p + " --to 20240102090000 --db " + url).exit_code == 0);
  const auto unknown = migrator_cli("baseline " + p + " --to 20240101130000 --db sqlite:" + (dir / "new.db").string());
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err == "migrator: error: version 20240101130000 is not in plan \"golang-migrate\"; nothing was recorded\n"
                       "  hint: name one of its versions: the nearest below is 20240101120000\n");
}

TEST_CASE("sql formats cli: a database dbmate manages: status and apply say so, baseline adopts what dbmate recorded",
          "[cli]") {
  TempDir dir;
  const auto p = shell_quote(write_portable(dir, "dbmate").string());
  const auto url = "sqlite:" + (dir / "prod.db").string();
  {  // as dbmate leaves it after `dbmate up` of the first migration (its SQLite driver's table)
    auto prod = db::open(db::parse_url(url));
    prod->exec(k_portable[0].up +
               "CREATE TABLE schema_migrations (version varchar(128) primary key);"
               "INSERT INTO schema_migrations (version) VALUES ('20240101120000');");
  }
  const auto status = migrator_cli("status " + p + " --db " + url);
  CHECK(status.exit_code == 0);
  CHECK_THAT(status.out, Catch::EndsWith("0 applied, 2 pending\ndbmate's schema_migrations here records 1 of these "
                                         "versions (up to 20240101120000): `migrator baseline " +
                                         (dir / "dbmate").string() + "` adopts them without running anything\n"));
  const auto apply = migrator_cli("apply " + p + " --db " + url);
  CHECK(apply.exit_code == 2);
  CHECK_THAT(apply.err, Catch::Contains("migrator: error: plan \"dbmate\" has never run here, but dbmate's "
                                        "schema_migrations records 1 of its versions (up to 20240101120000): apply "
                                        "would run them again; nothing was run\n"));
  const auto status_json = nlohmann::json::parse(migrator_cli("status " + p + " --db " + url + " --format json").out);
  CHECK(status_json.at("summary").at("applied") == 0);
  CHECK(status_json.at("adoptable") == nlohmann::json({{"tool", "dbmate"},
                                                      {"table", "schema_migrations"},
                                                      {"versions", 1},
                                                      {"newest", 20240101120000}}));
  // --to and --history-table are two ways to say what the database has: one at a time.
  CHECK(migrator_cli("baseline " + p + " --to 20240101120000 --history-table x --db " + url).exit_code == 2);
  const auto missing = migrator_cli("baseline " + p + " --history-table dbmate_history --db " + url);
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::StartsWith("migrator: error: no --to, and there is no table dbmate_history here, "
                                            "where dbmate keeps its history; nothing was recorded\n"));
  const auto baseline = migrator_cli("baseline " + p + " --db " + url + " --format json");
  INFO(baseline.out << baseline.err);
  REQUIRE(baseline.exit_code == 0);
  const auto json = nlohmann::json::parse(baseline.out);
  CHECK(json.at("from") == nlohmann::json({{"tool", "dbmate"}, {"table", "schema_migrations"}}));
  CHECK(json.at("recorded").size() == 1);
  CHECK(json.at("to_version") == 20240101120000);
  const auto rest = migrator_cli("apply " + p + " --db " + url);
  INFO(rest.out << rest.err);
  CHECK(rest.exit_code == 0);
  CHECK_THAT(rest.out, Catch::Contains("Applied 1 migration"));
  // The schema there and no table to say who made it: the failure names the way in.
  const auto bare_url = "sqlite:" + (dir / "bare.db").string();
  db::open(db::parse_url(bare_url))->exec(k_portable[0].up);
  const auto clash = migrator_cli("apply " + p + " --db " + bare_url);
  CHECK(clash.exit_code == 1);
  CHECK_THAT(clash.err, Catch::EndsWith(
                            "hint: migration 20240101120000 was rolled back; the database has no version of this plan "
                            "applied. What it makes is already here: if another tool ran these migrations, `migrator "
                            "baseline " + (dir / "dbmate").string() + " --to V` adopts the database (or "
                            "--history-table NAME, where that tool keeps its history)\n"));
  // A plan of migrator's own has no other tool to ask: --to it is.
  dir.write("own/001_a.yaml", "steps:\n  - name: a\n    sql: SELECT 1;\n    rollback: SELECT 1;\n");
  const auto own = migrator_cli("baseline own --db sqlite:own.db", dir.path());
  CHECK(own.exit_code == 2);
  CHECK_THAT(own.err, Catch::Contains("baseline needs --to: plan \"own\" is migrator's own"));
}

TEST_CASE("sql formats cli: out of order is refused, and applied and recorded when allowed", "[cli]") {
  TempDir dir;
  dir.write("g/plan.yaml", "dialects: [sqlite]\n");
  dir.write("g/1_a.up.sql", "CREATE TABLE a (id int);\n");
  dir.write("g/1_a.down.sql", "DROP TABLE a;\n");
  dir.write("g/3_c.up.sql", "CREATE TABLE c (id int);\n");
  dir.write("g/3_c.down.sql", "DROP TABLE c;\n");
  CHECK(migrator_cli("apply g --db sqlite:app.db", dir.path()).exit_code == 0);
  dir.write("g/2_b.up.sql", "CREATE TABLE b (id int);\n");
  dir.write("g/2_b.down.sql", "DROP TABLE b;\n");
  const auto refused = migrator_cli("apply g --db sqlite:app.db", dir.path());
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("g/2_b.up.sql:1: error: migration 2 is pending but version 3 is already applied\n"
                                          "  hint: renumber it above 3, or roll back below it first; if it does not "
                                          "depend on what came after it, --allow-out-of-order"));
  const auto allowed = migrator_cli("apply g --db sqlite:app.db --allow-out-of-order", dir.path());
  INFO(allowed.out << allowed.err);
  CHECK(allowed.exit_code == 0);
  CHECK_THAT(allowed.out, Catch::Contains("applying 2 out of order: version 3 is already applied "
                                          "(--allow-out-of-order); recorded as such") &&
                              Catch::Contains("is at version 3"));
  CHECK_THAT(migrator_cli("status g --db sqlite:app.db", dir.path()).out, Catch::Contains("applied out of order"));
  // The plan may say it once for every run.
  dir.write("g/plan.yaml", "dialects: [sqlite]\nallow_out_of_order: true\n");
  CHECK(migrator_cli("rollback g --to 1 --db sqlite:app.db", dir.path()).exit_code == 0);
  CHECK(migrator_cli("apply g --db sqlite:app.db --to 1", dir.path()).exit_code == 0);
}

TEST_CASE("sql formats cli: a diesel plan's first 18-digit stamp re-keys its history, and --to takes stamps as "
          "written",
          "[cli]") {
  TempDir dir;
  const auto folder = [&](const std::string& name, const std::string& table) {
    dir.write("d/" + name + "/up.sql", "CREATE TABLE " + table + " (id int);\n");
    dir.write("d/" + name + "/down.sql", "DROP TABLE " + table + ";\n");
  };
  dir.write("d/plan.yaml", "dialects: [sqlite]\n");
  folder("2017-01-01-120000_a", "a");
  folder("2026-01-20-162913_b", "b");
  REQUIRE(migrator_cli("apply d --db sqlite:app.db", dir.path()).exit_code == 0);
  // diesel 2 writes 18-digit stamps: the two applied rows take the plan's new keys, and only
  // the new migration runs.
  folder("2026-02-01-120000-0000_c", "c");
  const auto applied = migrator_cli("apply d --db sqlite:app.db", dir.path());
  INFO(applied.out << applied.err);
  CHECK(applied.exit_code == 0);
  CHECK_THAT(applied.out, Catch::Contains("Applied 1 migration") && Catch::Contains("is at version 202602011200000000"));
  const auto status = migrator_cli("status d --db sqlite:app.db", dir.path());
  // Shown by its stamp, as diesel and --to write it, though its key has zeros after it.
  CHECK_THAT(status.out, Catch::Contains("3 applied, 0 pending") && Catch::Contains("\n    20170101120000  a  "));
  // The folder's stamp as written names its migration.
  const auto back = migrator_cli("rollback d --to 20260120162913 --db sqlite:app.db", dir.path());
  INFO(back.out << back.err);
  CHECK(back.exit_code == 0);
  CHECK_THAT(back.out, Catch::Contains("is at version 20260120162913"));
  CHECK(migrator_cli("rollback d --to 20170101120000 --db sqlite:app.db", dir.path()).exit_code == 0);
  const auto up_to = migrator_cli("apply d --to 20260120162913 --db sqlite:app.db", dir.path());
  CHECK(up_to.exit_code == 0);
  CHECK_THAT(up_to.out, Catch::Contains("Applied 1 migration") && Catch::Contains("is at version 20260120162913"));
  CHECK(migrator_cli("verify d --db sqlite:app.db", dir.path()).exit_code == 0);
  // Of a stamp and a longer one it begins, --to the short one names the short one.
  folder("2026-05-27-120000-0000_e", "e");
  folder("2026-05-27-120000_f", "f");
  const auto to_f = migrator_cli("apply d --to 20260527120000 --db sqlite:app.db", dir.path());
  INFO(to_f.out << to_f.err);
  CHECK(to_f.exit_code == 0);
  CHECK_THAT(to_f.out, Catch::Contains("is at version 20260527120000"));
  CHECK_THAT(migrator_cli("status d --db sqlite:app.db", dir.path()).out, Catch::Contains("4 applied, 1 pending"));
  // A diesel 2 stamp typed without its -0000 names that migration, never "every key above it",
  // which in a plan of 18-digit keys is all of them (crates.io: 284 of 285).
  CHECK(migrator_cli("apply d --db sqlite:app.db", dir.path()).exit_code == 0);
  const auto to_c = migrator_cli("rollback d --to 20260201120000 --db sqlite:app.db", dir.path());
  INFO(to_c.out << to_c.err);
  CHECK(to_c.exit_code == 0);
  CHECK_THAT(to_c.out, Catch::Contains("Rolled back 2 migrations") && Catch::Contains("is at version 202602011200000000"));
  // A --to below every version but diesel's 0 would undo everything: refused, as anywhere.
  const auto below = migrator_cli("rollback d --to 20160101000000 --db sqlite:app.db", dir.path());
  CHECK(below.exit_code == 2);
  CHECK_THAT(below.err, Catch::Contains("is below every applied version of \"d\" (the oldest is 201701011200000000)"));
}

TEST_CASE("sql formats cli: Flyway's dotted versions through apply, status, rollback and import", "[cli]") {
  TempDir dir;
  dir.write("f/plan.yaml", "dialects: [sqlite]\n");
  const auto script = [&](const std::string& version, const std::string& name, const std::string& up,
                          const std::string& down) {
    dir.write("f/V" + version + "__" + name + ".sql", up);
    dir.write("f/U" + version + "__" + name + ".sql", down);
  };
  script("1", "accounts", "CREATE TABLE accounts (id integer PRIMARY KEY);\n", "DROP TABLE accounts;\n");
  script("2", "orders", "CREATE TABLE orders (id integer PRIMARY KEY);\n", "DROP TABLE orders;\n");
  const std::string db = " --db sqlite:app.db";
  REQUIRE(migrator_cli("apply f" + db, dir.path()).exit_code == 0);
  // Dotted versions arrive after 2; the history's whole-number rows are re-keyed by the next apply.
  script("2.0.1", "orders_note", "ALTER TABLE orders ADD COLUMN note text;\n", "ALTER TABLE orders DROP COLUMN note;\n");
  script("2_1", "orders_total", "ALTER TABLE orders ADD COLUMN total integer;\n",
         "ALTER TABLE orders DROP COLUMN total;\n");
  const auto status = migrator_cli("status f --format json" + db, dir.path());
  INFO(status.out << status.err);
  std::vector<std::string> listed;
  const auto document = nlohmann::json::parse(status.out);
  for (const auto& row : document.at("versions")) {
    listed.push_back(row.at("version").get<std::string>() + " " + row.at("state").get<std::string>());
  }
  CHECK(listed == std::vector<std::string>{"1 applied", "2 applied", "2.0.1 pending", "2.1 pending"});

  const auto to = migrator_cli("apply f --to 2.0.1" + db, dir.path());
  INFO(to.out << to.err);
  CHECK(to.exit_code == 0);
  CHECK_THAT(to.out, Catch::Contains("2.0.1  orders note") && Catch::Contains("is at version 2.0.1"));
  CHECK(migrator_cli("apply f" + db, dir.path()).exit_code == 0);
  auto c = migrator::test::connect("sqlite:" + (dir / "app.db").string());
  CHECK(migrator::test::scalar(*c, "SELECT count(*) FROM migrator_history WHERE version < 4611686018427387904") == "0");

  // --to 2 is version "2" of this plan, below its dotted ones.
  const auto back = migrator_cli("rollback f --to 2" + db, dir.path());
  INFO(back.out << back.err);
  CHECK(back.exit_code == 0);
  CHECK_THAT(back.out, Catch::Contains("2.1  rolling back: orders total") && Catch::Contains("at version 2"));
  CHECK(migrator::test::scalar(*c, "SELECT count(*) FROM pragma_table_info('orders')") == "1");
  CHECK(migrator_cli("verify f" + db, dir.path()).exit_code == 0);

  const auto bad = migrator_cli("rollback f --to 1..2" + db, dir.path());
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("\"1..2\" is not a version from 0 up"));
  // Imported, each YAML file is named by its version as it reads, and the database that ran
  // the Flyway scripts goes on with the YAML plan where it is.
  const auto import = migrator_cli("import f g", dir.path());
  INFO(import.out << import.err);
  REQUIRE(import.exit_code == 0);
  for (const auto* file : {"1_accounts.yaml", "2_orders.yaml", "2.0.1_orders_note.yaml", "2.1_orders_total.yaml"}) {
    CHECK(std::filesystem::exists(dir / "g" / file));
  }
  const auto imported = migrator_cli("status g" + db, dir.path());
  INFO(imported.out << imported.err);
  CHECK(imported.exit_code == 0);
  CHECK_THAT(imported.out, Catch::Contains("2.1  orders total  pending") && Catch::Contains("2 applied, 2 pending"));
  CHECK(migrator_cli("apply g" + db, dir.path()).exit_code == 0);
  CHECK(migrator_cli("verify g" + db, dir.path()).exit_code == 0);
  // After 2.1 comes 3 there too.
  const auto next = migrator_cli("new g invoices", dir.path());
  INFO(next.out << next.err);
  CHECK(std::filesystem::exists(dir / "g/003_invoices.yaml"));
}

TEST_CASE("sql formats cli: each fixture through every command on PostgreSQL", "[postgres]") {
  for (const std::string form : {"dbmate", "golang-migrate", "flyway", "diesel"}) {
    INFO(form);
    migrator::test::PostgresDatabase database;
    const auto& url = database.url();
    const auto plan = shell_quote((k_formats / form).string());
    const auto check = migrator_cli("check " + plan);
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    // The fixtures are written as such histories are: bigserial keys and a foreign key left
    // unindexed, style warnings that stand at the SQL file's line.
    CHECK_THAT(check.out, Catch::Contains("0 errors, 3 warnings in"));
    CHECK_THAT(check.out, Catch::Contains(":3:6: warning[prefer-identity]: \"id\" is bigserial") ||
                              Catch::Contains(":4:6: warning[prefer-identity]: \"id\" is bigserial"));
    CHECK_THAT(check.out, Catch::Contains("warning[foreign-key-without-index]: the foreign key (account_id) of "
                                          "\"audit_log\" to \"accounts\" has no index"));
    const auto apply = migrator_cli("apply " + plan + " --db " + shell_quote(url));
    INFO(apply.out << apply.err);
    REQUIRE(apply.exit_code == 0);
    const auto schema = migrator::test::schema_fingerprint(url);
    const auto rollback = migrator_cli("rollback " + plan + " --to 0 --db " + shell_quote(url));
    INFO(rollback.out << rollback.err);
    CHECK(rollback.exit_code == 0);
    CHECK_THAT(rollback.out, Catch::Contains(form == "diesel" ? "is at version 0" : "is back to nothing applied"));
    CHECK(migrator_cli("apply " + plan + " --db " + shell_quote(url)).exit_code == 0);
    CHECK(migrator::test::schema_fingerprint(url) == schema);
    CHECK(migrator_cli("verify " + plan + " --db " + shell_quote(url)).exit_code == 0);
    const auto rehearse = migrator_cli("check --rehearse --db " + shell_quote(migrator::test::postgres_admin_url()) +
                                       " " + plan);
    INFO(rehearse.out << rehearse.err);
    CHECK(rehearse.exit_code == 0);
  }
}

TEST_CASE("sql formats cli: a failing file rolls back to the last good version on PostgreSQL", "[postgres]") {
  migrator::test::PostgresDatabase database;
  TempDir dir;
  dir.write("g/1_a.up.sql", "CREATE TABLE a (id int);\n");
  dir.write("g/1_a.down.sql", "DROP TABLE a;\n");
  dir.write("g/2_b.up.sql", "CREATE TABLE b (id int);\nINSERT INTO a VALUES ('not a number');\n");
  dir.write("g/2_b.down.sql", "DROP TABLE b;\n");
  const auto apply = migrator_cli("apply g --db " + shell_quote(database.url()), dir.path());
  CHECK(apply.exit_code == 1);
  CHECK_THAT(apply.err, Catch::Contains("g/2_b.up.sql:2: steps[0]: step \"2_b.up.sql\" failed: invalid input syntax "
                                        "for type integer") &&
                           Catch::Contains("hint: migration 2 was rolled back; the database is at version 1"));
  auto check = db::open(db::parse_url(database.url()));
  CHECK(check->query("SELECT to_regclass('b') IS NULL, to_regclass('a') IS NULL").rows.at(0) ==
        std::vector<db::Cell>{std::string("t"), std::string("f")});
}

TEST_CASE("sql formats cli: new writes the next migration in the plan's own form", "[cli]") {
  TempDir dir;
  dir.write("g/000001_users.up.sql", "CREATE TABLE users (id int);\n");
  dir.write("g/000001_users.down.sql", "DROP TABLE users;\n");
  dir.write("f/V1__users.sql", "CREATE TABLE users (id int);\n");
  dir.write("d/20240101120000_users.sql", "-- migrate:up\nCREATE TABLE users (id int);\n-- migrate:down\nDROP TABLE users;\n");
  dir.write("s/2024-01-01-120000_users/up.sql", "CREATE TABLE users (id int);\n");
  const auto golang = migrator_cli("new g add_email", dir.path());
  INFO(golang.out << golang.err);
  CHECK(golang.exit_code == 0);
  CHECK(golang.out == "Created g/000002_add_email.up.sql and g/000002_add_email.down.sql\n"
                      "Write its SQL and the SQL that undoes it, then run: migrator check g\n");
  // Beside an atlas.sum, the new file is Atlas's to hash before check passes.
  dir.write("a/000001_users.up.sql", "CREATE TABLE users (id int);\n");
  dir.write("a/atlas.sum", "h1:x\n");
  CHECK_THAT(migrator_cli("new a add_name", dir.path()).out,
             Catch::EndsWith("then run: atlas migrate hash && migrator check a\n"));
  CHECK(migrator_cli("new f add_email", dir.path()).exit_code == 0);
  CHECK(std::filesystem::exists(dir / "f/V2__add_email.sql"));
  CHECK(std::filesystem::exists(dir / "f/U2__add_email.sql"));
  dir.write("f/V2_1__orders.sql", "CREATE TABLE orders (id int);\n");  // after a dotted 2.1 comes 3
  CHECK(migrator_cli("new f add_total", dir.path()).exit_code == 0);
  CHECK(std::filesystem::exists(dir / "f/V3__add_total.sql"));
  const auto dbmate = nlohmann::json::parse(migrator_cli("new d add_email --format json", dir.path()).out);
  CHECK(dbmate.at("version").get<std::int64_t>() > 20240101120000);  // numbered by time, as the plan is
  CHECK(dbmate.at("file").get<std::string>().ends_with("_add_email.sql"));
  const auto diesel = nlohmann::json::parse(migrator_cli("new s add_email --format json", dir.path()).out);
  CHECK(diesel.at("file").get<std::string>().ends_with("_add_email/up.sql"));
  // A plan in diesel 2's stamps (crates.io's newest: 2026-07-30-140000-0000) gets one: the
  // time and -0000 (it had read 2026-07-30-1400000001, no stamp at all), or one after a
  // folder dated later.
  dir.write("t/2024-01-01-120000-0000_users/up.sql", "CREATE TABLE users (id int);\n");
  const auto diesel2 = nlohmann::json::parse(migrator_cli("new t add_email --format json", dir.path()).out);
  const auto folder2 = std::filesystem::path(diesel2.at("file").get<std::string>()).parent_path().filename().string();
  CHECK(std::regex_match(folder2, std::regex(R"(20[0-9]{2}-[01][0-9]-[0-3][0-9]-[0-2][0-9][0-5][0-9][0-6][0-9]-0000_add_email)")));
  dir.write("u/2099-01-01-000000-0000_later/up.sql", "SELECT 1;\n");
  const auto after = nlohmann::json::parse(migrator_cli("new u next --format json", dir.path()).out);
  CHECK(after.at("file").get<std::string>().ends_with("u/2099-01-01-000000-0001_next/up.sql"));
  for (const auto* plan : {"g", "f", "d", "s", "t"}) {
    INFO(plan);
    // Still one form, two migrations; the new ones' placeholders are named until written.
    const auto check = migrator_cli(std::string("check ") + plan, dir.path());
    CHECK(check.exit_code == 0);
    CHECK_THAT(check.out, Catch::Contains("warning[empty-sql]"));
  }
}
