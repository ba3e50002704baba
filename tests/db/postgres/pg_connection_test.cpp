#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <random>

#include "db/connection.hpp"
#include "db/value_text.hpp"
#include "support/db.hpp"
#include "support/postgres.hpp"

using migrator::core::ConnectError;
using migrator::db::Cell;
using migrator::db::SqlError;
using migrator::db::Value;
using migrator::test::PostgresDatabase;
using std::chrono::milliseconds;

using migrator::test::connect;
using migrator::test::scalar;
using migrator::test::sql_error;

// Needs no server: nothing listens on port 1.
TEST_CASE("postgres connection: a closed port is a connect error without the password", "[db]") {
  try {
    connect("postgresql://app:hunter2secret@127.0.0.1:1/receipts");
    FAIL("connected to a closed port");
  } catch (const ConnectError& e) {
    const std::string message = e.what();
    CHECK_THAT(message, Catch::StartsWith("cannot connect to \"postgresql://app:***@127.0.0.1:1/"
                                          "receipts\": connection to server at \"127.0.0.1\", "
                                          "port 1 failed: Connection refused"));
    CHECK(message.find("hunter2secret") == std::string::npos);
    CHECK(e.hint() == "is the server running and the URL right? check --db / DATABASE_URL");
    CHECK(e.exit_code() == 3);
  }
}

TEST_CASE("postgres connection: a wrong password is a connect error that does not repeat it",
          "[db][postgres]") {
  PostgresDatabase database;
  std::string url = database.url();
  const auto at = url.find('@');
  url = "postgresql://postgres:Wr0ngPassw0rd" + url.substr(at);
  try {
    connect(url);
    FAIL("connected with a wrong password");
  } catch (const ConnectError& e) {
    CHECK_THAT(e.what(), Catch::Contains("password authentication failed for user \"postgres\""));
    CHECK_THAT(e.what(), !Catch::Contains("Wr0ngPassw0rd"));
  }
}

TEST_CASE("postgres connection: identifies itself as migrator", "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  CHECK(scalar(*c, "SELECT current_setting('application_name')") == "migrator");
  CHECK(c->describe().find(":***@") != std::string::npos);
}

TEST_CASE("postgres connection: messages carry the server's DETAIL and HINT", "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  c->exec("CREATE TABLE parent (id int PRIMARY KEY);"
          "CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id))");
  const auto orphan = sql_error(*c, "INSERT INTO child VALUES (1, 5)");
  CHECK(orphan.code() == "23503");
  CHECK(orphan.db_message() ==
        "insert or update on table \"child\" violates foreign key constraint "
        "\"child_parent_id_fkey\"\nDETAIL: Key (parent_id)=(5) is not present in table \"parent\".");
  const auto no_function = sql_error(*c, "SELECT 1;\nSELECT no_such_function(1)");
  CHECK(no_function.code() == "42883");
  CHECK(no_function.position() == 18);
  CHECK_THAT(no_function.db_message(),
             Catch::StartsWith("function no_such_function(integer) does not exist\nHINT: "));
}

TEST_CASE("postgres connection: a multi-statement exec is one implicit transaction",
          "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  CHECK_THROWS_AS(c->exec("CREATE TABLE gone (a int); SELEC 1"), SqlError);
  CHECK(scalar(*c, "SELECT count(*) FROM pg_class WHERE relname = 'gone'") == "0");
}

TEST_CASE("postgres connection: COMMIT after a failed statement reports the rollback",
          "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  c->exec("CREATE TABLE t (a int)");
  auto tx = c->begin();
  c->exec("INSERT INTO t VALUES (1)");
  CHECK_THROWS_AS(c->exec("SELEC 1"), SqlError);
  try {
    tx->commit();
    FAIL("COMMIT of an aborted transaction passed for a success");
  } catch (const SqlError& e) {
    CHECK(e.code() == "25P02");
  }
  CHECK(scalar(*c, "SELECT count(*) FROM t") == "0");
}

TEST_CASE("postgres connection: a terminated backend is a lost connection", "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  auto admin = connect(database.url());
  const std::string pid = scalar(*c, "SELECT pg_backend_pid()");
  admin->exec("SELECT pg_terminate_backend(" + pid + ")");
  try {
    c->exec("SELECT 1");
    FAIL("a terminated session still answered");
  } catch (const ConnectError& e) {
    CHECK_THAT(e.what(), Catch::StartsWith("lost the connection to \"postgresql://postgres:***@"));
    CHECK(e.exit_code() == 3);
  }
}

