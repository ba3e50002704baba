// Repeatable migrations through the commands: run after the versions when new or changed,
// left alone when unchanged, put back as they were at a version by rollback, shown by
// status. YAML plans on SQLite; Flyway's R__ scripts on PostgreSQL.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/db.hpp"
#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

using migrator::test::migrator_cli;
using migrator::test::TempDir;

namespace {

// The view over accounts, as a repeatable migration of a YAML plan (SQLite has no CREATE OR
// REPLACE VIEW: it drops and creates).
std::string view_yaml(const std::string& columns) {
  return "repeatable: true\n"
         "steps:\n"
         "  - name: account emails view\n"
         "    sql: |\n"
         "      DROP VIEW IF EXISTS account_emails;\n"
         "      CREATE VIEW account_emails AS SELECT " + columns + " FROM accounts;\n"
         "    verify:\n"
         "      - name: the view reads\n"
         "        sql: SELECT count(*) >= 0 FROM account_emails\n"
         "        expect: \"1\"\n"
         "    rollback: DROP VIEW account_emails;\n";
}

// Plan p: the accounts table (version 1) and the view over it as a repeatable migration.
void write_accounts_plan(const TempDir& dir) {
  dir.write("p/001_accounts.yaml",
            "steps:\n  - name: accounts\n    sql: CREATE TABLE accounts (id integer PRIMARY KEY, email text);\n"
            "    rollback: DROP TABLE accounts;\n");
  dir.write("p/R__account_emails.yaml", view_yaml("email"));
}

std::vector<std::string> view_columns(const std::filesystem::path& db) {
  auto c = migrator::test::connect("sqlite:" + db.string());
  std::vector<std::string> out;
  for (const auto& row : c->query("SELECT name FROM pragma_table_info('account_emails') ORDER BY cid").rows) {
    out.push_back(row[0].value_or(""));
  }
  return out;
}

std::string repeatable_state(const TempDir& dir, const std::string& db) {
  const auto document = nlohmann::json::parse(migrator_cli("status p --format json" + db, dir.path()).out);
  for (const auto& row : document.at("versions")) {
    if (row.at("repeatable").get<bool>()) {
      return row.at("state").get<std::string>();
    }
  }
  return "none";
}

}  // namespace

TEST_CASE("repeatables cli: run when new or changed, left alone when not, put back by rollback", "[cli]") {
  TempDir dir;
  const std::string db = " --db sqlite:app.db";
  write_accounts_plan(dir);
  CHECK(repeatable_state(dir, db) == "pending");
  const auto first = migrator_cli("apply p" + db, dir.path());
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.out, Catch::Contains("R  account emails") &&
                            Catch::Contains("Applied 1 migration and 1 repeatable migration in"));
  CHECK(view_columns(dir / "app.db") == std::vector<std::string>{"email"});
  CHECK(repeatable_state(dir, db) == "applied");

  const auto again = migrator_cli("apply p" + db, dir.path());
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.out, Catch::Contains("Nothing to apply"));

  // A new column and the view that shows it: the version first, then the view.
  dir.write("p/002_account_names.yaml",
            "steps:\n  - name: names\n    sql: ALTER TABLE accounts ADD COLUMN name text;\n"
            "    rollback: ALTER TABLE accounts DROP COLUMN name;\n");
  dir.write("p/R__account_emails.yaml", view_yaml("email, name"));
  CHECK(repeatable_state(dir, db) == "changed");
  const auto status = migrator_cli("status p" + db, dir.path());
  CHECK_THAT(status.out, Catch::Matches("(.|\n)*\n      R  account emails  changed (.|\n)*") &&
                             Catch::Contains("1 applied, 2 pending"));
  const auto second = migrator_cli("apply p" + db, dir.path());
  INFO(second.out << second.err);
  REQUIRE(second.exit_code == 0);
  CHECK(view_columns(dir / "app.db") == std::vector<std::string>{"email", "name"});

  // Back to 1: the view as it was at 1 first (SQLite refuses to drop a column a view reads),
  // then the column goes.
  const auto back = migrator_cli("rollback p --to 1" + db, dir.path());
  INFO(back.out << back.err);
  REQUIRE(back.exit_code == 0);
  CHECK_THAT(back.out, Catch::Contains("R  rolling back: account emails") &&
                           Catch::Contains("Rolled back 1 migration (and 1 repeatable migration)"));
  CHECK(view_columns(dir / "app.db") == std::vector<std::string>{"email"});
  // The file still holds the newer definition: status says it runs again with 002.
  CHECK(repeatable_state(dir, db) == "changed");
  CHECK(migrator_cli("apply p" + db, dir.path()).exit_code == 0);
  CHECK(view_columns(dir / "app.db") == std::vector<std::string>{"email", "name"});

  // To 0: the view was first run after nothing, and its rollback SQL drops it.
  const auto all = migrator_cli("rollback p --to 0" + db, dir.path());
  INFO(all.out << all.err);
  REQUIRE(all.exit_code == 0);
  for (const auto& line : migrator::test::schema_fingerprint("sqlite:" + (dir / "app.db").string())) {
    CHECK(line.find("account") == std::string::npos);
  }
  CHECK(repeatable_state(dir, db) == "pending");
}

