// Other tools' plans read as they are (tests/data/formats: the same four migrations written
// as dbmate, golang-migrate, Flyway and diesel would have them), and what each form's
// mistakes are told.
#include "plan/sql_formats.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "plan/loader.hpp"
#include "support/temp_dir.hpp"
#include "util/sha256.hpp"

namespace plan = migrator::plan;
namespace core = migrator::core;
using migrator::test::TempDir;

namespace {

const std::filesystem::path k_formats = std::filesystem::path(MIGRATOR_SOURCE_DIR) / "tests/data/formats";

const std::string& step_sql(const plan::Migration& m) {
  return std::get<plan::Sql>(m.steps.at(0).action).common->text;
}

// Every diagnostic of loading `dir`, one str() per line.
std::string format_load_errors(const std::filesystem::path& dir) {
  try {
    plan::load(dir);
  } catch (const core::PlanError& e) {
    std::string out;
    for (const auto& d : e.diagnostics()) {
      out += d.str() + "\n";
    }
    return out;
  }
  return "(loaded)";
}

}  // namespace

TEST_CASE("sql formats: each fixture loads as the same four migrations", "[plan]") {
  for (const auto* form : {"dbmate", "golang-migrate", "flyway", "diesel"}) {
    INFO(form);
    const auto p = plan::load(k_formats / form);
    CHECK(std::string(plan::to_string(p.format)) == form);
    CHECK(p.dialects == std::vector{core::Dialect::postgres});
    CHECK(p.warnings.empty());
    const bool diesel = std::string(form) == "diesel";
    REQUIRE(p.migrations.size() == (diesel ? 5U : 4U));
    const auto* create = p.find(20240101120000);
    const auto* trigger = p.find(20240102090000);
    const auto* index = p.find(20240103100000);
    const auto* status = p.find(20240104080000);
    REQUIRE((create && trigger && index && status));
    CHECK(create->name == "create accounts");
    CHECK(create->transaction);
    CHECK(trigger->transaction);  // END; in a $$ body is no transaction control
    CHECK_FALSE(index->transaction);  // CONCURRENTLY: the file's option, or as PostgreSQL requires
    CHECK(status->transaction);   // its own BEGIN ... COMMIT blanked, run in migrator's transaction
    CHECK(step_sql(*status).find("BEGIN") == std::string::npos);
    CHECK(step_sql(*status).find("COMMIT") == std::string::npos);
    CHECK(step_sql(*status).find("ADD COLUMN status") != std::string::npos);
    const auto& rollback = std::get<plan::Sql>(*create->steps[0].rollback).common;
    REQUIRE(rollback);
    CHECK(rollback->text.find("DROP TABLE accounts;") != std::string::npos);
    if (diesel) {
      REQUIRE(p.find(0) != nullptr);
      CHECK(p.migrations.front().name == "diesel initial setup");
      CHECK(p.migrations.front().steps[0].name == "00000000000000_diesel_initial_setup/up.sql");
    }
  }
}

TEST_CASE("sql formats: dbmate sections keep the lines of the file", "[plan]") {
  const auto p = plan::load(k_formats / "dbmate");
  const auto& m = *p.find(20240101120000);
  const auto& up = *std::get<plan::Sql>(m.steps[0].action).common;
  const auto& down = *std::get<plan::Sql>(*m.steps[0].rollback).common;
  CHECK(up.loc.line == 2);
  CHECK(up.text.rfind("-- Accounts and their audit trail", 0) == 0);
  CHECK(up.text.find("migrate:down") == std::string::npos);
  CHECK(down.loc.line == 16);
  CHECK(down.text == "DROP TABLE audit_log;\nDROP TABLE accounts;\n");
}

