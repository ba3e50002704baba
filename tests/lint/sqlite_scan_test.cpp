#include "lint/sqlite_scan.hpp"

#include <catch2/catch.hpp>

using migrator::lint::split_sqlite;

TEST_CASE("sqlite_scan: statements split at semicolons outside strings and comments", "[lint]") {
  const std::string text = "INSERT INTO t VALUES ('a;b'); -- c; d\nUPDATE \"x;y\" SET a = 1 /* ; */;";
  const auto statements = split_sqlite(text);
  REQUIRE(statements.size() == 2);
  CHECK(statements[0].text == "INSERT INTO t VALUES ('a;b')");
  CHECK(statements[0].word(0) == "INSERT");
  CHECK(statements[1].offset == text.find("UPDATE"));
  CHECK(statements[1].text == "UPDATE \"x;y\" SET a = 1");
  CHECK(statements[1].tokens[1].text == "\"x;y\"");
}

TEST_CASE("sqlite_scan: a trigger body stays one statement", "[lint]") {
  const auto statements = split_sqlite(
      "CREATE TRIGGER no_null BEFORE INSERT ON t WHEN NEW.a IS NULL BEGIN\n"
      "  SELECT CASE WHEN 1 THEN RAISE(ABORT, 'a is required') END;\n"
      "  SELECT 1;\n"
      "END;\n"
      "DROP TABLE u;");
  REQUIRE(statements.size() == 2);
  CHECK(statements[0].word(0) == "CREATE");
  CHECK(statements[0].text.substr(statements[0].text.size() - 3) == "END");
  CHECK(statements[1].word(0) == "DROP");
}

TEST_CASE("sqlite_scan: keywords are upper-cased, other tokens are not words", "[lint]") {
  const auto statements = split_sqlite("alter table [my table] alter column `a` set not null");
  REQUIRE(statements.size() == 1);
  const auto& s = statements[0];
  CHECK(s.word(0) == "ALTER");
  CHECK(s.word(2).empty());
  CHECK(s.tokens[2].text == "[my table]");
  CHECK(s.has_word("NULL"));
  CHECK_FALSE(s.has_word("DEFAULT"));
}

TEST_CASE("sqlite_scan: a PostgreSQL dollar-quoted body is one token, its END ends nothing", "[lint]") {
  const std::string text =
      "CREATE FUNCTION touch() RETURNS trigger AS $$\nBEGIN\n  IF NEW.a IS NULL THEN\n    NEW.a := 1;\n  END IF;\n"
      "  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\n"
      "DO $body$ BEGIN PERFORM 1; COMMIT; END $body$;\n"
      "SELECT $1, $x FROM t;";
  const auto statements = split_sqlite(text);
  REQUIRE(statements.size() == 3);
  CHECK(statements[0].word(0) == "CREATE");
  CHECK_THAT(std::string(statements[0].text), Catch::EndsWith("$$ LANGUAGE plpgsql"));
  CHECK(statements[1].tokens.at(1).text == "$body$ BEGIN PERFORM 1; COMMIT; END $body$");
  CHECK(statements[2].word(0) == "SELECT");  // $1 and $x are no quotes: SQLite's parameters
  CHECK(statements[2].has_word("FROM"));
}
