#include <algorithm>
#include <signal.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "db/connection.hpp"
#include "db/scratch.hpp"
#include "db/value_text.hpp"
#include "support/command.hpp"
#include "support/db.hpp"
#include "support/temp_dir.hpp"

using migrator::core::ConnectError;
using migrator::core::LockTimeout;
using migrator::db::Cell;
using migrator::db::SqlError;
using migrator::db::Value;
using migrator::test::TempDir;
using migrator::test::scalar;
using std::chrono::milliseconds;

namespace {

std::unique_ptr<migrator::db::Connection> open_file(const std::filesystem::path& path) {
  return migrator::db::open(migrator::db::parse_url("sqlite:" + path.string()));
}

}  // namespace

TEST_CASE("sqlite connection: opening creates the file", "[db][sqlite]") {
  TempDir dir;
  auto c = open_file(dir / "new.db");
  CHECK(std::filesystem::exists(dir / "new.db"));
  CHECK(c->describe() == "sqlite:" + (dir / "new.db").string());
  // The default rollback journal, not WAL: a killed run leaves a hot journal to roll back.
  CHECK(scalar(*c, "PRAGMA journal_mode") == "delete");
  CHECK(scalar(*c, "PRAGMA foreign_keys") == "1");
}

TEST_CASE("sqlite connection: what cannot be opened is a connect error", "[db][sqlite]") {
  TempDir dir;
  const auto missing = dir / "no-such-dir" / "x.db";
  try {
    open_file(missing);
    FAIL("opened a database in a missing directory");
  } catch (const ConnectError& e) {
    // What is wrong, not "is the server running?" (SQLite has none).
    CHECK(std::string(e.what()) == "cannot connect to \"sqlite:" + missing.string() + "\": the directory \"" +
                                       missing.parent_path().string() + "\" does not exist");
    CHECK(e.hint() == "create it (mkdir -p " + missing.parent_path().string() + ") or give --db another path");
    CHECK(e.exit_code() == 3);
  }
  const auto text = dir.write("notes.txt", std::string(4096, 'x'));
  try {
    open_file(text);
    FAIL("opened a text file as a database");
  } catch (const ConnectError& e) {
    CHECK(std::string(e.what()) == "cannot connect to \"sqlite:" + text.string() + "\": \"" + text.string() +
                                       "\" is not an SQLite database");
    CHECK_THAT(e.hint(), Catch::StartsWith("give --db the path of an SQLite database file"));
  }
  // A file with SQLite's header whose pages are garbage, and one too short for a header.
  const auto broken = dir.write("broken.db", std::string("SQLite format 3\0", 16) + std::string(4080, 'x'));
  CHECK_THROWS_AS(open_file(broken), ConnectError);
  CHECK_THROWS_WITH(open_file(dir.write("short.db", "SQLite")), Catch::Contains("is not an SQLite database"));
}

TEST_CASE("sqlite connection: commits sync fully unless the URL says synchronous=normal", "[db][sqlite]") {
  TempDir dir;
  CHECK(scalar(*open_file(dir / "full.db"), "PRAGMA synchronous") == "2");
  const auto normal = migrator::db::parse_url("sqlite:" + (dir / "normal.db").string() + "?synchronous=normal");
  CHECK(scalar(*migrator::db::open(normal), "PRAGMA synchronous") == "1");
  // A scratch database (a rehearsal's, a benchmark's) syncs as the one it stands for.
  migrator::db::ScratchDatabase scratch(normal, "synchronous");
  CHECK(scalar(*migrator::db::open(scratch.url()), "PRAGMA synchronous") == "1");
}

TEST_CASE("sqlite connection: foreign keys are enforced", "[db][sqlite]") {
  TempDir dir;
  auto c = open_file(dir / "fk.db");
  c->exec("CREATE TABLE parent (id INTEGER PRIMARY KEY);"
          "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id))");
  try {
    c->exec("INSERT INTO child VALUES (1, 5)");
    FAIL("an orphan row was accepted");
  } catch (const SqlError& e) {
    CHECK(e.code() == "SQLITE 787");
    CHECK(e.db_message() == "FOREIGN KEY constraint failed");
  }
}