TEST_CASE("sql formats: a missing down makes the migration irreversible, an empty one a no-op", "[plan]") {
  TempDir dir;
  dir.write("g/1_users.up.sql", "CREATE TABLE users (id int);\n");
  dir.write("g/2_seed.up.sql", "   \n");
  dir.write("g/2_seed.down.sql", "");
  dir.write("d/20240101000000_users.sql", "-- migrate:up\nCREATE TABLE users (id int);\n");
  const auto g = plan::load(dir / "g");
  CHECK(g.migrations[0].steps[0].irreversible == "there is no down migration (1_users.down.sql)");
  CHECK_FALSE(g.migrations[0].steps[0].rollback);
  CHECK(step_sql(g.migrations[1]) == "   \n");
  CHECK(std::get<plan::Sql>(*g.migrations[1].steps[0].rollback).common->text.empty());
  const auto d = plan::load(dir / "d");
  CHECK(d.migrations[0].steps[0].irreversible ==
        "there is no down migration (no `-- migrate:down` line in 20240101000000_users.sql)");
}

TEST_CASE("sql formats: a checksum covers the down file too", "[plan]") {
  TempDir dir;
  dir.write("g/1_users.up.sql", "CREATE TABLE users (id int);\n");
  dir.write("g/1_users.down.sql", "DROP TABLE users;\n");
  const auto before = plan::load(dir / "g").migrations[0].sha256;
  dir.write("g/1_users.down.sql", "DROP TABLE users CASCADE;\n");
  CHECK(plan::load(dir / "g").migrations[0].sha256 != before);
  dir.write("g/1_users.down.sql", "DROP TABLE users;\r\n");  // line endings as today: normalized
  dir.write("g/1_users.up.sql", "CREATE TABLE users (id int);\r\n");
  CHECK(plan::load(dir / "g").migrations[0].sha256 == before);
}

TEST_CASE("sql formats: a mixed directory is an error naming a file of each form", "[plan]") {
  TempDir dir;
  dir.write("m/1_users.up.sql", "CREATE TABLE users (id int);\n");
  dir.write("m/V2__orders.sql", "CREATE TABLE orders (id int);\n");
  dir.write("m/003_items.yaml", "steps:\n  - name: s\n    sql: SELECT 1\n    rollback: SELECT 1\n");
  CHECK(format_load_errors(dir / "m") ==
        (dir / "m").string() +
            ": the directory mixes the migration files of several tools: migrator (003_items.yaml), "
            "golang-migrate (1_users.up.sql), flyway (V2__orders.sql)\n"
            "  hint: a plan is in one form; move the others into a plan directory of their own\n");
}

TEST_CASE("sql formats: dbmate files without their markers are refused with the line", "[plan]") {
  TempDir dir;
  dir.write("a/1_no_marker.sql", "CREATE TABLE t (id int);\n");
  CHECK(format_load_errors(dir / "a") == (dir / "a/1_no_marker.sql").string() +
                                      ":1: no `-- migrate:up` line\n"
                                      "  hint: a dbmate migration holds a line `-- migrate:up`, its SQL, then a line "
                                      "`-- migrate:down` and the SQL that undoes it\n");
  dir.write("b/1_above.sql", "-- fine\nCREATE TABLE t (id int);\n-- migrate:up\nSELECT 1;\n-- migrate:down\n");
  CHECK(format_load_errors(dir / "b") == (dir / "b/1_above.sql").string() +
                                      ":2: SQL above the `-- migrate:up` line would never run\n"
                                      "  hint: move it below `-- migrate:up`, or make it a comment\n");
  dir.write("c/1_order.sql", "-- migrate:down\nDROP TABLE t;\n-- migrate:up\nCREATE TABLE t (id int);\n");
  CHECK_THAT(format_load_errors(dir / "c"), Catch::Contains("1_order.sql:1: `-- migrate:down` comes before `-- migrate:up`"));
}

