// migrator repair as a user calls it (issue 9: 8): apply refuses a changed migration with the
// difference and a hint that loses no data; repair shows and records it.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/cli.hpp"
#include "support/temp_dir.hpp"

using migrator::test::migrator_cli;

namespace {

std::string migration(const std::string& rollback) {
  return "steps:\n  - name: add t\n    sql: CREATE TABLE t (id INTEGER)\n    rollback: " + rollback + "\n";
}

}  // namespace

TEST_CASE("repair: apply names the change and points at repair, repair records it", "[cli]") {
  migrator::test::TempDir dir;
  dir.write("plan/001_t.yaml", migration("DROP TABLE t"));
  REQUIRE(migrator_cli("apply plan --db sqlite:app.db -q", dir.path()).exit_code == 0);

  dir.write("plan/001_t.yaml", "# reviewed\n" + migration("DROP TABLE t -- all of it"));
  CHECK(migrator_cli("apply plan --db sqlite:app.db", dir.path()).exit_code == 0);  // a comment is no drift

  dir.write("plan/001_t.yaml", migration("DROP TABLE IF EXISTS t"));
  const auto refused = migrator_cli("apply plan --db sqlite:app.db", dir.path());
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("plan/001_t.yaml:1: error: migration 1 changed since it was applied on") &&
                              Catch::Contains("steps[0].rollback.sql:\n      - DROP TABLE t\n      + DROP TABLE IF EXISTS t") &&
                              Catch::Contains("`migrator repair plan`") && !Catch::Contains("rollback --to") &&
                              !Catch::Contains("roll back"));

  const auto dry = migrator_cli("repair plan --db sqlite:app.db --dry-run", dir.path());
  CHECK(dry.exit_code == 0);
  CHECK_THAT(dry.out, Catch::Contains("001  t: what it runs changed") && Catch::Contains("+ DROP TABLE IF EXISTS t") &&
                          Catch::Contains("nothing was changed"));
  CHECK(migrator_cli("apply plan --db sqlite:app.db", dir.path()).exit_code == 2);

  const auto json = migrator_cli("repair plan --db sqlite:app.db --format json", dir.path());
  CHECK(json.exit_code == 0);
  const auto document = nlohmann::json::parse(json.out);
  CHECK(document.at("recorded").at(0).at("version") == 1);
  CHECK(document.at("recorded").at(0).at("changes").at(0).at("key") == "steps[0].rollback.sql");
  CHECK(document.at("recorded").at(0).at("changes").at(0).at("file") == "DROP TABLE IF EXISTS t");

  CHECK(migrator_cli("apply plan --db sqlite:app.db", dir.path()).exit_code == 0);
  CHECK_THAT(migrator_cli("repair plan --db sqlite:app.db", dir.path()).out, Catch::Contains("Nothing to repair"));
  CHECK_THAT(migrator_cli("rollback plan --to 0 --db sqlite:app.db --dry-run", dir.path()).out,
             Catch::Contains("DROP TABLE IF EXISTS t"));
}

TEST_CASE("repair: wrong ways to call it", "[cli]") {
  migrator::test::TempDir dir;
  const auto no_plan = migrator_cli("repair nowhere --db sqlite:app.db", dir.path());
  CHECK(no_plan.exit_code == 2);
  CHECK_THAT(no_plan.err, Catch::Contains("nowhere"));
  CHECK_FALSE(std::filesystem::exists(dir / "app.db"));
  const auto typo = migrator_cli("repiar", dir.path());
  CHECK(typo.exit_code == 2);
  CHECK_THAT(typo.err, Catch::Contains("did you mean `migrator repair`?"));
}