TEST_CASE("repeatables cli: a failing repeatable rolls back alone, and the next apply runs it again", "[cli]") {
  TempDir dir;
  const std::string db = " --db sqlite:app.db";
  dir.write("p/001_accounts.yaml",
            "steps:\n  - name: accounts\n    sql: CREATE TABLE accounts (id integer PRIMARY KEY, email text);\n"
            "    rollback: DROP TABLE accounts;\n");
  dir.write("p/R__account_emails.yaml", view_yaml("emial"));
  const auto failed = migrator_cli("apply p" + db, dir.path());
  CHECK(failed.exit_code == 1);
  CHECK_THAT(failed.err, Catch::Contains("R__account_emails.yaml:") && Catch::Contains("no such column: emial") &&
                             Catch::Contains("hint: repeatable migration \"account emails\" was rolled back; the "
                                             "versioned migrations before it stay applied, and the next `migrator "
                                             "apply` runs it again"));
  CHECK(repeatable_state(dir, db) == "pending");
  dir.write("p/R__account_emails.yaml", view_yaml("email"));
  const auto fixed = migrator_cli("apply p" + db, dir.path());
  CHECK(fixed.exit_code == 0);
  CHECK_THAT(fixed.out, Catch::Contains("Applied 1 repeatable migration in"));
}

TEST_CASE("repeatables cli: Flyway R__ scripts on PostgreSQL, a function put back by rollback", "[postgres]") {
  TempDir dir;
  migrator::test::PostgresDatabase database;
  const std::string db = " --db " + migrator::test::shell_quote(database.url());
  dir.write("p/V1__accounts.sql", "CREATE TABLE accounts (id int PRIMARY KEY, email text);\n");
  dir.write("p/U1__accounts.sql", "DROP TABLE accounts;\n");
  dir.write("p/R__account_count.sql",
            "CREATE OR REPLACE FUNCTION account_count() RETURNS bigint LANGUAGE plpgsql AS $$\n"
            "BEGIN\n  RETURN (SELECT count(*) FROM accounts);\nEND;\n$$;\n");
  REQUIRE(migrator_cli("apply p" + db, dir.path()).exit_code == 0);
  dir.write("p/V2__accounts_active.sql", "ALTER TABLE accounts ADD COLUMN active boolean NOT NULL DEFAULT true;\n");
  dir.write("p/U2__accounts_active.sql", "ALTER TABLE accounts DROP COLUMN active;\n");
  dir.write("p/R__account_count.sql",
            "CREATE OR REPLACE FUNCTION account_count() RETURNS bigint LANGUAGE plpgsql AS $$\n"
            "BEGIN\n  RETURN (SELECT count(*) FROM accounts WHERE active);\nEND;\n$$;\n");
  const auto second = migrator_cli("apply p" + db, dir.path());
  INFO(second.out << second.err);
  REQUIRE(second.exit_code == 0);
  auto c = migrator::test::connect(database.url());
  CHECK_THAT(migrator::test::scalar(*c, "SELECT prosrc FROM pg_proc WHERE proname = 'account_count'"),
             Catch::Contains("WHERE active"));
  const auto back = migrator_cli("rollback p --to 1" + db, dir.path());
  INFO(back.out << back.err);
  REQUIRE(back.exit_code == 0);
  CHECK_THAT(migrator::test::scalar(*c, "SELECT prosrc FROM pg_proc WHERE proname = 'account_count'"),
             !Catch::Contains("active"));
  CHECK(migrator::test::scalar(*c, "SELECT account_count()") == "0");
  // Below its first run a Flyway repeatable has nothing to undo it with: left, and said.
  const auto all = migrator_cli("rollback p --to 0" + db, dir.path());
  INFO(all.out << all.err);
  CHECK_THAT(all.out + all.err, Catch::Contains("repeatable migration \"account count\" was first run after version 0 "
                                                "and has no rollback SQL: left as it is"));
}