TEST_CASE("sql formats: Atlas's own files (up SQL alone, atlas.sum) are named as such, with the way to read them",
          "[plan]") {
  TempDir dir;
  dir.write("m/20240101120000_init.sql", "CREATE TABLE a (id int);\n");
  dir.write("m/20240102120000_b.sql", "CREATE TABLE b (id int);\n");
  dir.write("m/atlas.sum", "h1:x\n");
  const auto m = (dir / "m").string();
  CHECK(format_load_errors(dir / "m") ==
        m + ": these are Atlas's own migration files (atlas.sum beside 2 VERSION_name.sql files, none with dbmate's "
            "`-- migrate:up`, such as 20240101120000_init.sql): migrator reads the golang-migrate, dbmate and Flyway "
            "forms Atlas also writes, not its own\n"
            "  hint: rename each to VERSION_name.up.sql, golang-migrate's form (up SQL alone, as Atlas's are), then "
            "`atlas migrate hash --dir \"file://" + m + "?format=golang-migrate\"`: Atlas reads them so too\n");
  // One file with dbmate's markers: a dbmate plan whose other file lost them, said of that file.
  dir.write("m/20240102120000_b.sql", "-- migrate:up\nCREATE TABLE b (id int);\n");
  CHECK_THAT(format_load_errors(dir / "m"), Catch::StartsWith((dir / "m/20240101120000_init.sql").string() +
                                                              ":1: no `-- migrate:up` line\n"));
}

TEST_CASE("sql formats: diesel stamps of 14 and 18 digits order as diesel orders them, as text", "[plan]") {
  TempDir dir;
  for (const auto* folder : {"00000000000000_diesel_initial_setup", "2017-01-01-120000_a", "2026-01-20-162913_b",
                             "2025-12-01-120000-0000_c", "20140924113530_d", "2026-05-27-120000-0000_e",
                             "2026-05-27-120000_f"}) {
    dir.write(std::string("m/") + folder + "/up.sql", "SELECT 1;\n");
  }
  const auto mixed = plan::load(dir / "m");
  std::vector<std::string> order;
  for (const auto& m : mixed.migrations) {
    order.push_back(std::to_string(m.version) + " " + m.name);
  }
  // 2025-12-01-...-0000 before 2026-01-20, which numbers as written would put first.
  // A stamp before the longer one it begins, as text puts it (crates.io has such a pair).
  CHECK(order == std::vector<std::string>{"0 diesel initial setup", "201409241135300000 d", "201701011200000000 a",
                                          "202512011200000000 c", "202601201629130000 b", "202605271199999999 f",
                                          "202605271200000000 e"});
  CHECK(plan::diesel_stamp(mixed.migrations[5].file) == "20260527120000");
  CHECK(plan::diesel_stamp(mixed.migrations[6].file) == "202605271200000000");
  CHECK_FALSE(plan::diesel_stamp(dir / "m" / "x.sql"));
  // Stamps of one length are keyed as written.
  dir.write("one/2017-01-01-120000_a/up.sql", "SELECT 1;\n");
  dir.write("one/2026-01-20-162913_b/up.sql", "SELECT 1;\n");
  CHECK(plan::load(dir / "one").migrations.back().version == 20260120162913);
}

