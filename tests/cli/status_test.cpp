// status --exit-code (dbmate's flag, issue 9): exit 1 when anything is pending, in progress,
// drifted, missing or incomplete; status alone reports and exits 0.
#include <catch2/catch.hpp>

#include "report/text_table.hpp"
#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/temp_dir.hpp"

using migrator::test::migrator_cli;

TEST_CASE("status --exit-code: 1 while anything is left to do or wrong, else 0", "[cli]") {
  migrator::test::TempDir dir;
  dir.write("plan/001_t.yaml", "steps:\n  - name: t\n    sql: CREATE TABLE t (id INTEGER)\n    rollback: DROP TABLE t\n");
  CHECK(migrator_cli("status plan --db sqlite:app.db", dir.path()).exit_code == 0);
  const auto pending = migrator_cli("status plan --db sqlite:app.db --exit-code", dir.path());
  CHECK(pending.exit_code == 1);
  CHECK_THAT(pending.out, Catch::Contains("0 applied, 1 pending"));
  REQUIRE(migrator_cli("apply plan --db sqlite:app.db -q", dir.path()).exit_code == 0);
  CHECK(migrator_cli("status plan --db sqlite:app.db --exit-code", dir.path()).exit_code == 0);
  dir.write("plan/001_t.yaml", "steps:\n  - name: t\n    sql: CREATE TABLE t (id BIGINT)\n    rollback: DROP TABLE t\n");
  const auto drifted = migrator_cli("status plan --db sqlite:app.db --exit-code --format json", dir.path());
  CHECK(drifted.exit_code == 1);
  CHECK_THAT(drifted.out, Catch::Contains("\"need_attention\": 1") && Catch::Contains("\"ok\": false"));
}

TEST_CASE("status: on a narrow terminal long names are cut to fit, in a pipe they are whole", "[cli]") {
  migrator::test::TempDir dir;
  const std::string long_name(120, 'n');
  dir.write("plan/001_" + long_name + ".yaml",
            "steps:\n  - name: t\n    sql: CREATE TABLE t (id INTEGER)\n    rollback: DROP TABLE t\n");
  // script(1) gives the run a terminal, 80 columns wide.
  const auto tty = migrator::test::run_command(
      "cd " + migrator::test::shell_quote(dir.path().string()) + " && script -qfec " +
      migrator::test::shell_quote("stty cols 80; NO_COLOR=1 " +
                                  migrator::test::migrator_command("status plan --db sqlite:app.db")) +
      " tty.out");
  CHECK(tty.exit_code == 0);
  const auto screen = dir.read("tty.out");
  INFO(screen);
  const auto row = screen.find("  1  ");
  REQUIRE(row != std::string::npos);
  const auto row_text = screen.substr(row, screen.find('\n', row) - row);
  CHECK_THAT(row_text, Catch::Contains("nnn…  pending"));
  CHECK(migrator::report::display_width(row_text) <= 80);
  const auto piped = migrator_cli("status plan --db sqlite:app.db", dir.path());
  CHECK_THAT(piped.out, Catch::Contains(long_name + "  pending"));
}
