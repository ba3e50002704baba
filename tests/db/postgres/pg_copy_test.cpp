// Which COPY format bulk_insert picks, and what a refused value does to the load.
#include <array>
#include <catch2/catch.hpp>

#include "db/connection.hpp"
#include "db/postgres/pg_copy_support.hpp"
#include "support/db.hpp"
#include "support/postgres.hpp"

using migrator::db::Cell;
using migrator::db::Decimal;
using migrator::db::SqlError;
using migrator::db::Value;
using migrator::test::connect;
using migrator::test::last_statement;
using migrator::test::PostgresDatabase;
using migrator::test::scalar;

TEST_CASE("postgres bulk_insert: quoted, schema-qualified names and domains load in binary",
          "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  auto watcher = connect(database.url());
  c->exec("CREATE SCHEMA \"Sales\"; CREATE DOMAIN amount AS numeric(12,2) CHECK (VALUE >= 0);"
          "CREATE TABLE \"Sales\".\"Big \"\"Receipts\"\"\" (\"Total\" amount, id int)");
  const std::string pid = scalar(*c, "SELECT pg_backend_pid()");
  auto writer = c->bulk_insert("\"Sales\".\"Big \"\"Receipts\"\"\"", {"ID", "\"Total\""});
  const std::array<Value, 2> row = {std::int64_t{1}, Decimal{12505, 3}};
  writer->write(row);
  CHECK(writer->finish() == 1);
  CHECK(last_statement(*watcher, pid) ==
        "COPY \"Sales\".\"Big \"\"Receipts\"\"\" (ID, \"Total\") FROM STDIN (FORMAT binary)");
  // The domain's typmod and check apply as they do to text.
  CHECK(scalar(*c, "SELECT \"Total\"::text FROM \"Sales\".\"Big \"\"Receipts\"\"\"") == "12.51");
  auto negative = c->bulk_insert("\"Sales\".\"Big \"\"Receipts\"\"\"", {"\"Total\""});
  const std::array<Value, 1> below_zero = {Decimal{-1, 2}};
  negative->write(below_zero);
  try {
    negative->finish();
    FAIL("the domain's check let -0.01 in");
  } catch (const SqlError& e) {
    CHECK(e.code() == "23514");
  }
}

TEST_CASE("postgres bulk_insert: a table with a type binary does not encode loads as text",
          "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  auto watcher = connect(database.url());
  c->exec("CREATE TABLE events (id int, doc jsonb, at timestamptz, amount numeric)");
  const std::string pid = scalar(*c, "SELECT pg_backend_pid()");
  auto writer = c->bulk_insert("events", {"id", "doc", "at", "amount"});
  // Text lets a string into an integer column, which binary refuses.
  const std::array<Value, 4> row = {std::string_view("12"), std::string_view("{\"a\": [1, 2]}"),
                                    std::string_view("2024-02-29 12:00:00+00"), Decimal{-5, 2}};
  writer->write(row);
  CHECK(writer->finish() == 1);
  CHECK(last_statement(*watcher, pid) == "COPY events (id, doc, at, amount) FROM STDIN");
  c->exec("SET TIME ZONE 'UTC'");
  CHECK(c->query("SELECT id, doc::text, at::text, amount::text FROM events").rows ==
        std::vector<std::vector<Cell>>{
            {"12", "{\"a\": [1, 2]}", "2024-02-29 12:00:00+00", "-0.05"}});
  // A column that is not there is COPY's to report.
  auto missing = [&] { c->bulk_insert("events", {"id", "nope"}); };
  CHECK_THROWS_WITH(missing(), Catch::Contains("column \"nope\" of relation \"events\" does not "
                                               "exist"));
  CHECK_THROWS_WITH(c->bulk_insert("no_such_table", {"id"}),
                    Catch::Contains("relation \"no_such_table\" does not exist"));
}

TEST_CASE("postgres bulk_insert: a refused value leaves its row out and the stream whole",
          "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  c->exec("CREATE TABLE items (id int, name text, qty smallint)");
  auto writer = c->bulk_insert("items", {"id", "name", "qty"});
  const std::array<Value, 3> first = {std::int64_t{1}, std::string_view("a"), std::int64_t{5}};
  const std::array<Value, 3> refused = {std::int64_t{2}, std::string_view("b"),
                                        std::int64_t{70000}};
  const std::array<Value, 3> third = {std::int64_t{3}, std::string_view("c"), std::int64_t{6}};
  writer->write(first);
  CHECK_THROWS_AS(writer->write(refused), SqlError);
  writer->write(third);
  CHECK(writer->finish() == 2);
  CHECK(scalar(*c, "SELECT string_agg(id || name || qty, ',' ORDER BY id) FROM items") ==
        "1a5,3c6");
}

TEST_CASE("postgres bulk_insert: a load abandoned over a refused value rolls back cleanly",
          "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  c->exec("CREATE TABLE items (id int PRIMARY KEY, qty smallint)");
  const auto load = [&] {
    auto tx = c->begin(migrator::db::TransactionMode::bulk_load);
    auto writer = c->bulk_insert("items", {"id", "qty"});
    for (std::int64_t i = 1; i <= 20000; ++i) {
      const std::array<Value, 2> row = {i, i == 19000 ? std::int64_t{40000} : i % 100};
      writer->write(row);
    }
    writer->finish();
    tx->commit();
  };
  CHECK_THROWS_WITH(load(), Catch::Contains("column \"qty\" (smallint) cannot hold the "
                                            "integer 40000"));
  CHECK(scalar(*c, "SELECT count(*) FROM items") == "0");
  c->exec("INSERT INTO items VALUES (1, 1)");
  CHECK(scalar(*c, "SELECT count(*) FROM items") == "1");
}