TEST_CASE("sql formats: dbmate transaction:false, Flyway executeInTransaction, diesel metadata.toml", "[plan]") {
  TempDir dir;
  dir.write("d/1_a.sql", "-- migrate:up transaction:false\nSELECT 1;\n-- migrate:down\nSELECT 2;\n");
  dir.write("d/2_b.sql", "--migrate:up\nSELECT 1;\n--migrate:down\nSELECT 2;\n");
  // Tabs and CRLF around the marker; a word glued to it ("migrate:upgrade") is a comment.
  dir.write("d/3_c.sql", "--\tmigrate:up\ttransaction:false  \r\n-- migrate:upgrade\r\nSELECT 1;\r\n"
                         "--migrate:down\r\nSELECT 2;\r\n");
  const auto d = plan::load(dir / "d");
  CHECK_FALSE(d.migrations[0].transaction);
  CHECK(d.migrations[1].transaction);
  CHECK_FALSE(d.migrations[2].transaction);
  CHECK(step_sql(d.migrations[2]) == "-- migrate:upgrade\r\nSELECT 1;\r\n");
  CHECK(d.migrations[2].name == "c");
  dir.write("f/V1__a.sql", "SELECT 1;\n");
  dir.write("f/V1__a.sql.conf", "executeInTransaction=false\n");
  dir.write("f/V2__b.sql", "VACUUM;\n");
  dir.write("f/V3__c.sql", "SELECT 1;\n");
  const auto f = plan::load(dir / "f");
  CHECK(f.warnings.empty());  // the .conf is the script's, no stray file
  CHECK_FALSE(f.migrations[0].transaction);
  CHECK_FALSE(f.migrations[1].transaction);  // VACUUM cannot run in a transaction block
  CHECK(f.migrations[2].transaction);
  dir.write("s/2024-01-01-000000_a/up.sql", "SELECT 1;\n");
  dir.write("s/2024-01-01-000000_a/metadata.toml", "# settings\nrun_in_transaction = false\n");
  CHECK_FALSE(plan::load(dir / "s").migrations[0].transaction);
}

TEST_CASE("sql formats: a file that commits half way runs as written, outside a transaction", "[plan]") {
  TempDir dir;
  dir.write("g/1_batches.up.sql", "UPDATE t SET a = 1 WHERE id < 10;\nCOMMIT;\nUPDATE t SET a = 1;\n");
  CHECK_FALSE(plan::load(dir / "g").migrations[0].transaction);
  // BEGIN ... ROLLBACK is no wrapper to drop: blanked, its work would commit.
  dir.write("r/1_try.up.sql", "BEGIN;\nCREATE TABLE t (id int);\nROLLBACK;\n");
  const auto r = plan::load(dir / "r");
  CHECK_FALSE(r.migrations[0].transaction);
  CHECK(step_sql(r.migrations[0]) == "BEGIN;\nCREATE TABLE t (id int);\nROLLBACK;\n");
}

TEST_CASE("sql formats: Flyway's dotted versions in Flyway's order, each with its undo", "[plan]") {
  TempDir dir;
  for (const std::string name : {"V2__e", "V1.10__d", "V1_2__c", "V1.1__b", "V1__a", "U1.1__b", "U1_2__c"}) {
    dir.write("f/" + name + ".sql", "SELECT '" + name + "';\n");
  }
  const auto p = plan::load(dir / "f");
  std::vector<std::string> order;
  for (const auto& m : p.migrations) {
    order.push_back(migrator::core::version_text(m.version) + " " + m.name);
  }
  CHECK(order == std::vector<std::string>{"1 a", "1.1 b", "1.2 c", "1.10 d", "2 e"});
  CHECK(p.migrations[1].steps[0].rollback);
  CHECK_FALSE(p.migrations[3].steps[0].rollback);
  CHECK(p.migrations[3].steps[0].irreversible == "there is no down migration (U1.10__d.sql)");
  // Whole numbers only: the plan keeps whole-number keys, as before its first dotted version.
  dir.write("w/V1__a.sql", "SELECT 1;\n");
  dir.write("w/V2.0__b.sql", "SELECT 1;\n");
  const auto w = plan::load(dir / "w");
  CHECK(w.migrations[1].version == 2);
}

