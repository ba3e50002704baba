// What import writes reads back as the same migration: names with quotes and non-ASCII, SQL
// verbatim however it starts and ends, with tabs, trailing blanks, lines of only blanks.
#include "plan/yaml_writer.hpp"

#include <catch2/catch.hpp>

#include "plan/loader.hpp"
#include "support/temp_dir.hpp"

namespace plan = migrator::plan;

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
  CHECK(std::get<plan::Sql>(read.steps[0].action).common->text == sql.common->text);
  CHECK(read.steps[0].irreversible == m.steps[0].irreversible);
}

TEST_CASE("yaml writer: SQL reads back to the byte, whatever its edges", "[plan]") {
  const std::vector<std::string> texts{
      "SELECT 1;",           "SELECT 1;\n",        "SELECT 1;\n\n\n",     "\n\n  SELECT 1;\n  \n",
      "      \nSELECT 1;\n", "\tSELECT 1;\n",      "",                     "\n",
      "\n\n",               "   \n",              "-- only a comment",    "SELECT 1;\r\nSELECT 2;\r\n",
  };
  migrator::test::TempDir dir;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    INFO("text " << i);
    plan::Migration m;
    m.version = 1;
    m.name = "t";
    plan::Step step;
    step.name = "s";
    plan::Sql sql;
    sql.common = plan::SqlText{texts[i], {}};
    step.action = sql;
    step.rollback = plan::Action(sql);
    m.steps.push_back(step);
    const auto folder = "p" + std::to_string(i);
    dir.write(folder + "/001_t.yaml", plan::migration_yaml(m, "test"));
    const auto back = plan::load(dir / folder).migrations.at(0);
    CHECK(std::get<plan::Sql>(back.steps[0].action).common->text == plan::lf_only(texts[i]));
    CHECK(std::get<plan::Sql>(*back.steps[0].rollback).common->text == plan::lf_only(texts[i]));
  }
}