TEST_CASE("postgres connection: notices are collected, not printed", "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  c->exec("DROP TABLE IF EXISTS nothing_here; DO $$ BEGIN RAISE WARNING 'careful: %', 42; END $$");
  CHECK(c->take_notices() == std::vector<std::string>{
                                 "NOTICE: table \"nothing_here\" does not exist, skipping",
                                 "WARNING: careful: 42"});
  CHECK(c->take_notices().empty());
}

TEST_CASE("postgres connection: timeouts outlive a rolled-back transaction", "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  {
    auto tx = c->begin();
    // A SET inside a transaction is undone by its rollback; begin() sets it again.
    c->set_timeouts({milliseconds(0), milliseconds(150)});
  }
  auto tx = c->begin();
  const auto error = sql_error(*c, "SELECT pg_sleep(30)");
  CHECK(error.code() == "57014");
  CHECK_THAT(error.db_message(), Catch::Contains("statement timeout"));
}

TEST_CASE("postgres connection: BEGIN goes with the first statement, positions count from its SQL",
          "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  c->exec("CREATE TABLE t (id integer)");
  {
    auto tx = c->begin();
    CHECK(c->in_transaction());  // held back, yet the transaction is there to the caller
    // A syntax error's position is the one in this text, not in "BEGIN; ...\n" + this text.
    const auto error = sql_error(*c, "INSERT INTO t VALUES (1);\nSELEC 2");
    CHECK(error.code() == "42601");
    CHECK(error.position() == 27);
  }
  CHECK_FALSE(c->in_transaction());
  CHECK(scalar(*c, "SELECT count(*) FROM t") == "0");  // the INSERT rolled back with its transaction
  {
    auto tx = c->begin();  // nothing run in it: nothing sent, nothing to roll back
  }
  CHECK(scalar(*c, "SELECT current_setting('transaction_isolation') IS NOT NULL") == "t");
  CHECK_FALSE(c->in_transaction());
  auto tx = c->begin();
  c->exec("INSERT INTO t VALUES (2)");
  tx->commit_after("INSERT INTO t VALUES (3)");
  CHECK(scalar(*c, "SELECT count(*) FROM t") == "2");
  auto empty = c->begin();
  empty->commit();  // BEGIN and COMMIT, one round trip
  CHECK_FALSE(c->in_transaction());
}

TEST_CASE("postgres connection: a statement is prepared once, and again after DEALLOCATE", "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  c->exec("CREATE TABLE t (id bigint, name text)");
  const auto prepared = [&] { return scalar(*c, "SELECT count(*) FROM pg_prepared_statements WHERE name = 'ins'"); };
  REQUIRE(c->prepare("ins", "bigint, text", "INSERT INTO t VALUES ($1, $2)"));
  CHECK(c->prepare("ins", "bigint, text", "INSERT INTO t VALUES ($1, $2)"));  // not twice: that is an error
  c->exec("EXECUTE ins(1, 'one')");
  {
    auto tx = c->begin();
    c->exec("DEALLOCATE ALL");
  }  // rolled back, and still deallocated: PREPARE and DEALLOCATE are not transactional
  CHECK(prepared() == "0");
  CHECK(c->prepare("ins", "bigint, text", "INSERT INTO t VALUES ($1, $2)"));
  c->exec("EXECUTE ins(2, 'two')");
  c->exec("PREPARE other AS SELECT 1; dealloCATE other");  // a DEALLOCATE of another: ins stays, known
  CHECK(c->prepare("ins", "bigint, text", "INSERT INTO t VALUES ($1, $2)"));
  c->exec("EXECUTE ins(3, 'three')");
  CHECK(scalar(*c, "SELECT string_agg(name, ',' ORDER BY id) FROM t") == "one,two,three");
}

TEST_CASE("postgres connection: COPY FROM STDIN in SQL text fails, TO STDOUT is dropped",
          "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  c->exec("CREATE TABLE t (a int)");
  const std::string sql = "INSERT INTO t VALUES (1);\nCOPY t FROM STDIN;\nINSERT INTO t VALUES (2)";
  const auto error = sql_error(*c, sql);
  CHECK(error.code() == "0A000");
  CHECK(error.position() == static_cast<int>(sql.find("COPY")) + 1);
  CHECK(scalar(*c, "SELECT count(*) FROM t") == "0");
  // COPY TO STDOUT only reads: its rows are dropped and the statements after it run.
  CHECK(c->query("COPY (SELECT 1) TO STDOUT; SELECT 42").rows ==
        std::vector<std::vector<Cell>>{{"42"}});
}