TEST_CASE("sql formats: Flyway sends no no-break space between statements, golang-migrate sends the file", "[plan]") {
  TempDir dir;
  const std::string file = "CREATE TABLE a (id int);\xC2\xA0\nCREATE TABLE b (id int);\n";
  dir.write("f/V1__a.sql", file);
  dir.write("f/U1__a.sql", "DROP TABLE b;\xC2\xA0\nDROP TABLE a;\n");
  dir.write("f/R__v.sql", "\xC2\xA0" "CREATE OR REPLACE VIEW v AS SELECT 1;\n");
  const auto f = plan::load(dir / "f");
  CHECK(step_sql(f.migrations.at(0)) == "CREATE TABLE a (id int);  \nCREATE TABLE b (id int);\n");
  CHECK(std::get<plan::Sql>(*f.migrations.at(0).steps.at(0).rollback).common->text == "DROP TABLE b;  \nDROP TABLE a;\n");
  CHECK(step_sql(f.repeatables.at(0)) == "  CREATE OR REPLACE VIEW v AS SELECT 1;\n");
  // The checksum is the file's: a history written by another reading of it still matches.
  CHECK(f.migrations.at(0).sha256 == migrator::util::sha256_hex(file + '\0' + "DROP TABLE b;\xC2\xA0\nDROP TABLE a;\n"));
  dir.write("g/1_a.up.sql", file);
  CHECK(step_sql(plan::load(dir / "g").migrations.at(0)) == file);  // PostgreSQL refuses it there too
}

TEST_CASE("sql formats: what Flyway and golang-migrate forms cannot say is named", "[plan]") {
  TempDir dir;
  dir.write("f/V1__a.sql", "SELECT 1;\n");
  dir.write("f/V1.0__b.sql", "SELECT 1;\n");
  CHECK_THAT(format_load_errors(dir / "f"), Catch::Contains("V1__a.sql: duplicate version 1, also in \"V1.0__b.sql\"") ||
                                         Catch::Contains("V1.0__b.sql: duplicate version 1, also in \"V1__a.sql\""));
  dir.write("n/V1..2__a.sql", "SELECT 1;\n");
  CHECK_THAT(format_load_errors(dir / "n"),
             Catch::Contains("V1..2__a.sql: version \"1..2\" is not whole numbers separated by dots"));
  dir.write("r/V1__a.sql", "SELECT 1;\n");
  dir.write("r/R__views.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;\n");
  dir.write("r/U2__orphan.sql", "SELECT 1;\n");
  CHECK_THAT(format_load_errors(dir / "r"), Catch::Contains("U2__orphan.sql: an undo migration without its V2__ script"));
  dir.write("g/1_a.down.sql", "SELECT 1;\n");
  dir.write("g/2_b.up.sql", "SELECT 1;\n");
  CHECK_THAT(format_load_errors(dir / "g"), Catch::Contains("1_a.down.sql: a down migration without its up (1_a.up.sql)"));
  dir.write("w/V1__a.sql", "SELECT 1;\n");
  dir.write("w/R__views.sql", "SELECT 1;\n");
  dir.write("w/notes.sql", "SELECT 1;\n");
  const auto w = plan::load(dir / "w");
  REQUIRE(w.warnings.size() == 1);
  CHECK(w.warnings[0].str() == (dir / "w/notes.sql").string() +
                                   ": not a flyway migration file, and not run\n"
                                   "  hint: name it as the others (V<version>__<description>.sql, "
                                   "U<version>__<description>.sql), or move it out of the plan");
  dir.write("w/v2__lower.sql", "SELECT 1;\n");
  const auto lower = plan::load(dir / "w");
  REQUIRE(lower.warnings.size() == 2);
  CHECK(lower.warnings[1].str() == (dir / "w/v2__lower.sql").string() +
                                       ": not a flyway migration file, and not run (Flyway's prefixes are upper "
                                       "case: Flyway skips it too)\n  hint: rename it V2__lower.sql if it is a "
                                       "migration");
}

