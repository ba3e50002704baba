#include "plan/loader.hpp"

#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "core/migration_version.hpp"
#include "support/temp_dir.hpp"

using migrator::core::Dialect;
using migrator::core::PlanError;
namespace plan = migrator::plan;

namespace {

const std::filesystem::path k_fixtures = std::filesystem::path(MIGRATOR_SOURCE_DIR) / "tests/data/plans";

// Every diagnostic of loading `dir`, one "file:line: key: message" (+ hint) block each, with
// the fixture directory stripped so the expectations read as in the files.
std::string load_errors(const std::filesystem::path& dir, plan::LoadOptions options = {}) {
  try {
    plan::load(dir, options);
  } catch (const PlanError& e) {
    std::string out;
    for (const auto& d : e.diagnostics()) {
      auto text = d.str();
      const auto prefix = dir.string() + "/";
      if (text.rfind(prefix, 0) == 0) {
        text = text.substr(prefix.size());
      }
      out += text + "\n";
    }
    return out;
  }
  return "loaded without error";
}

}  // namespace

TEST_CASE("loader: the vendor_normalization scenario loads", "[plan]") {
  const auto p = plan::load(std::filesystem::path(MIGRATOR_SOURCE_DIR) / "scenarios/vendor_normalization",
                            {Dialect::sqlite});
  CHECK(p.name == "vendor_normalization");
  REQUIRE(p.migrations.size() == 5);
  CHECK(p.migrations[0].version == 1);
  CHECK(p.migrations[4].version == 5);
  CHECK(p.timeouts.lock_timeout == std::chrono::seconds(5));
  const auto& step = p.migrations[1].steps[1];
  CHECK(step.name == "consolidate the spellings");
  REQUIRE(step.verify.size() == 3);
  CHECK(step.verify[0].expect == "2");
  CHECK(p.migrations[1].preserve.size() == 2);
  CHECK(std::holds_alternative<plan::Operation>(p.migrations[4].steps[0].action));
  CHECK(p.migrations[0].sha256.size() == 64);
}

TEST_CASE("loader: SQL text keeps the file line of its first line", "[plan]") {
  migrator::test::TempDir dir;
  dir.write("001_lines.yaml",
            "steps:\n"
            "  - name: block\n"
            "    sql: |\n"
            "      SELECT 1;\n"
            "      SELECT 2;\n"
            "    rollback: SELECT 3;\n");
  const auto p = plan::load(dir.path());
  const auto& sql = std::get<plan::Sql>(p.migrations[0].steps[0].action);
  REQUIRE(sql.common);
  CHECK(sql.common->loc.line == 4);
  CHECK(sql.common->loc.column == 7);
  CHECK(sql.common->text == "SELECT 1;\nSELECT 2;\n");
  const auto& rollback = std::get<plan::Sql>(*p.migrations[0].steps[0].rollback);
  CHECK(rollback.common->loc.line == 6);
  CHECK(p.migrations[0].name == "lines");
}

TEST_CASE("loader: an unknown key names file, line and the key it resembles", "[plan]") {
  CHECK(load_errors(k_fixtures / "bad_unknown_key") ==
        "001_create.yaml:5: steps[0].rolback: unknown key \"rolback\"\n"
        "  hint: did you mean \"rollback\"?\n"
        "001_create.yaml:3: steps[0].rollback: step \"create table\" has no rollback\n"
        "  hint: add rollback: with the SQL that undoes the step, or irreversible: with the "
        "reason it cannot be undone\n");
}

TEST_CASE("loader: wrong types are each reported", "[plan]") {
  CHECK(load_errors(k_fixtures / "bad_types") ==
        "001_types.yaml:2: transaction: expected true or false\n"
        "001_types.yaml:3: lock_timeout: \"soon\" is not a duration\n"
        "  hint: write it like 500ms, 30s, 2min or 1h (at most 596h)\n"
        "001_types.yaml:6: steps[0].sql: empty SQL\n"
        "  hint: write the statement(s) to run, or remove the key\n"
        "001_types.yaml:10: steps[0].verify[0].expect_rows: expected a whole number\n");
}