TEST_CASE("repeatables cli: check --rehearse runs them twice, as deploys do", "[cli]") {
  TempDir dir;
  write_accounts_plan(dir);
  const auto scratch = " --db sqlite:" + (dir / "scratch.db").string();
  const auto good = migrator_cli("check --rehearse p" + scratch, dir.path());
  INFO(good.out << good.err);
  CHECK(good.exit_code == 0);
  // Without its DROP VIEW IF EXISTS it passes once and fails the next time its file changes.
  dir.write("p/R__account_emails.yaml",
            "repeatable: true\nsteps:\n  - name: account emails view\n"
            "    sql: CREATE VIEW account_emails AS SELECT email FROM accounts;\n"
            "    rollback: DROP VIEW account_emails;\n");
  const auto once = migrator_cli("check --rehearse p" + scratch, dir.path());
  INFO(once.out << once.err);
  CHECK(once.exit_code == 1);
  CHECK_THAT(once.out, Catch::Contains("p/R__account_emails.yaml:4: error[rehearse-failed]: the rehearsal could not "
                                       "run the repeatable migrations a second time") &&
                           Catch::Contains("view account_emails already exists") &&
                           Catch::Contains("fix: make each one re-runnable"));
}

TEST_CASE("repeatables cli: a history re-keyed for dotted versions keeps when each repeatable ran", "[cli]") {
  TempDir dir;
  const std::string db = " --db sqlite:app.db";
  dir.write("f/plan.yaml", "dialects: [sqlite]\n");
  dir.write("f/V1__a.sql", "CREATE TABLE a (id int);\n");
  dir.write("f/U1__a.sql", "DROP TABLE a;\n");
  dir.write("f/V3__b.sql", "CREATE TABLE b (id int);\n");
  dir.write("f/U3__b.sql", "DROP TABLE b;\n");
  dir.write("f/R__v.sql", "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT id FROM b;\n");
  REQUIRE(migrator_cli("apply f" + db, dir.path()).exit_code == 0);  // the view ran after 3
  dir.write("f/V3.1__c.sql", "ALTER TABLE b ADD COLUMN c int;\n");
  dir.write("f/U3.1__c.sql", "ALTER TABLE b DROP COLUMN c;\n");
  dir.write("f/R__v.sql", "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT id, c FROM b;\n");
  REQUIRE(migrator_cli("apply f" + db, dir.path()).exit_code == 0);  // re-keyed: 3 is "3" now
  // Back to 2: the view first ran after 3, so there is no definition of it to put back, and
  // a Flyway R__ has no SQL to remove it: it stays, and the version's rollback that drops the
  // column it reads fails, undone, naming it (the U script must drop the view first).
  const auto back = migrator_cli("rollback f --to 2" + db, dir.path());
  INFO(back.out << back.err);
  CHECK(back.exit_code == 1);
  CHECK_THAT(back.out + back.err, Catch::Contains("repeatable migration \"v\" was first run after version 2 and has "
                                                  "no rollback SQL: left as it is") &&
                                      Catch::Contains("error in view v after drop column: no such column: c") &&
                                      Catch::Contains("the database is at version 3.1"));
}

TEST_CASE("repeatables cli: verify runs the checks of each repeatable migration as it last ran", "[cli]") {
  TempDir dir;
  const std::string db = " --db sqlite:app.db";
  write_accounts_plan(dir);
  REQUIRE(migrator_cli("apply p" + db, dir.path()).exit_code == 0);
  const auto ok = migrator_cli("verify p" + db, dir.path());
  INFO(ok.out << ok.err);
  CHECK(ok.exit_code == 0);
  CHECK_THAT(ok.out, Catch::Contains("\nR account emails\n  ok     account emails view / the view reads: 1\n") &&
                         Catch::Contains("1 checks: 1 passed, 0 failed; 0 drift problems"));

  // The view dropped behind migrator's back: its check fails, and says which migration.
  migrator::test::connect("sqlite:" + (dir / "app.db").string())->exec("DROP VIEW account_emails");
  const auto broken = migrator_cli("verify p --format json" + db, dir.path());
  CHECK(broken.exit_code == 1);
  const auto document = nlohmann::json::parse(broken.out);
  REQUIRE(document.at("checks").size() == 1);
  const auto& check = document.at("checks").at(0);
  CHECK(check.at("version").is_null());
  CHECK(check.at("repeatable") == true);
  CHECK(check.at("name") == "account emails");
  CHECK(check.at("passed") == false);
  CHECK_THAT(check.at("observed").get<std::string>(), Catch::Contains("no such table: account_emails"));
}