TEST_CASE("sql formats: Flyway scripts in subfolders are read, as Flyway reads its locations", "[plan]") {
  TempDir dir;
  dir.write("f/0.1/V0.1.1__a.sql", "CREATE TABLE a (id int);\n");
  dir.write("f/0.1/U0.1.1__a.sql", "DROP TABLE a;\n");
  dir.write("f/0.2/fixes/V0.2.1__b.sql", "CREATE TABLE b (id int);\n");
  dir.write("f/0.2/fixes/V0.2.1__b.sql.conf", "executeInTransaction=false\n");
  dir.write("f/V0.10__c.sql", "CREATE TABLE c (id int);\n");
  dir.write("f/R__v.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;\n");
  const auto p = plan::load(dir / "f");
  REQUIRE(p.migrations.size() == 3);
  CHECK(migrator::core::version_text(p.migrations[0].version) == "0.1.1");
  CHECK(p.migrations[0].steps[0].rollback);
  CHECK(p.migrations[1].file == dir / "f/0.2/fixes/V0.2.1__b.sql");
  CHECK_FALSE(p.migrations[1].transaction);  // its .sql.conf beside it
  CHECK(migrator::core::version_text(p.migrations[2].version) == "0.10");
  CHECK(p.repeatables.size() == 1);
  CHECK(p.warnings.empty());
  // Two scripts of one version in different folders: Flyway refuses them, and so does migrator.
  dir.write("f/0.3/V0.10__again.sql", "SELECT 1;\n");
  CHECK_THAT(format_load_errors(dir / "f"), Catch::Contains("duplicate version 0.10"));
}

TEST_CASE("sql formats: Flyway's R__ scripts are repeatable migrations, by name", "[plan]") {
  TempDir dir;
  dir.write("f/V1__a.sql", "CREATE TABLE a (id int);\n");
  dir.write("f/R__z_view.sql", "CREATE OR REPLACE VIEW z AS SELECT 1;\n");
  dir.write("f/R__a_function.sql", "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n");
  const auto p = plan::load(dir / "f");
  REQUIRE(p.migrations.size() == 1);
  REQUIRE(p.repeatables.size() == 2);
  CHECK(p.repeatables[0].name == "a function");
  CHECK(p.repeatables[1].name == "z view");
  CHECK(p.repeatables[1].repeatable);
  CHECK(p.repeatables[1].steps[0].irreversible ==
        "there is no down migration (Flyway's repeatable migrations have none)");
  CHECK(p.warnings.empty());
}

TEST_CASE("sql formats: a YAML repeatable migration is R__name.yaml and says repeatable: true", "[plan]") {
  TempDir dir;
  const std::string steps = "steps:\n  - name: v\n    sql: CREATE VIEW v AS SELECT 1;\n    rollback: DROP VIEW v;\n";
  dir.write("y/001_a.yaml", "steps:\n  - name: a\n    sql: CREATE TABLE a (id int);\n    rollback: DROP TABLE a;\n");
  dir.write("y/R__v.yaml", "repeatable: true\n" + steps);
  const auto p = plan::load(dir / "y");
  REQUIRE(p.repeatables.size() == 1);
  CHECK(p.repeatables[0].name == "v");
  dir.write("n/R__v.yaml", steps);
  CHECK(format_load_errors(dir / "n") ==
        (dir / "n/R__v.yaml").string() +
            ":1: repeatable: a file named R__<name>.yaml holds a repeatable migration, and says so\n"
            "  hint: add repeatable: true, or name the file NNN_name.yaml for a versioned migration\n");
  dir.write("v/002_v.yaml", "repeatable: true\n" + steps);
  CHECK_THAT(format_load_errors(dir / "v"),
             Catch::Contains("002_v.yaml:1: repeatable: a repeatable migration has no version: its file is "
                             "named R__<name>.yaml\n  hint: rename the file R__v.yaml"));
  dir.write("d/R__v.yaml", "repeatable: true\n" + steps);
  dir.write("d/R__v.yml", "repeatable: true\n" + steps);
  CHECK_THAT(format_load_errors(dir / "d"), Catch::Contains("R__v.yml: a second repeatable migration named \"v\", also in "
                                                     "\"R__v.yaml\""));
}