TEST_CASE("postgres lock: refused inside a transaction, the holder is described",
          "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  {
    auto tx = c->begin();
    CHECK_THROWS_AS(c->lock("migrator", milliseconds(0), nullptr), std::logic_error);
  }
  auto held = c->lock("migrator", milliseconds(0), nullptr);
  auto other = connect(database.url());
  // A different key is a different lock.
  CHECK(other->lock("another plan", milliseconds(0), nullptr) != nullptr);
  CHECK_THROWS_WITH(other->lock("migrator", milliseconds(0), nullptr),
                    Catch::Contains("(migrator) from 127.0.0.1, connected since ") &&
                        Catch::Contains(", idle; gave up after 0 ms"));
}

TEST_CASE("postgres bulk_insert: decimals match the server's own numeric input",
          "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  c->exec("CREATE TABLE amounts (id int PRIMARY KEY, value numeric, reference text)");
  std::mt19937_64 random(20240229);
  std::vector<migrator::db::Decimal> decimals = {
      {0, 0}, {0, 2}, {-1, 2}, {1, 18}, {std::numeric_limits<std::int64_t>::min(), 4},
      {std::numeric_limits<std::int64_t>::max(), 0}, {10000, 4}, {-99990000, 8}};
  for (int i = 0; i < 2000; ++i) {
    const auto units = static_cast<std::int64_t>(random()) >> (random() % 63);
    decimals.push_back({units, static_cast<int>(random() % 19)});
  }
  auto writer = c->bulk_insert("amounts", {"id", "value", "reference"});
  std::int64_t id = 0;
  for (const auto& decimal : decimals) {
    const std::string text = migrator::db::decimal_text(decimal);
    const std::array<Value, 3> row = {id++, decimal, std::string_view(text)};
    writer->write(row);
  }
  CHECK(writer->finish() == decimals.size());
  // The COPYed value against the server parsing the same text: equal, and equally written.
  CHECK(scalar(*c, "SELECT count(*) FROM amounts WHERE value = reference::numeric "
                   "AND value::text = reference") == std::to_string(decimals.size()));
}

TEST_CASE("postgres schema_fingerprint: the catalog's view of every kind of object",
          "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  c->exec("CREATE TABLE vendors (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
          "name text NOT NULL UNIQUE);"
          "CREATE TABLE receipts (id serial PRIMARY KEY, vendor_id bigint NOT NULL "
          "REFERENCES vendors (id), amount numeric(12, 2) DEFAULT 0 CHECK (amount >= 0));"
          "CREATE INDEX receipts_vendor ON receipts (vendor_id) WHERE amount > 0;"
          "CREATE MATERIALIZED VIEW totals AS SELECT vendor_id, sum(amount) AS total "
          "FROM receipts GROUP BY vendor_id;"
          "CREATE TABLE migrator_history (id serial PRIMARY KEY, version int)");
  const auto lines = c->schema_fingerprint();
  CHECK(lines == std::vector<std::string>{
                     "column public.receipts.amount numeric(12,2) null default 0",
                     "column public.receipts.id integer not null default "
                     "nextval('receipts_id_seq'::regclass)",
                     "column public.receipts.vendor_id bigint not null default none",
                     "column public.vendors.id bigint not null default none identity always",
                     "column public.vendors.name text not null default none",
                     "columns public.receipts id, vendor_id, amount",
                     "columns public.vendors id, name",
                     "constraint public.receipts receipts_amount_check CHECK ((amount >= "
                     "(0)::numeric))",
                     "constraint public.receipts receipts_pkey PRIMARY KEY (id)",
                     "constraint public.receipts receipts_vendor_id_fkey FOREIGN KEY (vendor_id) "
                     "REFERENCES vendors(id)",
                     "constraint public.vendors vendors_name_key UNIQUE (name)",
                     "constraint public.vendors vendors_pkey PRIMARY KEY (id)",
                     "index CREATE INDEX receipts_vendor ON public.receipts USING btree "
                     "(vendor_id) WHERE (amount > (0)::numeric)",
                     "index CREATE UNIQUE INDEX receipts_pkey ON public.receipts USING btree (id)",
                     "index CREATE UNIQUE INDEX vendors_name_key ON public.vendors USING btree "
                     "(name)",
                     "index CREATE UNIQUE INDEX vendors_pkey ON public.vendors USING btree (id)",
                     "materialized view public.totals SELECT receipts.vendor_id, "
                     "sum(receipts.amount) AS total FROM receipts GROUP BY receipts.vendor_id;",
                     "sequence public.receipts_id_seq integer start 1 increment 1 min 1 max 2147483647 "
                     "cache 1 owned by receipts.id",
                     "sequence public.vendors_id_seq bigint start 1 increment 1 min 1 max "
                     "9223372036854775807 cache 1 owned by vendors.id",
                     "table public.receipts",
                     "table public.vendors",
                 });
  // Objects outside the schemas on search_path are not part of the user's schema; the schema
  // itself is (a rollback that forgets a CREATE SCHEMA leaves it behind).
  c->exec("CREATE SCHEMA elsewhere; CREATE TABLE elsewhere.t (a int)");
  auto with_schema = lines;
  with_schema.push_back("schema elsewhere");
  std::sort(with_schema.begin(), with_schema.end());
  CHECK(c->schema_fingerprint() == with_schema);
  c->exec("SET search_path = public, elsewhere");
  CHECK(c->schema_fingerprint().size() == lines.size() + 4);  // the schema, its table, column, order
}

