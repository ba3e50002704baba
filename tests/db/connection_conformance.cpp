#include "db/connection_conformance.hpp"

#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <thread>

#include "core/error.hpp"
#include "db/connection.hpp"
#include "util/interrupt.hpp"
#include "support/db.hpp"

namespace migrator::test {
namespace {

using db::Cell;
using db::Value;

std::int64_t count(db::Connection& c, const std::string& table) {
  return std::stoll(scalar(c, "SELECT count(*) FROM " + table));
}

bool is_pg(const db::Connection& c) { return c.dialect() == core::Dialect::postgres; }

void create_items(db::Connection& c) {
  c.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
}

void bulk_round_trip(db::Connection& c) {
  // SQLite keeps a decimal exact only in a column without NUMERIC/REAL affinity (TEXT here);
  // sqlite_connection_test shows what NUMERIC does to it.
  c.exec(is_pg(c) ? "CREATE TABLE kinds (id bigint PRIMARY KEY, flag boolean, amount numeric, "
                    "price double precision, label text, day date, note text)"
                  : "CREATE TABLE kinds (id INTEGER PRIMARY KEY, flag INTEGER, amount TEXT, "
                    "price REAL, label TEXT, day TEXT, note TEXT)");
  const std::string tricky = "tab\there, new\nline, back\\slash, cr\r, \\N, Zürich 東京 ✓";
  const std::vector<std::vector<Value>> rows = {
      {std::int64_t{9000000001}, true, db::Decimal{1250, 2}, 0.1, std::string_view(tricky),
       db::Date{2024, 2, 29}, db::Null{}},
      {std::int64_t{-1}, false, db::Decimal{-5, 2}, -2.5e-300, std::string_view(""),
       db::Date{1999, 12, 31}, std::string_view("x")},
      {std::int64_t{3}, db::Null{}, db::Decimal{0, 2}, 1e21, db::Null{}, db::Null{}, db::Null{}},
      {std::int64_t{4}, true, db::Decimal{7, 0}, 12.0, std::string_view("plain"),
       db::Date{2000, 1, 1}, db::Null{}},
  };
  auto writer = c.bulk_insert("kinds", {"id", "flag", "amount", "price", "label", "day", "note"});
  for (const auto& row : rows) {
    writer->write(row);
  }
  CHECK(writer->finish() == rows.size());

  const auto result =
      c.query("SELECT id, flag, amount, price, label, day, note FROM kinds ORDER BY id");
  const std::string yes = is_pg(c) ? "t" : "1";
  const std::string no = is_pg(c) ? "f" : "0";
  const std::vector<std::vector<Cell>> expected = {
      {"-1", no, "-0.05", "-2.5e-300", "", "1999-12-31", "x"},
      {"3", std::nullopt, "0.00", "1e+21", std::nullopt, std::nullopt, std::nullopt},
      {"4", yes, "7", "12", "plain", "2000-01-01", std::nullopt},
      {"9000000001", yes, "12.50", "0.1", tricky, "2024-02-29", std::nullopt},
  };
  CHECK(result.rows == expected);
}

}  // namespace

void connection_conformance(const std::string& url) {
  auto conn = connect(url);
  db::Connection& c = *conn;

  SECTION("exec runs every statement of a multi-statement text") {
    c.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT);\n"
           "INSERT INTO items VALUES (1, 'a');\n"
           "-- a comment between statements\n"
           "INSERT INTO items VALUES (2, 'b');\n");
    CHECK(count(c, "items") == 2);
  }

  SECTION("query returns the rows of the last statement") {
    const auto result = c.query("CREATE TABLE q (a INTEGER); INSERT INTO q VALUES (7); "
                                "SELECT a, a + 1 AS b FROM q");
    CHECK(result.columns == std::vector<std::string>{"a", "b"});
    CHECK(result.rows == std::vector<std::vector<Cell>>{{"7", "8"}});
  }

  SECTION(":name, $$ bodies and a[1:2] pass through verbatim") {
    CHECK(scalar(c, "SELECT ':name' -- :other\n") == ":name");
    if (is_pg(c)) {
      c.exec("CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT ':name'::text $$;\n"
             "DO $$ BEGIN PERFORM 1; END $$;");
      CHECK(scalar(c, "SELECT f()") == ":name");
      CHECK(scalar(c, "SELECT (ARRAY[1, 2, 3])[1:2]") == "{1,2}");
    } else {
      CHECK(scalar(c, "SELECT '$$ a[1:2] $$'") == "$$ a[1:2] $$");
    }
  }

  SECTION("values come back as exact text") {
    CHECK(scalar(c, "SELECT 9000000001") == "9000000001");
    CHECK(scalar(c, "SELECT -9223372036854775807") == "-9223372036854775807");
    CHECK(scalar(c, "SELECT 0.1 + 0.2") == (is_pg(c) ? "0.3" : "0.30000000000000004"));
    const auto null = c.query("SELECT NULL");
    CHECK_FALSE(null.rows.at(0).at(0).has_value());
    create_items(c);
    c.exec("INSERT INTO items VALUES (1, 'Zürich — 東京 ✓ ''quoted''')");
    CHECK(scalar(c, "SELECT name FROM items") == "Zürich — 東京 ✓ 'quoted'");
    if (is_pg(c)) {
      CHECK(scalar(c, "SELECT 12345678901234567.89::numeric") == "12345678901234567.89");
      CHECK(scalar(c, "SELECT 12.50::numeric(12, 2)") == "12.50");
    }
  }

  SECTION("a failed statement inside a transaction leaves nothing behind") {
    create_items(c);
    {
      auto tx = c.begin();
      c.exec("INSERT INTO items VALUES (1, 'kept until the failure')");
      CHECK_THROWS_AS(c.exec("INSERT INTO items VALUES (2, NULL)"), db::SqlError);
    }
    CHECK(count(c, "items") == 0);
  }

  SECTION("a transaction rolls back in its destructor unless committed") {
    create_items(c);
    {
      auto tx = c.begin();
      c.exec("INSERT INTO items VALUES (1, 'rolled back')");
    }
    CHECK(count(c, "items") == 0);
    {
      auto tx = c.begin();
      c.exec("INSERT INTO items VALUES (2, 'committed')");
      tx->commit();
    }
    CHECK(count(c, "items") == 1);
  }

  SECTION("commit_after_step commits a step with its record, or nothing, with positions in the step") {
    create_items(c);
    std::vector<bool> asked;  // how each record was asked for: with the step or after it
    const auto record = [&](const std::string& sql) {
      return [&asked, sql](bool sent_with_step) {
        asked.push_back(sent_with_step);
        return sql;
      };
    };
    {
      auto tx = c.begin();
      // A step whose last line is a comment: what follows must not be read into it.
      tx->commit_after_step("INSERT INTO items VALUES (1, 'step');\nINSERT INTO items VALUES (2, 'step') -- last",
                            record("INSERT INTO items VALUES (3, 'record')"));
    }
    CHECK(count(c, "items") == 3);
    // PostgreSQL sends the record with the step; SQLite, with no round trip to save, after it.
    CHECK(asked == std::vector<bool>{is_pg(c)});

    // The step fails: its position is in the step's SQL, nothing is committed.
    const std::string failing = "INSERT INTO items VALUES (4, 'x');\n  INSERT INTO items VALUES (1, 'taken');";
    try {
      auto tx = c.begin();
      tx->commit_after_step(failing, record("INSERT INTO items VALUES (5, 'record')"));
      FAIL("the step's duplicate key was not reported");
    } catch (const db::SqlError& e) {
      CHECK(e.position() == static_cast<int>(failing.find("INSERT INTO items VALUES (1")) + 1);
    }
    CHECK(count(c, "items") == 3);

    // The record fails: no position in the step is blamed, nothing is committed.
    try {
      auto tx = c.begin();
      tx->commit_after_step("INSERT INTO items VALUES (6, 'step')", record("INSERT INTO items VALUES (1, 'again')"));
      FAIL("the record's duplicate key was not reported");
    } catch (const db::SqlError& e) {
      CHECK(e.position() == 0);
    }
    CHECK(count(c, "items") == 3);

    // A step that leaves a string open fails on its own; the record is not read into it.
    asked.clear();
    {
      auto tx = c.begin();
      CHECK_THROWS_AS(tx->commit_after_step("INSERT INTO items VALUES (7, 'open);",
                                            record("INSERT INTO items VALUES (8, 'x')")),
                      db::SqlError);
    }
    CHECK(asked.empty());
    CHECK(count(c, "items") == 3);
    CHECK_FALSE(c.in_transaction());
  }

  SECTION("commit twice throws") {
    auto tx = c.begin();
    tx->commit();
    CHECK_THROWS_AS(tx->commit(), std::logic_error);
  }

  SECTION("SqlError carries the code and a position in the whole text") {
    const std::string sql = "CREATE TABLE ok (a INTEGER);\nSELEC 2;";
    const auto syntax = sql_error(c, sql);
    CHECK(syntax.code() == (is_pg(c) ? "42601" : "SQLITE 1"));
    CHECK(syntax.position() == static_cast<int>(sql.find("SELEC")) + 1);
    CHECK_THAT(syntax.what(), Catch::Contains("SELEC"));

    // Positions count characters, not bytes: é and ✓ are one each.
    create_items(c);
    const std::string column = "SELECT 'é✓'; SELECT nocol FROM items";
    CHECK(sql_error(c, column).position() == 21);

    // An error the database pins to no token points at the start of the failing statement.
    c.exec("INSERT INTO items VALUES (1, 'a')");
    const std::string two = "INSERT INTO items VALUES (2, 'ok');\n  -- the key exists\n"
                            "  INSERT INTO items VALUES (1, 'b');";
    const auto duplicate = sql_error(c, two);
    CHECK(duplicate.code() == (is_pg(c) ? "23505" : "SQLITE 1555"));
    CHECK(duplicate.position() == static_cast<int>(two.find("INSERT INTO items VALUES (1")) + 1);
    // PostgreSQL blames the table name, SQLite names no token for a missing table.
    const std::string missing = "\n\n  SELECT * FROM no_such_table";
    CHECK(sql_error(c, missing).position() ==
          (is_pg(c) ? static_cast<int>(missing.find("no_such")) + 1 : 5));
  }

  SECTION("a second connection's lock times out naming the holder, then succeeds") {
    auto other = connect(url);
    auto held = c.lock("migrator", std::chrono::milliseconds(0), nullptr);
    const std::string holder_pid =
        is_pg(c) ? "pid " + scalar(c, "SELECT pg_backend_pid()") : "pid " + std::to_string(getpid());
    std::vector<std::string> waits;
    try {
      other->lock("migrator", std::chrono::milliseconds(300),
                  [&](const std::string& holder) { waits.push_back(holder); });
      FAIL("the second lock was granted while the first was held");
    } catch (const core::LockTimeout& e) {
      CHECK_THAT(e.what(), Catch::Contains(holder_pid));
      CHECK_THAT(e.what(), Catch::Contains("gave up after 300 ms"));
      CHECK_THAT(e.hint(), Catch::Contains("--lock-timeout"));
      CHECK(e.exit_code() == 3);
    }
    REQUIRE(waits.size() == 1);
    CHECK_THAT(waits[0], Catch::StartsWith(holder_pid));
    held.reset();
    auto taken = other->lock("migrator", std::chrono::milliseconds(1000), nullptr);
    CHECK(taken != nullptr);
  }

  SECTION("bulk_insert writes every Value kind exactly") { bulk_round_trip(c); }

  SECTION("in_transaction follows begin, commit and rollback") {
    CHECK_FALSE(c.in_transaction());
    {
      auto tx = c.begin();
      CHECK(c.in_transaction());
    }
    CHECK_FALSE(c.in_transaction());
    auto tx = c.begin(db::TransactionMode::read);
    CHECK(c.in_transaction());
    tx->commit();
    CHECK_FALSE(c.in_transaction());
  }

  SECTION("a bad row in a later batch of a bulk load leaves none of the load's rows") {
    create_items(c);
    auto tx = c.begin(db::TransactionMode::bulk_load);
    const auto load = [&] {
      auto writer = c.bulk_insert("items", {"id", "name"});
      for (std::int64_t i = 1; i <= 1000; ++i) {
        const std::array<Value, 2> row = {i == 700 ? std::int64_t{3} : i, std::string_view("n")};
        writer->write(row);
      }
      writer->finish();
    };
    CHECK_THROWS_AS(load(), db::SqlError);
    tx.reset();
    CHECK(count(c, "items") == 0);
  }

  SECTION("bulk_insert counts rows across many chunks") {
    create_items(c);
    auto writer = c.bulk_insert("items", {"id", "name"});
    const std::string name(100, 'n');
    for (std::int64_t i = 1; i <= 5000; ++i) {
      const std::array<Value, 2> row = {i, std::string_view(name)};
      writer->write(row);
    }
    CHECK(writer->finish() == 5000);
    CHECK(count(c, "items") == 5000);
  }

  SECTION("a failed bulk load inside a transaction leaves no rows, the connection usable") {
    create_items(c);
    {
      auto tx = c.begin();
      auto writer = c.bulk_insert("items", {"id", "name"});
      const std::array<Value, 2> first = {std::int64_t{1}, std::string_view("a")};
      const std::array<Value, 2> duplicate = {std::int64_t{1}, std::string_view("b")};
      writer->write(first);
      CHECK_THROWS_AS((writer->write(duplicate), writer->finish()), db::SqlError);
    }
    CHECK(count(c, "items") == 0);
    {
      auto tx = c.begin();
      auto abandoned = c.bulk_insert("items", {"id", "name"});
      const std::array<Value, 2> row = {std::int64_t{1}, std::string_view("a")};
      abandoned->write(row);
    }
    CHECK(count(c, "items") == 0);
    c.exec("INSERT INTO items VALUES (1, 'still usable')");
    CHECK(count(c, "items") == 1);
  }

  SECTION("a failed bulk load outside a transaction leaves none of its rows") {
    create_items(c);
    c.exec("INSERT INTO items VALUES (3, 'before')");
    auto writer = c.bulk_insert("items", {"id", "name"});
    const std::array<Value, 2> fresh = {std::int64_t{1}, std::string_view("a")};
    const std::array<Value, 2> duplicate = {std::int64_t{3}, std::string_view("b")};
    writer->write(fresh);
    CHECK_THROWS_AS((writer->write(duplicate), writer->finish()), db::SqlError);
    writer.reset();
    CHECK(count(c, "items") == 1);
  }

  SECTION("schema_fingerprint sees indexes and ignores what was created and dropped") {
    c.exec("CREATE TABLE receipts (id INTEGER PRIMARY KEY, vendor TEXT NOT NULL DEFAULT 'x', "
           "amount INTEGER CHECK (amount > 0))");
    const auto before = c.schema_fingerprint();
    CHECK_FALSE(before.empty());
    c.exec("CREATE TABLE scratch (a INTEGER); CREATE INDEX scratch_a ON scratch (a); "
           "CREATE VIEW scratch_v AS SELECT a FROM scratch");
    CHECK(c.schema_fingerprint() != before);
    c.exec("DROP VIEW scratch_v; DROP TABLE scratch");
    CHECK(c.schema_fingerprint() == before);
    c.exec("CREATE TABLE migrator_history (version INTEGER PRIMARY KEY)");
    CHECK(c.schema_fingerprint() == before);
    c.exec("CREATE INDEX receipts_vendor ON receipts (vendor)");
    const auto indexed = c.schema_fingerprint();
    CHECK(indexed != before);
    CHECK(indexed.size() == before.size() + 1);
  }

  SECTION("a statement timeout interrupts a long query") {
    c.set_timeouts({std::chrono::milliseconds(0), std::chrono::milliseconds(200)});
    const auto error = sql_error(
        c, is_pg(c) ? "SELECT pg_sleep(30)"
                    : "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n "
                      "WHERE x < 2000000000) SELECT count(*) FROM n");
    CHECK_THAT(error.what(), Catch::Contains("statement timeout"));
    c.set_timeouts({});
    CHECK(scalar(c, "SELECT 1") == "1");
  }

  SECTION("Ctrl-C cancels the running statement, or the next one when none runs, and only that one") {
    const std::string long_query = is_pg(c) ? "SELECT pg_sleep(30)"
                                            : "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n "
                                              "WHERE x < 2000000000) SELECT count(*) FROM n";
    // While it runs.
    std::thread signaller([] {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      util::simulate_interrupt(SIGINT);
    });
    const auto during = sql_error(c, long_query);
    signaller.join();
    CHECK_THAT(during.what(), Catch::Contains("canceling statement"));
    CHECK(scalar(c, "SELECT 1") == "1");  // what undoes it runs
    util::simulate_interrupt(0);
    // Between two statements (the cancel reached an idle connection): the next one pays it.
    util::simulate_interrupt(SIGTERM);
    CHECK_THAT(sql_error(c, long_query).what(), Catch::Contains("canceling statement: terminated (SIGTERM)"));
    CHECK(scalar(c, "SELECT 2") == "2");
    util::simulate_interrupt(0);
    // Noticed by the runner before any statement: settled, nothing of the undo is cancelled.
    util::simulate_interrupt(SIGINT);
    CHECK_THROWS_AS(util::stop_if_interrupted(), core::Interrupted);
    CHECK(scalar(c, "SELECT 3") == "3");
    util::simulate_interrupt(0);
  }

  SECTION("server_version names the database") {
    CHECK_THAT(c.server_version(), Catch::StartsWith(is_pg(c) ? "PostgreSQL 1" : "SQLite 3."));
  }
}

}  // namespace migrator::test