TEST_CASE("sql formats: a plan for another database is refused before anything runs", "[plan]") {
  TempDir dir;
  dir.write("g/1_a.up.sql", "SELECT 1;\n");
  try {
    plan::load(dir / "g", {core::Dialect::sqlite});
    FAIL("loaded");
  } catch (const core::UsageError& e) {
    CHECK(std::string(e.what()) == "plan \"g\" is written for postgres, not sqlite (nothing was run)");
    CHECK_THAT(e.hint(), Catch::Contains("dialects: [postgres, sqlite]"));
  }
  dir.write("g/plan.yaml", "dialects: [postgres, sqlite]\n");
  CHECK(plan::load(dir / "g", {core::Dialect::sqlite}).migrations.size() == 1);
  dir.write("y/plan.yaml", "dialects: [sqlite]\n");
  dir.write("y/001_a.yaml", "steps:\n  - name: s\n    sql: SELECT 1\n    rollback: SELECT 1\n");
  CHECK_THROWS_AS(plan::load(dir / "y", {core::Dialect::postgres}), core::UsageError);
  dir.write("z/plan.yaml", "dialects: [oracle]\n");
  dir.write("z/001_a.yaml", "steps:\n  - name: s\n    sql: SELECT 1\n    rollback: SELECT 1\n");
  CHECK_THAT(format_load_errors(dir / "z"), Catch::Contains("plan.yaml:1: dialects[0]: unknown database \"oracle\""));
}

TEST_CASE("sql formats: a YAML migration runs a team's SQL files with sql_file and rollback_file", "[plan]") {
  TempDir dir;
  dir.write("p/sql/up.sql", "CREATE TABLE t (id int);\n");
  dir.write("p/sql/down.sql", "DROP TABLE t;\n");
  dir.write("p/001_t.yaml",
            "steps:\n  - name: create t\n    sql_file: sql/up.sql\n    rollback_file: sql/down.sql\n"
            "    verify:\n      - name: t exists\n        sql: SELECT count(*) FROM t\n        expect: \"0\"\n");
  dir.write("p/000001_t.up.sql", "CREATE TABLE t (id int);\n");
  dir.write("p/002_u.yaml", "steps:\n  - name: u\n    sql_file: 000001_t.up.sql\n    rollback: SELECT 1\n");
  auto p = plan::load(dir / "p");
  CHECK(p.format == plan::PlanFormat::migrator);
  CHECK(p.warnings.empty());  // the files it reads are neither stray nor a golang-migrate plan
  const auto& up = *std::get<plan::Sql>(p.migrations[0].steps[0].action).common;
  CHECK(up.text == "CREATE TABLE t (id int);\n");
  CHECK(up.loc.file == dir / "p/sql/up.sql");
  CHECK(up.loc.line == 1);
  const auto before = p.migrations[0].sha256;
  dir.write("p/sql/down.sql", "DROP TABLE t CASCADE;\n");
  CHECK(plan::load(dir / "p").migrations[0].sha256 != before);
  dir.write("p/003_v.yaml", "steps:\n  - name: v\n    sql_file: missing.sql\n    rollback_file: sql/down.sql\n    rollback: SELECT 1\n");
  const auto errors = format_load_errors(dir / "p");
  CHECK_THAT(errors, Catch::Contains("003_v.yaml:3: steps[0].sql_file: no file \"" + (dir / "p/missing.sql").string()));
  CHECK_THAT(errors, Catch::Contains("003_v.yaml:4: steps[0].rollback_file: step has both \"rollback\" and \"rollback_file\""));
}

TEST_CASE("sql formats: YAML SQL of only blanks is a step that runs nothing, as a comment is", "[plan]") {
  TempDir dir;
  dir.write("p/001_a.yaml", "steps:\n  - name: s\n    sql: \"  \"\n    rollback: \"-- nothing\"\n");
  CHECK(plan::load(dir / "p").migrations.size() == 1);
  dir.write("p/001_a.yaml", "steps:\n  - name: s\n    sql: SELECT 1\n    rollback: SELECT 1\n"
                            "    verify:\n      - name: c\n        sql: \" \"\n");
  CHECK_THAT(format_load_errors(dir / "p"), Catch::Contains("steps[0].verify[0].sql: empty SQL"));
}

