// SET / DROP NOT NULL as an edit of SQLite's stored CREATE TABLE text (issue 9: 2): comments
// and quotes once fooled it into editing the wrong place, and the migration was recorded as
// applied with the column unchanged.
#include "runner/operations/sqlite_table_sql.hpp"

#include <catch2/catch.hpp>

using migrator::runner::operations::with_not_null;

TEST_CASE("with_not_null: plain definitions, both ways", "[runner]") {
  CHECK(with_not_null("CREATE TABLE t (a INTEGER, c TEXT)", "c", true) == "CREATE TABLE t (a INTEGER, c TEXT NOT NULL)");
  CHECK(with_not_null("CREATE TABLE t (a INTEGER, c TEXT NOT NULL)", "c", false) ==
        "CREATE TABLE t (a INTEGER, c TEXT)");
  CHECK(with_not_null("CREATE TABLE t (\"Odd C\" TEXT)", "odd c", true) == "CREATE TABLE t (\"Odd C\" TEXT NOT NULL)");
  CHECK(with_not_null("CREATE TABLE t (a INTEGER)", "missing", true) == std::nullopt);
  // Already as asked: the text is unchanged.
  CHECK(with_not_null("CREATE TABLE t (c TEXT NOT NULL)", "c", true) == "CREATE TABLE t (c TEXT NOT NULL)");
}

TEST_CASE("with_not_null: a line comment after the column is left behind, not edited into", "[runner]") {
  CHECK(with_not_null("CREATE TABLE t (\n  c TEXT -- the vendor\n)", "c", true) ==
        "CREATE TABLE t (\n  c TEXT NOT NULL -- the vendor\n)");
  CHECK(with_not_null("CREATE TABLE t (\n  a INT, -- first\n  c TEXT -- the vendor\n)", "c", true) ==
        "CREATE TABLE t (\n  a INT, -- first\n  c TEXT NOT NULL -- the vendor\n)");
}

TEST_CASE("with_not_null: a comma inside a block comment does not start a column", "[runner]") {
  CHECK(with_not_null("CREATE TABLE t (e TEXT /* , c TEXT */, c TEXT)", "c", true) ==
        "CREATE TABLE t (e TEXT /* , c TEXT */, c TEXT NOT NULL)");
}

TEST_CASE("with_not_null: NOT NULL in a comment or a CHECK is not the column's", "[runner]") {
  CHECK(with_not_null("CREATE TABLE t (c TEXT /* NOT NULL later */)", "c", true) ==
        "CREATE TABLE t (c TEXT NOT NULL /* NOT NULL later */)");
  CHECK(with_not_null("CREATE TABLE t (c TEXT CHECK (c IS NOT NULL OR 1))", "c", true) ==
        "CREATE TABLE t (c TEXT CHECK (c IS NOT NULL OR 1) NOT NULL)");
  CHECK(with_not_null("CREATE TABLE t (c TEXT DEFAULT 'NOT NULL')", "c", true) ==
        "CREATE TABLE t (c TEXT DEFAULT 'NOT NULL' NOT NULL)");
}

TEST_CASE("with_not_null: NOT and NULL with a comment between them are found", "[runner]") {
  CHECK(with_not_null("CREATE TABLE t (c TEXT NOT /* x */ NULL, d INT)", "c", false) ==
        "CREATE TABLE t (c TEXT, d INT)");
}
