// What import writes reads back as the same migration: names with quotes and non-ASCII,
// SQL that starts indented, holds tabs, trailing blanks or a blanked wrapper.
#include "plan/yaml_writer.hpp"

#include <catch2/catch.hpp>

#include "plan/loader.hpp"
#include "support/temp_dir.hpp"

namespace plan = migrator::plan;

TEST_CASE("yaml writer: tidy_sql keeps the statements and drops blank edges", "[plan]") {
  CHECK(plan::tidy_sql("\n   \nSELECT 1;\r\n      \nSELECT 2;  \n\n\n") == "SELECT 1;\n\nSELECT 2;  \n");
  CHECK(plan::tidy_sql("SELECT 1") == "SELECT 1\n");
  CHECK(plan::tidy_sql("  \n\t\n").empty());
}

TEST_CASE("yaml writer: a migration reads back with the same names and SQL", "[plan]") {
  plan::Migration m;
  m.version = 7;
  m.name = "quotes \"and\" ünïcode: yes";
  m.transaction = false;
  plan::Step step;
  step.name = "up: #1";
  plan::Sql sql;
  sql.common = plan::SqlText{"    SELECT 1;\n\tSELECT 'a  \n  b';  \n", {}};
  step.action = sql;
  step.irreversible = "no way back: \"really\"";
  m.steps.push_back(step);
  migrator::test::TempDir dir;
  dir.write("p/" + plan::yaml_file_name(m), plan::migration_yaml(m, "written by a test"));
  CHECK(plan::yaml_file_name(m) == "007_quotes_and_n_code_yes.yaml");
  const auto back = plan::load(dir / "p");
  REQUIRE(back.migrations.size() == 1);
  const auto& read = back.migrations[0];
  CHECK(read.name == m.name);
  CHECK_FALSE(read.transaction);
  CHECK(read.steps[0].name == "up: #1");
  CHECK(std::get<plan::Sql>(read.steps[0].action).common->text == plan::tidy_sql(sql.common->text));
  CHECK(read.steps[0].irreversible == m.steps[0].irreversible);
}