TEST_CASE("sqlite connection: exec outside a transaction keeps the statements before a failure",
          "[db][sqlite]") {
  // Unlike PostgreSQL's one implicit transaction per exec: run plan SQL inside begin().
  TempDir dir;
  auto c = open_file(dir / "partial.db");
  CHECK_THROWS_AS(c->exec("CREATE TABLE kept (a INTEGER); SELEC 1"), SqlError);
  CHECK(scalar(*c, "SELECT count(*) FROM sqlite_schema WHERE name = 'kept'") == "1");
  c->exec("  -- only a comment\n  ");
  CHECK(c->query("").rows.empty());
}

TEST_CASE("sqlite connection: begin() waits for the write lock, then gives up as LockTimeout",
          "[db][sqlite]") {
  TempDir dir;
  auto first = open_file(dir / "busy.db");
  auto second = open_file(dir / "busy.db");
  first->exec("CREATE TABLE t (a INTEGER)");
  second->set_timeouts({milliseconds(100), milliseconds(0)});
  auto writing = first->begin();
  first->exec("INSERT INTO t VALUES (1)");
  try {
    second->begin();
    FAIL("two writers at once");
  } catch (const LockTimeout& e) {
    CHECK(std::string(e.what()) ==
          "the database \"sqlite:" + (dir / "busy.db").string() +
              "\" is being written by another connection; gave up waiting for it after 100 ms");
    CHECK(e.exit_code() == 3);
  }
  writing->commit();
  auto now_free = second->begin();
  second->exec("INSERT INTO t VALUES (2)");
  now_free->commit();
  CHECK(scalar(*first, "SELECT count(*) FROM t") == "2");
}

TEST_CASE("sqlite connection: a killed writer's changes are rolled back on the next open",
          "[db][sqlite]") {
  TempDir dir;
  const auto path = dir / "killed.db";
  open_file(path)->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, filler TEXT)");
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // A tiny page cache makes SQLite write changed pages into the database file before the
    // commit, with the originals in the journal; _exit skips every destructor, like a kill.
    auto c = open_file(path);
    c->exec("PRAGMA cache_size = 2");
    auto tx = c->begin();
    c->exec("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000) "
            "INSERT INTO t SELECT x, printf('%.500c', 'x') FROM n");
    _exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(std::filesystem::exists(path.string() + "-journal"));
  CHECK(std::filesystem::file_size(path) > 100 * 1024);  // uncommitted pages reached the file
  auto c = open_file(path);
  CHECK(scalar(*c, "SELECT count(*) FROM t") == "0");
  CHECK(scalar(*c, "PRAGMA integrity_check") == "ok");
}

TEST_CASE("sqlite lock: the lock file names its holder while held", "[db][sqlite]") {
  TempDir dir;
  auto c = open_file(dir / "locked.db");
  const auto lock_file = dir / "locked.db.lock";
  {
    auto lock = c->lock("migrator", milliseconds(0), nullptr);
    CHECK_THAT(migrator::test::read_text(lock_file),
               Catch::StartsWith("pid " + std::to_string(getpid()) + " on ") &&
                   Catch::Contains(" since ") && Catch::Contains("(lock \"migrator\")"));
  }
  CHECK(migrator::test::read_text(lock_file).empty());
  // A :memory: database is private to its connection: nothing to lock.
  auto memory = migrator::db::open(migrator::db::parse_url("sqlite::memory:"));
  CHECK(memory->lock("migrator", milliseconds(0), nullptr) != nullptr);
}

