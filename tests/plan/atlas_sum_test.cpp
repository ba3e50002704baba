// Atlas's atlas.sum beside a golang-migrate plan: read as Atlas reads it. The sums below were
// computed apart from migrator (Python's hashlib, Atlas's algorithm), which also reproduces
// all 269 lines of a real atlas.sum (docs/real-histories.md, openmeter).
#include "plan/atlas_sum.hpp"

#include <catch2/catch.hpp>

#include "plan/loader.hpp"
#include "support/temp_dir.hpp"

namespace plan = migrator::plan;
using migrator::test::TempDir;

namespace {

const char* const k_sum =
    "h1:UCxpxWbgO44OPtbSetdnkHrGSliSACvLumw0rq0J9v8=\n"
    "1_a.up.sql h1:TCQrvU3n16fQiwX0dCFN1VXDfgnTPiOsCgjCCe0c9vg=\n"
    "2_b.up.sql h1:W7Xbgld52MkhZXRHxmQHt5yKjfcaI13+uWSupvD4w7U=\n";

// A golang-migrate plan of two migrations and the atlas.sum Atlas writes for it.
void write_hashed_plan(const TempDir& dir) {
  dir.write("1_a.up.sql", "CREATE TABLE a (id int);\n");
  dir.write("1_a.down.sql", "DROP TABLE a;\n");
  dir.write("2_b.up.sql", "CREATE TABLE b (id int);\n");
  dir.write("atlas.sum", k_sum);
}

std::string warnings_of(const TempDir& dir) {
  std::string out;
  for (const auto& d : plan::load(dir.path()).warnings) {
    out += d.str() + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("atlas.sum: a directory that agrees with it loads without a word", "[plan]") {
  TempDir dir;
  write_hashed_plan(dir);
  CHECK(warnings_of(dir).empty());
  dir.write("atlas.sum", std::string(k_sum).replace(std::string(k_sum).find('\n'), 1, "\r\n"));
  CHECK(warnings_of(dir).empty());  // a checkout with CRLF reads as Go's scanner reads it
}

TEST_CASE("atlas.sum: a changed file is named with its line, and the first only", "[plan]") {
  TempDir dir;
  write_hashed_plan(dir);
  dir.write("1_a.up.sql", "CREATE TABLE a (id bigint);\n");
  const auto problems = plan::atlas_sum_problems(dir / "atlas.sum", {dir / "1_a.up.sql", dir / "2_b.up.sql"});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].loc.file == dir / "1_a.up.sql");
  CHECK(problems[0].message == "changed since atlas.sum hashed it (line 2 of atlas.sum)");
  CHECK(problems[0].hint ==
        "a migration that ran anywhere should not change; if this edit is meant, `atlas migrate hash` records it");
}

TEST_CASE("atlas.sum: a migration added after hashing, and one listed but gone", "[plan]") {
  TempDir dir;
  write_hashed_plan(dir);
  dir.write("3_c.up.sql", "CREATE TABLE c (id int);\n");
  CHECK(warnings_of(dir) == dir.path().string() +
                                "/3_c.up.sql: not in atlas.sum: added after `atlas migrate hash` last ran\n"
                                "  hint: run `atlas migrate hash`, which Atlas's own checks ask for\n");
  std::filesystem::remove(dir / "3_c.up.sql");
  std::filesystem::remove(dir / "2_b.up.sql");
  const auto problems = plan::atlas_sum_problems(dir / "atlas.sum", {dir / "1_a.up.sql"});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].loc.line == 3);
  CHECK(problems[0].message == "lists 2_b.up.sql, which is not in the directory");
}

TEST_CASE("atlas.sum: a sum edited by hand, or a line that is not Atlas's", "[plan]") {
  TempDir dir;
  write_hashed_plan(dir);
  // Two branches each hashed their own migration; git kept one first line and both others.
  dir.write("atlas.sum", "h1:AAAAxWbgO44OPtbSetdnkHrGSliSACvLumw0rq0J9v8=\n" + std::string(k_sum).substr(48));
  auto problems = plan::atlas_sum_problems(dir / "atlas.sum", {dir / "1_a.up.sql", dir / "2_b.up.sql"});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].loc.line == 1);
  CHECK(problems[0].message ==
        "its first line does not sum the lines after it: the file was edited by hand, or merged from two branches");
  dir.write("atlas.sum", std::string(k_sum) + "<<<<<<< HEAD\n");
  problems = plan::atlas_sum_problems(dir / "atlas.sum", {});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].loc.line == 4);
  CHECK(problems[0].message == "not a line of atlas.sum (NAME h1:HASH)");
  dir.write("atlas.sum", "");
  problems = plan::atlas_sum_problems(dir / "atlas.sum", {});
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message == "the first line is not atlas.sum's sum (h1:...)");
}

TEST_CASE("atlas.sum: in a plan of migrator's own files it is a stray file", "[plan]") {
  TempDir dir;
  dir.write("001_a.yaml", "steps:\n  - name: a\n    sql: SELECT 1;\n    rollback: SELECT 1;\n");
  dir.write("atlas.sum", k_sum);
  CHECK_THAT(warnings_of(dir), Catch::Contains("atlas.sum: not a migration file (NNN_name.yaml), and not read"));
}
