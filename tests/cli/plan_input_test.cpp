// Hostile plans through the command line (issue 9, items 1, 7, 12, 13): exit 2 with the file
// and line, the database never touched, no hang, and never "internal error", in text and JSON.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/temp_dir.hpp"

namespace {

using migrator::test::migrator_cli;

// A migration whose SQL holds a NUL through YAML's "\0" escape: the SQLite backend once spun
// on it forever holding the migration lock, and libpq cut the text short.
const std::string k_nul_sql =
    "steps:\n  - name: make t\n    sql: \"CREATE TABLE t (id INTEGER);\\0 DROP TABLE x\"\n    rollback: DROP TABLE t\n";

// A plain first migration, for tests about everything around it.
const std::string k_make_t =
    "steps:\n  - name: make t\n    sql: CREATE TABLE t (id INTEGER)\n    rollback: DROP TABLE t\n";

// `timeout` turns a hang into exit 124, so a regression fails instead of stalling the suite.
migrator::test::CliResult bounded(const std::string& args, const std::filesystem::path& cwd) {
  return migrator_cli(args + " --lock-timeout 2s", cwd);
}

}  // namespace

TEST_CASE("plan input: a NUL in SQL stops apply and rollback before the database", "[cli]") {
  migrator::test::TempDir dir;
  dir.write("plan/001_nul.yaml", k_nul_sql);
  const auto apply = bounded("apply plan --db sqlite:app.db", dir.path());
  CHECK(apply.exit_code == 2);
  CHECK_THAT(apply.err, Catch::Contains("plan/001_nul.yaml:3: steps[0].sql: error: the SQL holds a NUL character") &&
                            Catch::Contains("nothing was changed") && !Catch::Contains("internal error"));
  CHECK_FALSE(std::filesystem::exists(dir / "app.db"));
}

TEST_CASE("plan input: check reports a NUL in SQL as an error at its line", "[cli]") {
  migrator::test::TempDir dir;
  dir.write("plan/001_nul.yaml", k_nul_sql);
  const auto check = bounded("check plan", dir.path());
  CHECK(check.exit_code == 2);
  CHECK_THAT(check.out, Catch::Contains("plan/001_nul.yaml:3:") && Catch::Contains("NUL character"));
}

TEST_CASE("plan input: bytes that are not UTF-8, in SQL or a name, never reach the database", "[cli]") {
  migrator::test::TempDir dir;
  dir.write("plan/001_bad.yaml",
            "name: caf\xE9\n" + k_make_t);
  const auto apply = bounded("apply plan --db sqlite:app.db", dir.path());
  CHECK(apply.exit_code == 2);
  CHECK_THAT(apply.err, Catch::Contains("plan/001_bad.yaml:1: error: not UTF-8: byte 0xE9 here"));
  CHECK_FALSE(std::filesystem::exists(dir / "app.db"));

  const auto json = bounded("check plan --format json", dir.path());
  CHECK(json.exit_code == 2);
  CHECK_NOTHROW(nlohmann::json::parse(json.out));
}

TEST_CASE("plan input: a plan directory whose name is not UTF-8 gets a JSON error, not a crash", "[cli]") {
  migrator::test::TempDir dir;
  dir.write("pl\xFF/001_create.yaml", k_make_t);
  const auto apply = bounded("apply \"$(printf 'pl\\377')\" --db sqlite:app.db --format json", dir.path());
  CHECK(apply.exit_code == 2);
  const auto document = nlohmann::json::parse(apply.out);
  CHECK(document["ok"] == false);
  CHECK_THAT(document["error"]["problems"][0]["message"].get<std::string>(),
             Catch::Contains("path is not valid UTF-8"));
  CHECK_FALSE(std::filesystem::exists(dir / "app.db"));
}

TEST_CASE("plan input: special files in a plan stop apply with their names, without hanging", "[cli]") {
  migrator::test::TempDir dir;
  dir.write("plan/001_create.yaml", k_make_t);
  REQUIRE(::mkfifo((dir / "plan/002_fifo.yaml").c_str(), 0600) == 0);
  std::filesystem::create_symlink("/dev/zero", dir / "plan/plan.yaml");
  const auto apply = bounded("apply plan --db sqlite:app.db", dir.path());
  CHECK(apply.exit_code == 2);
  CHECK_THAT(apply.err, Catch::Contains("plan/plan.yaml: error: is a character device, not a file") &&
                            Catch::Contains("plan/002_fifo.yaml: error: is a FIFO, not a file"));
  CHECK_FALSE(std::filesystem::exists(dir / "app.db"));
}

TEST_CASE("plan input: a plan argument or name too long for any path is bad usage", "[cli]") {
  migrator::test::TempDir dir;
  const std::string long_name(300, 'x');
  for (const auto* command : {"apply ", "check ", "status ", "verify ", "rollback --to 0 "}) {
    const auto result = bounded(command + long_name + " --db sqlite:app.db", dir.path());
    INFO(command);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, !Catch::Contains("internal error"));
  }
}