TEST_CASE("sqlite lock: a killed holder leaves no stale lock", "[db][sqlite]") {
  TempDir dir;
  const auto path = dir / "crash.db";
  std::array<int, 2> ready{};
  REQUIRE(pipe(ready.data()) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto c = open_file(path);
    auto lock = c->lock("migrator", milliseconds(0), nullptr);
    [[maybe_unused]] const auto written = write(ready[1], "x", 1);
    pause();  // killed here, holding the lock
    _exit(0);
  }
  char byte = 0;
  REQUIRE(read(ready[0], &byte, 1) == 1);
  auto c = open_file(path);
  CHECK_THROWS_WITH(c->lock("migrator", milliseconds(0), nullptr),
                    Catch::Contains("pid " + std::to_string(child) + " on "));
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  close(ready[0]);
  close(ready[1]);
  CHECK(c->lock("migrator", milliseconds(0), nullptr) != nullptr);
}

TEST_CASE("sqlite bulk_insert: a decimal stays exact only without NUMERIC affinity",
          "[db][sqlite]") {
  // What a money column should be declared as on SQLite: INTEGER cents or TEXT keep the
  // value; NUMERIC (and REAL) store 12.50 as the REAL 12.5 and 7.00 as the INTEGER 7.
  TempDir dir;
  auto c = open_file(dir / "money.db");
  c->exec("CREATE TABLE money (as_numeric NUMERIC, as_text TEXT, cents INTEGER)");
  auto writer = c->bulk_insert("money", {"as_numeric", "as_text", "cents"});
  const std::array<Value, 3> row = {migrator::db::Decimal{1250, 2},
                                    migrator::db::Decimal{1250, 2}, std::int64_t{1250}};
  const std::array<Value, 3> whole = {migrator::db::Decimal{700, 2},
                                      migrator::db::Decimal{700, 2}, std::int64_t{700}};
  writer->write(row);
  writer->write(whole);
  CHECK(writer->finish() == 2);
  const auto result = c->query(
      "SELECT as_numeric, typeof(as_numeric), as_text, cents FROM money ORDER BY cents DESC");
  CHECK(result.rows == std::vector<std::vector<Cell>>{{"12.5", "real", "12.50", "1250"},
                                                      {"7", "integer", "7.00", "700"}});
}

TEST_CASE("sqlite schema_fingerprint: a rebuilt table equals the original", "[db][sqlite]") {
  TempDir dir;
  auto c = open_file(dir / "rebuild.db");
  c->exec("CREATE TABLE vendors (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
          "CREATE TABLE receipts (id INTEGER PRIMARY KEY, vendor_id INTEGER NOT NULL "
          "REFERENCES vendors (id) ON DELETE CASCADE, amount INTEGER DEFAULT 0 "
          "CHECK (amount >= 0));"
          "CREATE INDEX receipts_vendor ON receipts (vendor_id);"
          "CREATE VIEW totals AS SELECT vendor_id, sum(amount) AS total FROM receipts "
          "GROUP BY vendor_id");
  const auto original = c->schema_fingerprint();
  CHECK(original == std::vector<std::string>{
                        "check receipts check ( amount >= 0 )",
                        "column receipts.amount INTEGER null default 0",
                        "column receipts.id INTEGER null primary key 1",
                        "column receipts.vendor_id INTEGER not null",
                        "column vendors.id INTEGER null primary key 1",
                        "column vendors.name TEXT not null",
                        "columns receipts id, vendor_id, amount",
                        "columns vendors id, name",
                        "foreign key receipts (vendor_id) references vendors (id) on update NO "
                        "ACTION on delete CASCADE match NONE",
                        "index receipts create index receipts_vendor on receipts ( vendor_id )",
                        "table receipts",
                        "table vendors",
                        "unique vendors (name)",
                        "view totals create view totals as select vendor_id , sum ( amount ) as "
                        "total from receipts group by vendor_id",
                    });
  // SQLite's recipe for changes ALTER TABLE cannot make: new table, copy, drop, rename.
  c->exec("PRAGMA foreign_keys = OFF; BEGIN; DROP VIEW totals;"
          "CREATE TABLE receipts_new (id integer primary key, vendor_id integer not null "
          "references vendors(id) on delete cascade, amount integer check(amount>=0) default 0);"
          "INSERT INTO receipts_new SELECT * FROM receipts; DROP TABLE receipts;"
          "ALTER TABLE receipts_new RENAME TO receipts;"
          "CREATE INDEX receipts_vendor ON receipts (vendor_id);"
          "CREATE VIEW totals AS SELECT vendor_id, sum(amount) AS total FROM receipts "
          "GROUP BY vendor_id; COMMIT; PRAGMA foreign_keys = ON");
  CHECK(c->schema_fingerprint() == original);
  c->exec("ALTER TABLE receipts ADD COLUMN note TEXT");
  CHECK(c->schema_fingerprint() != original);
  c->exec("ALTER TABLE receipts DROP COLUMN note");
  CHECK(c->schema_fingerprint() == original);
  // A column dropped and added back comes back last: not the table it was.
  c->exec("CREATE TABLE extra (a INTEGER, b INTEGER, c INTEGER)");
  const auto before = c->schema_fingerprint();
  c->exec("ALTER TABLE extra DROP COLUMN b; ALTER TABLE extra ADD COLUMN b INTEGER");
  const auto moved = c->schema_fingerprint();
  CHECK(moved != before);
  CHECK(std::find(moved.begin(), moved.end(), "columns extra a, c, b") != moved.end());
}