TEST_CASE("loader: versions must be numbered, unique and agree with the file name", "[plan]") {
  CHECK(load_errors(k_fixtures / "bad_versions") ==
        "001_first.yaml: duplicate version 1, also in \"0001_again.yaml\"\n"
        "  hint: give each migration its own version number\n"
        "002_second.yaml:1: version: version 3 disagrees with the file name (2)\n"
        "  hint: rename the file or remove the version key: the file name sets it\n"
        "abc_third.yaml: file name \"abc_third.yaml\" is not NNN_snake_name.yaml\n"
        "  hint: start the name with its version number, e.g. 001_create_vendors.yaml\n");
}

TEST_CASE("loader: versions are 64-bit: timestamps load, and 19 digits are refused", "[plan]") {
  migrator::test::TempDir dir;
  const std::string step = "steps:\n  - name: s\n    sql: SELECT 1\n    rollback: SELECT 1\n";
  dir.write("stamped/20240101120000_add_users.yaml", step);
  dir.write("stamped/20240102093000_add_orders.yaml", step);
  dir.write("stamped/999999999999999999_last.yaml", step);
  const auto loaded = plan::load(dir / "stamped");
  REQUIRE(loaded.migrations.size() == 3);
  CHECK(loaded.migrations[0].version == 20240101120000);
  CHECK(loaded.migrations[1].version == 20240102093000);
  CHECK(loaded.migrations[2].version == 999999999999999999);
  CHECK(loaded.migrations[0].name == "add users");

  dir.write("huge/9999999999999999999_too_big.yaml", step);
  dir.write("nineteen/1000000000000000000_fits_int64.yaml", step);  // 64-bit, yet past what new follows
  CHECK_THAT(load_errors(dir / "nineteen"), Catch::Contains("is not a whole number of at most 18 digits"));
  CHECK(load_errors(dir / "huge") ==
        "9999999999999999999_too_big.yaml: version \"9999999999999999999\" is not a whole number of at most 18 "
        "digits\n"
        "  hint: migrator keeps versions as 64-bit integers: a number, or a UTC time like 20240101120000\n");
}

TEST_CASE("loader: irreversible with a reason stands in for a rollback", "[plan]") {
  CHECK(load_errors(k_fixtures / "bad_no_rollback") ==
        "001_forward_only.yaml:3: steps[0].rollback: step \"create table\" has no rollback\n"
        "  hint: add rollback: with the SQL that undoes the step, or irreversible: with the "
        "reason it cannot be undone\n");
}

TEST_CASE("loader: a YAML syntax error names its line", "[plan]") {
  CHECK(load_errors(k_fixtures / "bad_yaml") ==
        "001_broken.yaml:5: YAML syntax error: end of sequence flow not found\n"
        "  hint: check the indentation and quoting near this line\n");
}

TEST_CASE("loader: a SQL field without a variant for the database in use", "[plan]") {
  CHECK(load_errors(k_fixtures / "bad_dialect", {Dialect::sqlite}) ==
        "001_postgres_only.yaml:5: steps[0].sql: no \"sqlite\" variant for the database in use\n"
        "  hint: add a sqlite: variant, or write one SQL text for every database\n");
  CHECK(load_errors(k_fixtures / "bad_dialect", {Dialect::postgres}) == "loaded without error");
}

TEST_CASE("loader: a duplicated key is an error, not silently dropped", "[plan]") {
  migrator::test::TempDir dir;
  dir.write("001_dup.yaml",
            "steps:\n"
            "  - name: one\n"
            "    sql: SELECT 1;\n"
            "    sql: SELECT 2;\n"
            "    rollback: SELECT 1;\n");
  CHECK(load_errors(dir.path()) ==
        "001_dup.yaml:4: steps[0].sql: duplicate key \"sql\"\n"
        "  hint: each key may appear once; remove or merge the second one\n");
}

