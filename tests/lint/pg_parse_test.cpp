#include "lint/pg_parse.hpp"

#include <catch2/catch.hpp>

using migrator::lint::PgParse;

TEST_CASE("pg_parse: statements keep their text and where they start", "[lint]") {
  const std::string text = "-- add it\nALTER TABLE receipts ADD COLUMN note TEXT;\n\n/* then */ CREATE INDEX i ON receipts (note);\n";
  const auto parse = PgParse::parse(text);
  REQUIRE(parse.errors().empty());
  REQUIRE(parse.statements().size() == 2);
  const auto& first = parse.statements()[0];
  CHECK(first.offset == text.find("ALTER"));
  CHECK(first.text == "ALTER TABLE receipts ADD COLUMN note TEXT");
  CHECK(first.node.type() == "AlterTableStmt");
  const auto& second = parse.statements()[1];
  CHECK(second.offset == text.find("CREATE"));
  CHECK(second.text == "CREATE INDEX i ON receipts (note)");
  CHECK(second.node.is("IndexStmt"));
  CHECK_FALSE(second.node.flag("concurrent"));  // omitted by libpg_query when false
  CHECK(second.node["relation"].str("relname") == "receipts");
}

TEST_CASE("pg_parse: node locations count from the field start", "[lint]") {
  const std::string text = "SELECT 1;\nALTER TABLE t ADD COLUMN c INT NOT NULL;";
  const auto parse = PgParse::parse(text);
  REQUIRE(parse.statements().size() == 2);
  const auto& alter = parse.statements()[1];
  const auto column = alter.node.list("cmds").at(0)["def"];
  CHECK(alter.base + static_cast<std::size_t>(column.location()) == text.find("c INT"));
}

TEST_CASE("pg_parse: a syntax error is placed where it stands", "[lint]") {
  const std::string text = "SELECT 1;\nSELEC 2;";
  const auto parse = PgParse::parse(text);
  REQUIRE(parse.errors().size() == 1);
  CHECK(parse.errors()[0].message == "syntax error at or near \"SELEC\"");
  CHECK(parse.errors()[0].offset == text.find("SELEC 2"));
}

TEST_CASE("pg_parse: every syntax error is found and the good statements are kept", "[lint]") {
  const std::string text = "SELEC 1;\nALTER TABLE t DROP COLUMN c;\nSELECT 'é' FRM t;";
  const auto parse = PgParse::parse(text);
  REQUIRE(parse.errors().size() == 2);
  CHECK(parse.errors()[0].offset == 0);
  CHECK(parse.errors()[1].offset == text.find("t;", text.find("FRM")));
  CHECK(parse.errors()[1].message == "syntax error at or near \"t\"");
  REQUIRE(parse.statements().size() == 1);
  const auto& kept = parse.statements()[0];
  CHECK(kept.text == "ALTER TABLE t DROP COLUMN c");
  CHECK(kept.offset == text.find("ALTER"));
  CHECK(kept.base + static_cast<std::size_t>(kept.node["relation"].location()) == text.find("t DROP"));
}

TEST_CASE("pg_parse: an unterminated string is one error", "[lint]") {
  const auto parse = PgParse::parse("SELECT 'open;\nSELECT 2;");
  REQUIRE(parse.errors().size() == 1);
  CHECK(parse.errors()[0].message == "unterminated quoted string at or near \"'open;\nSELECT 2;\"");
  CHECK(parse.statements().empty());
}

namespace {

std::string union_chain(std::size_t members) {
  std::string sql = "SELECT 1";
  for (std::size_t i = 1; i < members; ++i) {
    sql += " UNION ALL SELECT 1";
  }
  return sql;
}

}  // namespace

TEST_CASE("pg_parse: a statement nested past the limit is an error, not a stack overflow", "[lint]") {
  // 200,000 UNION ALLs once overflowed the stack in libpg_query's tree output (SIGSEGV).
  const auto sql = "  " + union_chain(200'000);
  const auto parse = migrator::lint::PgParse::parse(sql);
  CHECK(parse.statements().empty());
  REQUIRE(parse.errors().size() == 1);
  CHECK(parse.errors().front().offset == 2);
  CHECK_THAT(parse.errors().front().message,
             Catch::StartsWith("nested about 199999 levels deep") && Catch::Contains("check reads at most 100000"));
}

TEST_CASE("pg_parse: parentheses count toward the nesting as well", "[lint]") {
  const auto sql = "SELECT " + std::string(120'000, '(') + "1" + std::string(120'000, ')');
  const auto parse = migrator::lint::PgParse::parse(sql);
  REQUIRE(parse.errors().size() == 1);
  CHECK_THAT(parse.errors().front().message, Catch::StartsWith("nested about 120000 levels deep"));
}