TEST_CASE("sqlite connection: take_notices has nothing to tell", "[db][sqlite]") {
  TempDir dir;
  auto c = open_file(dir / "quiet.db");
  c->exec("DROP TABLE IF EXISTS nothing_here");
  CHECK(c->take_notices().empty());
}

TEST_CASE("sqlite bulk_insert: a decimal bound as a double is stored as its text would be",
          "[db][sqlite]") {
  // NUMERIC and REAL columns get the double nearest the decimal instead of its text; the
  // stored value (and its type: 7.00 becomes the INTEGER 7) must be the same either way.
  TempDir dir;
  auto c = open_file(dir / "affinity.db");
  c->exec("CREATE TABLE bulk (id INTEGER PRIMARY KEY, n NUMERIC(12,2), r REAL, i INTEGER);"
          "CREATE TABLE literal (id INTEGER PRIMARY KEY, n NUMERIC(12,2), r REAL, i INTEGER)");
  std::vector<migrator::db::Decimal> values;
  for (std::int64_t units = -2000; units <= 2'000'000; units += 997) {
    values.push_back({units, 2});
  }
  values.push_back({700, 2});
  values.push_back({123456789, 4});
  values.push_back({(std::int64_t{1} << 53) + 1, 2});  // beyond a double: goes in as text
  auto writer = c->bulk_insert("bulk", {"id", "n", "r", "i"});
  std::string inserts;
  for (std::size_t k = 0; k < values.size(); ++k) {
    const auto id = static_cast<std::int64_t>(k);
    const std::array<Value, 4> row = {id, values[k], values[k], values[k]};
    writer->write(row);
    const auto text = migrator::db::decimal_text(values[k]);
    inserts += "INSERT INTO literal VALUES (" + std::to_string(id) + ", '" + text + "', '" +
               text + "', '" + text + "');";
  }
  CHECK(writer->finish() == values.size());
  c->exec(inserts);
  CHECK(scalar(*c, "SELECT count(*) FROM bulk b JOIN literal l USING (id) "
                   "WHERE b.n IS l.n AND typeof(b.n) = typeof(l.n) "
                   "AND b.r IS l.r AND typeof(b.r) = typeof(l.r) "
                   "AND b.i IS l.i AND typeof(b.i) = typeof(l.i)") ==
        std::to_string(values.size()));
}

