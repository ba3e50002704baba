// A PLAN argument that holds no migrations, or files that are not read, as a new user meets
// them: `migrator check scenarios` used to print "0 errors ... in 0 files" and exit 0.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/temp_dir.hpp"

using migrator::test::migrator_cli;
using migrator::test::shell_quote;

TEST_CASE("plan dir: check of the folder of plans exits 2 and names the plans in it", "[cli]") {
  const auto scenarios = std::string(MIGRATOR_SOURCE_DIR) + "/scenarios";
  const auto check = migrator_cli("check " + shell_quote(scenarios));
  INFO(check.out << check.err);
  CHECK(check.exit_code == 2);
  CHECK_THAT(check.out, Catch::Contains(scenarios + ": error[plan-invalid]: no migrations here: it holds the plans "
                                                    "benchmarks, construction_receipts, partitioning, tax_amount and "
                                                    "vendor_normalization") &&
                            Catch::Contains(scenarios + "/*"));
  migrator::test::TempDir dir;
  const auto apply = migrator_cli("apply " + shell_quote(scenarios) + " --db sqlite:app.db", dir.path());
  CHECK(apply.exit_code == 2);
  CHECK_THAT(apply.err, Catch::Contains("no migrations here: it holds the plans"));
  CHECK_FALSE(std::filesystem::exists(dir / "app.db"));
}

TEST_CASE("plan dir: a file that is not read is a warning for apply and an error for check", "[cli]") {
  migrator::test::TempDir dir;
  dir.write("p/001_first.yaml", "steps:\n  - name: s\n    sql: CREATE TABLE t (id INTEGER)\n    rollback: DROP TABLE t\n");
  dir.write("p/notes.sql", "DROP TABLE t;\n");
  const auto apply = migrator_cli("apply p --db sqlite:app.db --format json", dir.path());
  INFO(apply.out << apply.err);
  CHECK(apply.exit_code == 0);
  CHECK_THAT(apply.err, Catch::Contains("p/notes.sql: warning: a .sql file is not a migration here, and is not run"));
  CHECK(nlohmann::json::parse(apply.out).at("ok") == true);  // the warning stays off stdout

  const auto check = migrator_cli("check p", dir.path());
  CHECK(check.exit_code == 2);
  CHECK_THAT(check.out, Catch::Contains("p/notes.sql") && Catch::Contains("plan-invalid"));
}
