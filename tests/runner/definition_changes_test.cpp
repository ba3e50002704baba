// definition_changes: an applied migration compared with its file in what runs (issue 9: 8).
#include <catch2/catch.hpp>

#include "plan/loader.hpp"
#include "runner/definition_changes.hpp"
#include "support/temp_dir.hpp"

using namespace migrator;

namespace {

plan::Migration load_one(const test::TempDir& dir, const std::string& yaml) {
  dir.write("p/001_m.yaml", yaml);
  return plan::load(dir / "p", {core::Dialect::sqlite}).migrations.at(0);
}

const std::string k_migration =
    "description: first\n"
    "steps:\n"
    "  - name: make t\n"
    "    sql: CREATE TABLE t (id INTEGER)\n"
    "    verify:\n"
    "      - name: empty\n"
    "        sql: SELECT count(*) FROM t\n"
    "        expect: 0\n"
    "    rollback: DROP TABLE t\n";

std::vector<std::string> keys(const std::vector<runner::DefinitionChange>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) {
    out.push_back(c.key);
  }
  return out;
}

}  // namespace

TEST_CASE("definition changes: descriptions, names and comments are not compared", "[runner]") {
  test::TempDir dir;
  const auto applied = load_one(dir, k_migration);
  const auto edited = load_one(dir, "# a note\ndescription: second\nsteps:\n  - name: make the table\n"
                                    "    sql: create table t (id integer) -- the table\n"
                                    "    verify:\n      - name: nothing in it\n        sql: SELECT count(*) FROM t\n"
                                    "        expect: 0\n    rollback: DROP TABLE t\n");
  CHECK(applied.sha256 != edited.sha256);
  CHECK(runner::definition_changes(applied, edited, core::Dialect::sqlite).empty());
}

TEST_CASE("definition changes: SQL, expectations, rollbacks and settings are", "[runner]") {
  test::TempDir dir;
  const auto applied = load_one(dir, k_migration);
  const auto edited = load_one(dir, "transaction: false\nstatement_timeout: 5s\nsteps:\n  - name: make t\n"
                                    "    sql: CREATE TABLE t (id INTEGER NOT NULL)\n"
                                    "    verify:\n      - name: empty\n        sql: SELECT count(*) FROM t\n"
                                    "        expect: 1\n    irreversible: keeps the data\n");
  const auto changes = runner::definition_changes(applied, edited, core::Dialect::sqlite);
  CHECK(keys(changes) == std::vector<std::string>{"transaction", "statement_timeout", "steps[0].sql",
                                                  "steps[0].verify[0].expect", "steps[0].rollback"});
  CHECK(changes[0].before == "true");
  CHECK(changes[0].after == "false");
  CHECK(changes[1].after == "5000 ms");
  CHECK(changes[4].after == "irreversible");
  CHECK(runner::describe_changes({changes[2]}, "") ==
        "steps[0].sql:\n  - CREATE TABLE t (id INTEGER)\n  + CREATE TABLE t (id INTEGER NOT NULL)");
}

TEST_CASE("definition changes: a step added or a check removed is named by its count", "[runner]") {
  test::TempDir dir;
  const auto applied = load_one(dir, k_migration);
  const auto edited = load_one(dir, "steps:\n  - name: make t\n    sql: CREATE TABLE t (id INTEGER)\n"
                                    "    rollback: DROP TABLE t\n  - name: more\n    sql: SELECT 1\n"
                                    "    rollback: SELECT 1\n");
  CHECK(keys(runner::definition_changes(applied, edited, core::Dialect::sqlite)) ==
        std::vector<std::string>{"steps count", "steps[0].verify count"});
}