TEST_CASE("sqlite bulk_load transaction: foreign keys checked once, at commit", "[db][sqlite]") {
  TempDir dir;
  auto c = open_file(dir / "fk.db");
  c->exec("CREATE TABLE parents (id INTEGER PRIMARY KEY);"
          "CREATE TABLE children (id INTEGER PRIMARY KEY, "
          "parent_id INTEGER NOT NULL REFERENCES parents (id));"
          "INSERT INTO parents VALUES (1)");
  const auto load = [&](std::int64_t parent) {
    auto tx = c->begin(migrator::db::TransactionMode::bulk_load);
    CHECK(c->in_transaction());
    auto writer = c->bulk_insert("children", {"id", "parent_id"});
    for (std::int64_t id = 1; id <= 100; ++id) {
      const std::array<Value, 2> row = {id, id == 50 ? parent : std::int64_t{1}};
      writer->write(row);
    }
    writer->finish();  // a per-row check would have failed here already
    tx->commit();
  };

  SECTION("a row whose parent is missing fails the commit and leaves nothing") {
    try {
      load(7);
      FAIL("the commit should have failed");
    } catch (const SqlError& e) {
      CHECK(e.code() == "SQLITE 787");
      CHECK(e.db_message() == "FOREIGN KEY constraint failed: row 50 of children refers to a "
                              "row of parents that does not exist");
    }
    CHECK_FALSE(c->in_transaction());
    CHECK(scalar(*c, "SELECT count(*) FROM children") == "0");
  }
  SECTION("valid rows commit") {
    load(1);
    CHECK(scalar(*c, "SELECT count(*) FROM children") == "100");
  }
  // Either way the connection enforces foreign keys again afterwards.
  CHECK(scalar(*c, "PRAGMA foreign_keys") == "1");
  CHECK_THROWS_WITH(c->exec("INSERT INTO children VALUES (500, 9)"),
                    Catch::Contains("FOREIGN KEY constraint failed"));
}

TEST_CASE("sqlite read transaction: takes no write lock", "[db][sqlite]") {
  // verify reads in one; a migration (BEGIN IMMEDIATE) on another connection must not wait.
  TempDir dir;
  auto reader = open_file(dir / "read.db");
  reader->exec("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1)");
  auto writer = open_file(dir / "read.db");
  writer->set_timeouts({milliseconds(50), milliseconds(0)});
  auto read = reader->begin(migrator::db::TransactionMode::read);
  CHECK(scalar(*reader, "SELECT count(*) FROM t") == "1");
  auto write = writer->begin();
  writer->exec("INSERT INTO t VALUES (2)");
  CHECK(scalar(*reader, "SELECT count(*) FROM t") == "1");  // its snapshot
  read.reset();
  write->commit();
  CHECK(scalar(*reader, "SELECT count(*) FROM t") == "2");
}

TEST_CASE("sqlite bulk_insert: cache_size is restored after the load, finished or abandoned",
          "[db][sqlite]") {
  TempDir dir;
  auto c = open_file(dir / "cache.db");
  c->exec("CREATE TABLE t (id INTEGER PRIMARY KEY); PRAGMA cache_size = -3000");
  {
    auto writer = c->bulk_insert("t", {"id"});
    CHECK(scalar(*c, "PRAGMA cache_size") == "-65536");
    const std::array<Value, 1> row = {std::int64_t{1}};
    writer->write(row);
    writer->finish();
  }
  CHECK(scalar(*c, "PRAGMA cache_size") == "-3000");
  {
    auto abandoned = c->bulk_insert("t", {"id"});
    const std::array<Value, 1> row = {std::int64_t{2}};
    abandoned->write(row);
  }
  CHECK(scalar(*c, "PRAGMA cache_size") == "-3000");
  CHECK(scalar(*c, "SELECT count(*) FROM t") == "1");
}