// What real down migrations most often get wrong (issue 11, beside pg_dump -s): function
// bodies, extensions left behind, enum labels, column order; and what cannot differ
// meaningfully (a time frozen into a view) does not.
TEST_CASE("postgres schema_fingerprint: functions, extensions, types, column order, frozen times",
          "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  c->exec("CREATE TABLE t (a int, b int, made timestamp DEFAULT 'now');"
          "CREATE TYPE mood AS ENUM ('sad', 'ok');"
          "CREATE DOMAIN positive AS integer CHECK (VALUE > 0);"
          "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;"
          "CREATE VIEW v AS SELECT a, 'now'::timestamp AS seen FROM t");
  const auto lines = c->schema_fingerprint();
  const auto has = [&](const std::vector<std::string>& in, const std::string& prefix) {
    return std::any_of(in.begin(), in.end(), [&](const std::string& l) { return l.rfind(prefix, 0) == 0; });
  };
  CHECK(has(lines, "function touch() CREATE OR REPLACE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql "
                   "AS $function$ BEGIN RETURN NEW; END $function$"));
  CHECK(has(lines, "type mood enum ('sad', 'ok')"));
  CHECK(has(lines, "type positive domain integer CHECK ((VALUE > 0))"));
  CHECK(has(lines, "view public.v SELECT t.a, '<a time>'::timestamp without time zone AS seen FROM t;"));
  CHECK(has(lines, "column public.t.made timestamp without time zone null default '<a time>'::timestamp"));

  // A body changed, an extension added, a label added, a column dropped and added back: each seen.
  c->exec("CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$;"
          "CREATE EXTENSION pgcrypto; ALTER TYPE mood ADD VALUE 'glad';"
          "ALTER TABLE t DROP COLUMN b; ALTER TABLE t ADD COLUMN b int");
  const auto after = c->schema_fingerprint();
  CHECK(has(after, "function touch() CREATE OR REPLACE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql "
                   "AS $function$ BEGIN RETURN OLD; END $function$"));
  CHECK(has(after, "extension pgcrypto "));
  CHECK_FALSE(has(after, "function digest"));  // the extension's own functions are its line's
  CHECK(has(after, "type mood enum ('sad', 'ok', 'glad')"));
  CHECK(has(lines, "columns public.t a, b, made"));
  CHECK(has(after, "columns public.t a, made, b"));

  // The same definitions made again a second later: no difference.
  c->exec("DROP VIEW v; CREATE VIEW v AS SELECT a, 'now'::timestamp AS seen FROM t");
  CHECK(c->schema_fingerprint() == after);
}

TEST_CASE("postgres connection: a wrong password is told as such, not as a server down", "[postgres]") {
  // The admin URL with its password replaced.
  auto url = migrator::test::postgres_admin_url();
  const auto colon = url.find(':', url.find("://") + 3);
  url.replace(colon + 1, url.find('@') - colon - 1, "not-the-password");
  try {
    connect(url);
    FAIL("connected with a wrong password");
  } catch (const ConnectError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("password authentication failed") &&
                                          !Catch::Contains("not-the-password"));
    CHECK_THAT(e.hint(), Catch::StartsWith("check the user name and password in the URL"));
  }
}

TEST_CASE("postgres connection: a missing database gets the command that creates it", "[postgres]") {
  auto url = migrator::test::postgres_admin_url();
  url = url.substr(0, url.rfind('/')) + "/migrator_no_such_db";
  try {
    connect(url);
    FAIL("connected to a database that does not exist");
  } catch (const ConnectError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("database \"migrator_no_such_db\" does not exist"));
    CHECK(e.hint() == "create it first (createdb migrator_no_such_db, or CREATE DATABASE migrator_no_such_db as a "
                      "user who may) or fix the name in the URL");
  }
}