TEST_CASE("sql formats: a BEGIN ... COMMIT wrapper is blanked to the byte, comments kept", "[plan]") {
  TempDir dir;
  dir.write("g/1_a.up.sql", "-- why\nBEGIN;\nSET LOCAL lock_timeout = '5s';\nALTER TABLE t ADD COLUMN c int;\nCOMMIT;\n");
  const auto p = plan::load(dir / "g");
  CHECK(p.migrations[0].transaction);
  CHECK(step_sql(p.migrations[0]) ==
        "-- why\n      \nSET LOCAL lock_timeout = '5s';\nALTER TABLE t ADD COLUMN c int;\n       \n");
}

// sql_file_format matches names by hand, for speed: exactly as these regular expressions do.
TEST_CASE("sql formats: file names are told apart exactly as the forms' regular expressions", "[plan]") {
  const std::regex diesel(R"([0-9][0-9-]*_.+)");
  const std::regex golang_migrate(R"([0-9]+_.+\.(up|down)\.(.*\.)?sql)");
  const std::regex flyway(R"([VU][0-9][0-9._]*__.+\.sql|R__.+\.sql)");
  const std::regex dbmate(R"([0-9]+_.+\.sql)");
  const auto expected = [&](const std::string& name, bool folder) -> std::optional<plan::PlanFormat> {
    if (folder) {
      return std::regex_match(name, diesel) ? std::optional(plan::PlanFormat::diesel) : std::nullopt;
    }
    for (const auto& [re, format] : {std::pair{&golang_migrate, plan::PlanFormat::golang_migrate},
                                     std::pair{&flyway, plan::PlanFormat::flyway},
                                     std::pair{&dbmate, plan::PlanFormat::dbmate}}) {
      if (std::regex_match(name, *re)) {
        return format;
      }
    }
    return std::nullopt;
  };
  // Every name of up to five pieces from parts that meet at the forms' edges.
  const std::vector<std::string> parts = {"", "1", "20240101", "_", "__", "-", ".", "V", "U", "R", "a", "x y",
                                          ".sql", ".up", ".down", ".up.sql", "\n", "v", "2024-01-01-000000", "sql"};
  std::vector<std::string> names = {""};
  for (int length = 0; length < 4; ++length) {
    std::vector<std::string> longer;
    for (const auto& name : names) {
      for (const auto& part : parts) {
        longer.push_back(name + part);
      }
    }
    names.insert(names.end(), longer.begin(), longer.end());
  }
  std::size_t compared = 0;
  for (const auto& tail : {"", ".sql", ".up.sql", ".down.sql"}) {
    for (std::size_t i = 0, count = names.size(); i < count; ++i) {
      const auto name = names[i] + tail;
      for (const bool folder : {false, true}) {
        if (plan::sql_file_format(name, folder) != expected(name, folder)) {
          FAIL_CHECK("\"" << name << "\" as a " << (folder ? "folder" : "file"));
        }
        ++compared;
      }
    }
  }
  CHECK(compared == 4 * 2 * names.size());
  CHECK(names.size() == 21 * 21 * 21 * 21);
  CHECK(plan::sql_file_format("V1.1__x.sql", false) == plan::PlanFormat::flyway);
  CHECK(plan::sql_file_format("V1__2__x.sql", false) == plan::PlanFormat::flyway);
  CHECK(plan::sql_file_format("1_x.down.sql", false) == plan::PlanFormat::golang_migrate);
  CHECK(plan::sql_file_format("30_ignore_autotag.up..sql", false) == plan::PlanFormat::golang_migrate);  // stash's
  CHECK(plan::sql_file_format("1_.sql", false) == std::nullopt);
}