TEST_CASE("sqlite bulk_load transaction: one larger page cache for all its tables",
          "[db][sqlite]") {
  // Shrinking the cache between two tables of one load would push the first one's pages out.
  TempDir dir;
  auto c = open_file(dir / "load_cache.db");
  c->exec("CREATE TABLE a (id INTEGER PRIMARY KEY); CREATE TABLE b (id INTEGER PRIMARY KEY);"
          "PRAGMA cache_size = -3000");
  {
    auto tx = c->begin(migrator::db::TransactionMode::bulk_load);
    CHECK(scalar(*c, "PRAGMA cache_size") == "-65536");
    for (const char* table : {"a", "b"}) {
      auto writer = c->bulk_insert(table, {"id"});
      const std::array<Value, 1> row = {std::int64_t{1}};
      writer->write(row);
      writer->finish();
      CHECK(scalar(*c, "PRAGMA cache_size") == "-65536");
    }
    tx->commit();
  }
  CHECK(scalar(*c, "PRAGMA cache_size") == "-3000");
  {
    auto abandoned = c->begin(migrator::db::TransactionMode::bulk_load);
  }
  CHECK(scalar(*c, "PRAGMA cache_size") == "-3000");
}

TEST_CASE("sqlite bulk_insert: the transaction keeps its write lock after the writer is done",
          "[db][sqlite]") {
  // The writeback hint once opened a descriptor of the database file and closed it when the
  // writer finished, which on Linux drops every POSIX lock this process holds on the file:
  // SQLite's write lock was gone while its transaction went on.
  TempDir dir;
  const auto path = dir / "locked.db";
  auto c = open_file(path);
  c->exec("CREATE TABLE t (n INTEGER)");
  auto transaction = c->begin();
  {
    auto writer = c->bulk_insert("t", {"n"});
    for (std::int64_t n = 0; n < 20'000; ++n) {  // past the writeback's first hint
      const std::array<Value, 1> row = {n};
      writer->write(row);
    }
    CHECK(writer->finish() == 20'000);
  }
  // Another process (a fresh one: a forked child would share SQLite's lock bookkeeping and
  // answer without asking the kernel) asks for the write lock without waiting.
  const auto self = std::filesystem::read_symlink("/proc/self/exe");
  const auto probe = migrator::test::run_command(
      "MIGRATOR_LOCK_PROBE_DB=" + migrator::test::shell_quote(path.string()) + " " +
      migrator::test::shell_quote(self.string()) + " >/dev/null 2>&1");  // tests/main.cpp
  CHECK(probe.exit_code == 0);  // 1: the other process got the write lock
  transaction.reset();  // rolls back
}


TEST_CASE("sqlite lock: a symbolic link to the database shares its lock and its journal (issue 9: 5)",
          "[db][sqlite]") {
  TempDir dir;
  auto real = open_file(dir / "app.db");
  real->exec("CREATE TABLE t (n INTEGER)");
  std::filesystem::create_symlink(dir / "app.db", dir / "alias.db");
  auto alias = open_file(dir / "alias.db");
  const auto held = real->lock("migrate", milliseconds(0), [](const std::string&) {});
  // Two paths once took two locks, and two applies ran at once.
  CHECK_THROWS_AS(alias->lock("migrate", milliseconds(0), [](const std::string&) {}), LockTimeout);
  CHECK_FALSE(std::filesystem::exists(dir / "alias.db.lock"));
}

TEST_CASE("sqlite connection: a database file with several hard links is refused, saying why",
          "[db][sqlite]") {
  TempDir dir;
  open_file(dir / "app.db")->exec("CREATE TABLE t (n INTEGER)");
  std::filesystem::create_hard_link(dir / "app.db", dir / "copy.db");
  try {
    open_file(dir / "copy.db");
    FAIL("opened a database with two hard links");
  } catch (const ConnectError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("has 2 hard links: SQLite names its journal after the path"));
    CHECK_THAT(e.hint(), Catch::StartsWith("remove the other links"));
    CHECK(e.exit_code() == 3);
  }
}
