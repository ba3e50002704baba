// migrator import: another tool's plan as YAML that runs the same; a database the source ran
// on goes on with the import where it is; and the ways to call it wrong.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

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

// A golang-migrate plan SQLite runs: two files, one with its own BEGIN ... COMMIT.
void write_plan(const TempDir& dir) {
  dir.write("src/plan.yaml", "dialects: [sqlite]\n");
  dir.write("src/000001_create_users.up.sql", "CREATE TABLE users (id integer PRIMARY KEY, name text);\n");
  dir.write("src/000001_create_users.down.sql", "DROP TABLE users;\n");
  dir.write("src/000002_add_email.up.sql",
            "-- its own transaction\nBEGIN;\nALTER TABLE users ADD COLUMN email text;\nCREATE INDEX users_email ON users (email);\nCOMMIT;\n");
  dir.write("src/000002_add_email.down.sql", "DROP INDEX users_email;\nALTER TABLE users DROP COLUMN email;\n");
}

}  // namespace

TEST_CASE("import: the YAML runs the same, and a database the source ran on goes on with it", "[cli]") {
  TempDir dir;
  write_plan(dir);
  const auto import = migrator_cli("import --from golang-migrate src yaml", dir.path());
  INFO(import.out << import.err);
  REQUIRE(import.exit_code == 0);
  CHECK(import.out ==
        "Imported 2 golang-migrate migrations from src into yaml (plan \"src\"), read back the same.\n"
        "A database that ran \"src\" goes on with yaml where it is; add verify: and preserve: to its steps, and "
        "`migrator check yaml`.\n");
  CHECK(dir.read("yaml/plan.yaml") == "name: \"src\"\ndialects: [sqlite]\n");
  // The file's own BEGIN; and COMMIT; blanked as migrator runs them, the rest verbatim.
  const std::string expected_yaml =
      "# Imported by migrator from 000002_add_email.up.sql (golang-migrate).\n"
      "name: \"add email\"\n"
      "steps:\n"
      "  - name: \"000002_add_email.up.sql\"\n"
      "    sql: |\n"
      "      -- its own transaction\n" +
      std::string(6 + 6, ' ') + "\n" +
      "      ALTER TABLE users ADD COLUMN email text;\n"
      "      CREATE INDEX users_email ON users (email);\n" +
      std::string(6 + 7, ' ') + "\n" +
      "    rollback: |\n"
      "      DROP INDEX users_email;\n"
      "      ALTER TABLE users DROP COLUMN email;\n";
  CHECK(dir.read("yaml/002_add_email.yaml") == expected_yaml);
  CHECK_FALSE(std::filesystem::exists(dir / "yaml.importing"));

  // Both plans bring an empty database to the same schema.
  REQUIRE(migrator_cli("apply src --db sqlite:from_sql.db", dir.path()).exit_code == 0);
  REQUIRE(migrator_cli("apply yaml --db sqlite:from_yaml.db", dir.path()).exit_code == 0);
  CHECK(migrator::test::schema_fingerprint("sqlite:" + (dir / "from_sql.db").string()) ==
        migrator::test::schema_fingerprint("sqlite:" + (dir / "from_yaml.db").string()));
  // The database the SQL files ran on: the same plan, nothing to apply, nothing drifted.
  const auto goes_on = migrator_cli("apply yaml --db sqlite:from_sql.db", dir.path());
  INFO(goes_on.out << goes_on.err);
  CHECK(goes_on.exit_code == 0);
  CHECK_THAT(goes_on.out, Catch::Contains("Nothing to apply: \"src\" is at version 2"));
  CHECK(migrator_cli("verify yaml --db sqlite:from_sql.db", dir.path()).exit_code == 0);
  CHECK(migrator_cli("rollback yaml --to 0 --db sqlite:from_sql.db", dir.path()).exit_code == 0);
}

TEST_CASE("import: the wrong ways to call it write nothing", "[cli]") {
  TempDir dir;
  write_plan(dir);
  dir.write("taken/notes.txt", "mine\n");
  const auto taken = migrator_cli("import src taken", dir.path());
  CHECK(taken.exit_code == 2);
  CHECK(taken.err == "migrator: error: \"taken\" already exists; nothing was written\n"
                     "  hint: name a new directory (import never writes over files)\n");
  CHECK(dir.read("taken/notes.txt") == "mine\n");
  const auto wrong_form = migrator_cli("import --from dbmate src out", dir.path());
  CHECK(wrong_form.exit_code == 2);
  CHECK(wrong_form.err ==
        "migrator: error: \"src\" is a golang-migrate plan, not dbmate (told from its file names); nothing was written\n"
        "  hint: leave out --from, or name the directory of a dbmate plan\n");
  const auto unknown_form = migrator_cli("import --from liquibase src out", dir.path());
  CHECK(unknown_form.exit_code == 2);
  CHECK_THAT(unknown_form.err, Catch::Contains("liquibase"));
  REQUIRE(migrator_cli("import src yaml -q", dir.path()).exit_code == 0);
  const auto again = migrator_cli("import yaml twice", dir.path());
  CHECK(again.exit_code == 2);
  CHECK(again.err == "migrator: error: \"yaml\" is already a migrator plan (NNN_name.yaml files)\n"
                     "  hint: import reads dbmate, golang-migrate, Flyway and diesel directories\n");
  const auto missing = migrator_cli("import nowhere out", dir.path());
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("no plan directory \"nowhere\""));
  for (const auto* never : {"out", "twice", "out.importing", "twice.importing"}) {
    CHECK_FALSE(std::filesystem::exists(dir / never));
  }
}

TEST_CASE("import: each fixture's YAML gives the schema its SQL files give on PostgreSQL", "[postgres]") {
  for (const std::string form : {"dbmate", "golang-migrate", "flyway", "diesel"}) {
    INFO(form);
    TempDir dir;
    migrator::test::PostgresDatabase from_sql;
    migrator::test::PostgresDatabase from_yaml;
    const auto import = migrator_cli("import " + shell_quote((k_formats / form).string()) + " yaml", dir.path());
    INFO(import.out << import.err);
    REQUIRE(import.exit_code == 0);
    REQUIRE(migrator_cli("apply " + shell_quote((k_formats / form).string()) + " --db " + shell_quote(from_sql.url()))
                .exit_code == 0);
    const auto apply = migrator_cli("apply yaml --db " + shell_quote(from_yaml.url()), dir.path());
    INFO(apply.out << apply.err);
    REQUIRE(apply.exit_code == 0);
    CHECK(migrator::test::schema_fingerprint(from_sql.url()) == migrator::test::schema_fingerprint(from_yaml.url()));
    CHECK(migrator_cli("check yaml", dir.path()).exit_code == 0);
  }
}