TEST_CASE("plan input: migrator.yaml linked to /dev/zero is refused, not read forever", "[cli]") {
  migrator::test::TempDir dir;
  std::filesystem::create_symlink("/dev/zero", dir / "migrator.yaml");
  const auto status = bounded("status", dir.path());
  CHECK(status.exit_code == 2);
  CHECK_THAT(status.err, Catch::Contains("migrator.yaml: error: is a character device, not a file"));
}

TEST_CASE("plan input: new refuses a version it cannot follow and a file in the way", "[cli]") {
  migrator::test::TempDir dir;
  dir.write("plan/999999999999999999_huge.yaml", "");
  const auto huge = bounded("new plan next", dir.path());
  CHECK(huge.exit_code == 2);
  CHECK_THAT(huge.err, Catch::Contains("has a version too large to follow"));

  dir.write("a_file", "");
  const auto in_the_way = bounded("new a_file next", dir.path());
  CHECK(in_the_way.exit_code == 2);
  CHECK_THAT(in_the_way.err, Catch::Contains("cannot make the plan directory \"a_file\""));
}

TEST_CASE("plan input: a sqlite: URL that cannot be a database says why, exit 3", "[cli]") {
  migrator::test::TempDir dir;
  dir.write("plan/001_create.yaml", k_make_t);
  dir.write("notes.txt", "not a database at all");
  for (const auto& [url, says] : std::vector<std::pair<std::string, std::string>>{
           {"sqlite:missing/dir/app.db", "the directory \"missing/dir\" does not exist"},
           {"sqlite:/dev/null", "\"/dev/null\" is a character device, not a database file"},
           {"sqlite:notes.txt", "\"notes.txt\" is not an SQLite database"},
           {"sqlite:plan", "\"plan\" is a directory, not a database file"}}) {
    for (const auto* command : {"apply plan", "status plan", "verify plan"}) {
      INFO(command << " --db " << url);
      const auto result = bounded(std::string(command) + " --db " + url, dir.path());
      CHECK(result.exit_code == 3);
      CHECK_THAT(result.err, Catch::Contains(says) && !Catch::Contains("server"));
    }
  }
  CHECK_FALSE(std::filesystem::exists(dir / "missing"));
}

TEST_CASE("plan input: apply names a broken plan before a broken database, whichever it opens first", "[cli]") {
  // An existing SQLite file is opened while the plan is read (Context::load_plan_and_connect):
  // the errors still come in the order they always did, the plan's first.
  migrator::test::TempDir dir;
  dir.write("bad/001_create.yaml", "steps: [\n");
  dir.write("good/001_create.yaml", k_make_t);
  dir.write("notes.txt", "not a database at all");
  const auto both = bounded("apply bad --db sqlite:notes.txt", dir.path());
  CHECK(both.exit_code == 2);
  CHECK_THAT(both.err, Catch::Contains("001_create.yaml") && !Catch::Contains("not an SQLite database"));
  const auto database = bounded("apply good --db sqlite:notes.txt", dir.path());
  CHECK(database.exit_code == 3);
  CHECK_THAT(database.err, Catch::Contains("\"notes.txt\" is not an SQLite database"));
  // A database still to be made is not made for a plan that cannot run.
  const auto fresh = bounded("apply bad --db sqlite:fresh.db", dir.path());
  CHECK(fresh.exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(dir / "fresh.db"));
  // And a plan's warnings are printed once, by the thread that waited for it.
  dir.write("good/notes.sql", "SELECT 1;\n");
  REQUIRE(bounded("apply good --db sqlite:made.db", dir.path()).exit_code == 0);
  const auto again = bounded("apply good --db sqlite:made.db", dir.path());
  CHECK(again.exit_code == 0);
  const auto warning = std::string("notes.sql: warning");
  const auto first = again.err.find(warning);
  CHECK(first != std::string::npos);
  CHECK(again.err.find(warning, first + 1) == std::string::npos);
}

TEST_CASE("plan input: a renamed plan directory is not applied again as a new plan (issue 9: 10)", "[cli]") {
  migrator::test::TempDir dir;
  // No plan.yaml: the plan is named after its directory.
  dir.write("seeds/001_seed.yaml", k_make_t);
  dir.write("seeds/002_row.yaml",
            "steps:\n  - name: one row\n    sql: INSERT INTO t VALUES (1)\n    rollback: DELETE FROM t\n");
  REQUIRE(migrator_cli("apply seeds --db sqlite:app.db", dir.path()).exit_code == 0);
  std::filesystem::rename(dir / "seeds", dir / "seed_data");
  const auto again = migrator_cli("apply seed_data --db sqlite:app.db", dir.path());
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.err, Catch::Contains("plan \"seed_data\" is new to this database, but its migrations 1, 2 are "
                                        "already applied here as the plan \"seeds\"") &&
                            Catch::Contains("name: seeds"));
  // Named as it was, it goes on with nothing to do.
  dir.write("seed_data/plan.yaml", "name: seeds\n");
  const auto named = migrator_cli("apply seed_data --db sqlite:app.db", dir.path());
  CHECK(named.exit_code == 0);
  CHECK_THAT(named.out, Catch::Contains("Nothing to apply") || Catch::Contains("up to date") ||
                            Catch::Contains("at version 2"));
}
