// sql_shape: what runs, compared without comments, spacing and keyword case (issue 9: 8).
#include <catch2/catch.hpp>

#include "db/sql_shape.hpp"

using migrator::core::Dialect;
using migrator::db::sql_shape;

TEST_CASE("sql shape: comments, blanks and keyword case do not change it", "[db]") {
  for (const auto dialect : {Dialect::sqlite, Dialect::postgres}) {
    INFO((dialect == Dialect::sqlite ? "sqlite" : "postgres"));
    const auto base = sql_shape("INSERT INTO vendors (name) SELECT DISTINCT lower(trim(v)) FROM r;", dialect);
    CHECK(sql_shape("-- one per spelling\ninsert  into vendors (name)\n  SELECT DISTINCT lower(trim(v)) /* x */ FROM r;",
                    dialect) == base);
    CHECK(sql_shape("INSERT INTO vendors (name) SELECT DISTINCT lower(trim(v)) FROM r;\r\n", dialect) == base);
  }
}

TEST_CASE("sql shape: a changed name, value, literal or statement changes it", "[db]") {
  for (const auto dialect : {Dialect::sqlite, Dialect::postgres}) {
    INFO((dialect == Dialect::sqlite ? "sqlite" : "postgres"));
    const auto base = sql_shape("DELETE FROM vendors WHERE id > 1;", dialect);
    CHECK(sql_shape("DELETE FROM vendors WHERE id > 2;", dialect) != base);
    CHECK(sql_shape("DELETE FROM vendor WHERE id > 1;", dialect) != base);
    CHECK(sql_shape("DELETE FROM vendors WHERE id >= 1;", dialect) != base);
    CHECK(sql_shape("DELETE FROM vendors WHERE id > 1; DELETE FROM r;", dialect) != base);
    CHECK(sql_shape("SELECT 'a  b'", dialect) != sql_shape("SELECT 'a b'", dialect));
    CHECK(sql_shape("SELECT '-- not a comment'", dialect) != sql_shape("SELECT ''", dialect));
  }
}

TEST_CASE("sql shape: PostgreSQL compares dollar quotes by content and keeps function bodies", "[db]") {
  CHECK(sql_shape("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql", Dialect::postgres) ==
        sql_shape("create function f() returns int as $body$ SELECT 1 $body$ language sql", Dialect::postgres));
  CHECK(sql_shape("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql", Dialect::postgres) !=
        sql_shape("CREATE FUNCTION f() RETURNS int AS $$ SELECT 2 $$ LANGUAGE sql", Dialect::postgres));
}

TEST_CASE("sql shape: text PostgreSQL cannot parse is compared as written", "[db]") {
  CHECK(sql_shape("SELEC 1", Dialect::postgres) == sql_shape("SELEC 1", Dialect::postgres));
  CHECK(sql_shape("SELEC 1", Dialect::postgres) != sql_shape("SELEC  1", Dialect::postgres));
}
