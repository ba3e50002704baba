// Hostile plan directories (issue 9, items 1, 7, 10, 12, 13): every odd entry is a plan
// error naming the file, before any database is touched; nothing hangs, loops or escapes as
// an exception.
#include "plan/plan_file.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "plan/loader.hpp"
#include "support/temp_dir.hpp"

namespace plan = migrator::plan;
using migrator::core::PlanError;

namespace {

const std::string k_good = "steps:\n  - name: make t\n    sql: CREATE TABLE t (id INTEGER)\n    rollback: DROP TABLE t\n";

// The diagnostics of loading `dir`, "file:line: key: message" each, the directory stripped.
std::string plan_file_errors(const migrator::test::TempDir& dir) {
  try {
    plan::load(dir.path());
  } catch (const PlanError& e) {
    std::string out;
    for (const auto& d : e.diagnostics()) {
      auto text = d.str();
      const auto prefix = dir.path().string() + "/";
      if (text.rfind(prefix, 0) == 0) {
        text = text.substr(prefix.size());
      }
      out += text.substr(0, text.find('\n')) + "\n";
    }
    return out;
  }
  return "loaded without error";
}

}  // namespace

TEST_CASE("plan files: a NUL written as \"\\0\" in SQL is refused at its line", "[plan]") {
  migrator::test::TempDir dir;
  dir.write("001_nul.yaml",
            "steps:\n  - name: make t\n    sql: \"CREATE TABLE t (id INTEGER);\\0 DROP TABLE x\"\n"
            "    rollback: DROP TABLE t\n");
  CHECK(plan_file_errors(dir) ==
        "001_nul.yaml:3: steps[0].sql: the SQL holds a NUL character (\"\\0\"), which no database takes in SQL or "
        "names\n");
}

TEST_CASE("plan files: a NUL in a name, a check or a rollback is refused too", "[plan]") {
  migrator::test::TempDir dir;
  dir.write("001_nul.yaml",
            "name: \"a\\0b\"\nsteps:\n  - name: make t\n    sql: CREATE TABLE t (id INTEGER)\n"
            "    rollback: \"DROP TABLE t\\0\"\n    verify:\n      - name: one\n        sql: \"SELECT 1\\0\"\n");
  const auto errors = plan_file_errors(dir);
  CHECK_THAT(errors, Catch::Contains("001_nul.yaml:1: name: the text holds a NUL character"));
  CHECK_THAT(errors, Catch::Contains("001_nul.yaml:5: steps[0].rollback: the SQL holds a NUL"));
  CHECK_THAT(errors, Catch::Contains("001_nul.yaml:8: steps[0].verify[0].sql: the SQL holds a NUL"));
}

TEST_CASE("plan files: bytes that are not UTF-8 are refused at their line and column", "[plan]") {
  migrator::test::TempDir dir;
  dir.write("001_bad.yaml", "name: caf\xC3\n" + k_good);
  dir.write("002_sql.yaml", "steps:\n  - name: make u\n    sql: CREATE TABLE \xFFu (id INTEGER)\n    rollback: DROP TABLE u\n");
  CHECK(plan_file_errors(dir) ==
        "001_bad.yaml:1: not UTF-8: byte 0xC3 here\n"
        "002_sql.yaml:3: not UTF-8: byte 0xFF here\n");
}

TEST_CASE("plan files: an escape that makes a lone surrogate is refused", "[plan]") {
  migrator::test::TempDir dir;
  dir.write("001_surrogate.yaml", "name: \"x\\uD800\"\n" + k_good);
  // yaml-cpp refuses it itself; value_problem() would otherwise.
  CHECK_THAT(plan_file_errors(dir), Catch::StartsWith("001_surrogate.yaml:1: YAML syntax error: invalid unicode"));
  CHECK(plan::value_problem("x\xED\xA0\x80") == "is not valid UTF-8");
}

TEST_CASE("plan files: a plan directory whose path is not UTF-8 is refused", "[plan]") {
  migrator::test::TempDir dir;
  dir.write("pl\xFF" "an/001_create.yaml", k_good);
  try {
    plan::load(dir / "pl\xFF" "an");
    FAIL("loaded");
  } catch (const PlanError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics().front().message == "the plan directory's path is not valid UTF-8");
  }
}

TEST_CASE("plan files: entries named like migrations that are not files are named", "[plan]") {
  migrator::test::TempDir dir;
  dir.write("001_create.yaml", k_good);
  std::filesystem::create_directories(dir / "002_a_directory.yaml");
  REQUIRE(::mkfifo((dir / "003_a_fifo.yaml").c_str(), 0600) == 0);
  std::filesystem::create_symlink("/dev/null", dir / "004_null.yaml");
  std::filesystem::create_symlink("005_loop.yaml", dir / "005_loop.yaml");
  std::filesystem::create_symlink("no-such-file", dir / "006_dangling.yaml");
  CHECK(plan_file_errors(dir) ==
        "002_a_directory.yaml: is a directory, not a file\n"
        "003_a_fifo.yaml: is a FIFO, not a file\n"
        "004_null.yaml: is a character device, not a file\n"
        "005_loop.yaml: cannot read: Too many levels of symbolic links\n"
        "006_dangling.yaml: is missing (a link to nothing?), not a file\n");
}

TEST_CASE("plan files: a plan.yaml that is not a readable file is an error, never absent", "[plan]") {
  SECTION("linked to /dev/zero, which would be read forever") {
    migrator::test::TempDir dir;
    dir.write("001_create.yaml", k_good);
    std::filesystem::create_symlink("/dev/zero", dir / "plan.yaml");
    CHECK(plan_file_errors(dir) == "plan.yaml: is a character device, not a file\n");
  }
  SECTION("a FIFO, which would block") {
    migrator::test::TempDir dir;
    dir.write("001_create.yaml", k_good);
    REQUIRE(::mkfifo((dir / "plan.yaml").c_str(), 0600) == 0);
    CHECK(plan_file_errors(dir) == "plan.yaml: is a FIFO, not a file\n");
  }
  SECTION("a directory") {
    migrator::test::TempDir dir;
    dir.write("001_create.yaml", k_good);
    std::filesystem::create_directories(dir / "plan.yaml");
    CHECK(plan_file_errors(dir) == "plan.yaml: is a directory, not a file\n");
  }
  SECTION("empty: the plan would be named after its directory") {
    migrator::test::TempDir dir;
    dir.write("001_create.yaml", k_good);
    dir.write("plan.yaml", "");
    CHECK_THAT(plan_file_errors(dir), Catch::StartsWith("plan.yaml:1: plan.yaml is empty\n"));
  }
}

TEST_CASE("plan files: a file larger than a plan file can be is refused unread", "[plan]") {
  migrator::test::TempDir dir;
  dir.write("001_create.yaml", k_good);
  std::filesystem::resize_file(dir / "001_create.yaml", plan::k_max_plan_file_bytes + 1);
  CHECK(plan_file_errors(dir) == "001_create.yaml: is 16 MiB; a plan file is at most 16 MiB\n");
}

TEST_CASE("plan files: a plan path no filesystem can take is bad usage", "[plan]") {
  const std::filesystem::path too_long = std::string(300, 'p');
  CHECK_THROWS_WITH(plan::load(too_long), Catch::Contains("cannot read the plan directory") &&
                                              Catch::Contains("File name too long"));
  CHECK_THROWS_AS(plan::load(too_long), migrator::core::UsageError);
}
