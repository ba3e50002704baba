#include "history/serialize.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using migrator::core::Dialect;
using migrator::history::deserialize;
using migrator::history::serialize;
namespace plan = migrator::plan;

namespace {

plan::Sql sql(const std::string& text, int line) { return {plan::SqlText{text, {"p/001_x.yaml", line, 3}}, {}}; }

// Everything a definition holds, with text that needs every kind of escape.
plan::Migration rich_migration() {
  plan::Migration m;
  m.name = "add \"tax\" \\ é✓";
  m.description = "line one\nline two\ttabbed \x01 control";
  m.file = "p/001_x.yaml";
  m.transaction = false;
  m.timeouts.lock_timeout = std::chrono::milliseconds(5000);
  plan::Step first;
  first.name = "create";
  first.action = sql("CREATE TABLE t (note text DEFAULT 'a\\b');\r\n", 4);
  first.rollback = sql("DROP TABLE t;", 6);
  first.loc = {"p/001_x.yaml", 3, 5};
  first.verify.push_back({"has rows", sql("SELECT count(*) FROM t", 8), "0", std::nullopt, plan::Compare::equal,
                          {"p/001_x.yaml", 7, 9}});
  plan::Step second;
  second.name = "required";
  second.action = plan::Operation{"set_not_null", {{"table", "t"}, {"column", "note"}}, {"p/001_x.yaml", 10, 5}};
  second.irreversible = "the old rows are gone";
  second.loc = {"p/001_x.yaml", 9, 5};
  plan::Step postgres_only;
  postgres_only.name = "postgres only";
  postgres_only.action = plan::Sql{std::nullopt, {{Dialect::postgres, {"VACUUM t", {"p/001_x.yaml", 12, 3}}}}};
  postgres_only.loc = {"p/001_x.yaml", 11, 5};
  m.steps = {first, second, postgres_only};
  m.preserve.push_back({"rows", sql("SELECT count(*) FROM t", 14), std::nullopt, 3, plan::Compare::at_least,
                        {"p/001_x.yaml", 13, 5}});
  return m;
}

}  // namespace

TEST_CASE("history definition: written as nlohmann::json would dump it, and read back whole", "[history]") {
  const auto m = rich_migration();
  const auto text = serialize(m, Dialect::sqlite);
  // Byte for byte what nlohmann writes for the same document: keys in order, its escapes.
  const auto parsed = nlohmann::json::parse(text);
  CHECK(parsed.dump() == text);
  CHECK(parsed["format"] == 1);
  CHECK(parsed["steps"][2]["action"].is_null());  // no SQL for SQLite
  CHECK(parsed["timeouts"] == nlohmann::json{{"lock_timeout_ms", 5000}});
  CHECK(text.find("\\u0001") != std::string::npos);

  const auto back = deserialize(text);
  CHECK(back.name == m.name);
  CHECK(back.description == m.description);
  CHECK_FALSE(back.transaction);
  CHECK(back.timeouts.lock_timeout == m.timeouts.lock_timeout);
  CHECK_FALSE(back.timeouts.statement_timeout);
  REQUIRE(back.steps.size() == 3);
  CHECK(std::get<plan::Sql>(back.steps[0].action).for_dialect(Dialect::sqlite)->text ==
        "CREATE TABLE t (note text DEFAULT 'a\\b');\r\n");
  CHECK(back.steps[0].verify.at(0).expect == "0");
  CHECK(std::get<plan::Operation>(back.steps[1].action).args.at("column") == "note");
  CHECK(back.steps[1].irreversible == "the old rows are gone");
  CHECK_FALSE(back.steps[1].rollback);
  CHECK(back.preserve.at(0).compare == plan::Compare::at_least);
  CHECK(back.preserve.at(0).expect_rows == 3);
  // On PostgreSQL the variant is kept.
  CHECK(deserialize(serialize(m, Dialect::postgres)).steps[2].action.index() == 0);
}

TEST_CASE("history definition: a file name that is not UTF-8 still gives JSON that reads back", "[history]") {
  auto m = rich_migration();
  m.file = std::string("p/001_caf\xe9.yaml");  // Latin-1
  const auto text = serialize(m, Dialect::sqlite);
  CHECK_NOTHROW(nlohmann::json::parse(text));
  CHECK(deserialize(text).file.string().starts_with("p/001_caf"));
}