TEST_CASE("loader: a built-in operation's arguments are checked", "[plan]") {
  migrator::test::TempDir dir;
  dir.write("001_op.yaml",
            "steps:\n"
            "  - name: required\n"
            "    set_not_null: {table: receipts, colum: vendor_id}\n"
            "    rollback:\n"
            "      drop_not_null: {table: receipts, column: vendor_id}\n");
  CHECK(load_errors(dir.path()) ==
        "001_op.yaml:3: steps[0].set_not_null.colum: unknown argument \"colum\"\n"
        "  hint: \"set_not_null\" takes: table, column\n"
        "001_op.yaml:3: steps[0].set_not_null.column: missing argument \"column\"\n"
        "  hint: the column\n");
}

TEST_CASE("loader: a missing plan directory is a usage error with a next step", "[plan]") {
  try {
    plan::load("/nonexistent/plan");
    FAIL("expected an error");
  } catch (const migrator::core::UsageError& e) {
    CHECK(std::string(e.what()) == "no plan directory \"/nonexistent/plan\"");
    CHECK(e.hint() == "name a directory of NNN_name.yaml files, or create one with `migrator new "
                      "/nonexistent/plan first_migration`");
    CHECK(e.exit_code() == 2);
  }
}

TEST_CASE("loader: a YAML plan may number as Flyway does, 1 < 1.1 < 1.10 < 2", "[plan]") {
  migrator::test::TempDir dir;
  const std::string step = "steps:\n  - name: s\n    sql: SELECT 1\n    rollback: SELECT 1\n";
  for (const auto* name : {"2_c.yaml", "1_a.yaml", "1.10_e.yaml", "1.1_b.yaml", "1.2.0_d.yaml"}) {
    dir.write(std::string("p/") + name, step);
  }
  const auto loaded = plan::load(dir / "p");
  std::vector<std::string> order;
  for (const auto& m : loaded.migrations) {
    order.push_back(migrator::core::version_text(m.version) + " " + m.name);
  }
  CHECK(order == std::vector<std::string>{"1 a", "1.1 b", "1.2 d", "1.10 e", "2 c"});
  CHECK(migrator::core::is_dotted(loaded.migrations[0].version));  // one dotted keys them all

  dir.write("q/1_a.yaml", step);
  dir.write("q/1.0_again.yaml", step);
  dir.write("q/1.1_b.yaml", step);
  CHECK_THAT(load_errors(dir / "q"), Catch::Contains("duplicate version 1"));
  dir.write("w/1.0_whole.yaml", step);  // 1.0 is 1: no dotted version in this plan
  CHECK(plan::load(dir / "w").migrations.at(0).version == 1);
}

TEST_CASE("loader: a preserve invariant compares equal or at_least, and takes no expect", "[plan]") {
  migrator::test::TempDir dir;
  const std::string step_then_preserve =
      "steps:\n"
      "  - name: add\n"
      "    sql: CREATE TABLE t (id INTEGER);\n"
      "    rollback: DROP TABLE t;\n"
      "preserve:\n"
      "  - name: rows\n"
      "    sql: SELECT count(*) FROM t\n";
  dir.write("001_add.yaml",
            step_then_preserve +
            "    compare: at_least\n"
            "  - name: same rows\n"
            "    sql: SELECT count(*) FROM t\n"
            "    compare: equal\n");
  const auto p = plan::load(dir.path(), {Dialect::sqlite});
  CHECK(p.migrations.at(0).preserve.at(0).compare == plan::Compare::at_least);
  CHECK(p.migrations.at(0).preserve.at(1).compare == plan::Compare::equal);

  dir.write("001_add.yaml",
            step_then_preserve +
            "    compare: more\n"
            "  - name: rows again\n"
            "    sql: SELECT count(*) FROM t\n"
            "    expect: 3\n");
  CHECK(load_errors(dir.path()) ==
        "001_add.yaml:8: preserve[0].compare: unknown comparison \"more\"\n"
        "  hint: equal (the default) or at_least (every number the same or larger after: rows the application "
        "adds meanwhile)\n"
        "001_add.yaml:11: preserve[1].expect: unknown key \"expect\"\n"
        "  hint: expected one of: name, sql, compare\n");
}
