#pragma once
// One interface, two backends (db/sqlite, db/postgres). Plan SQL runs verbatim through the
// native handles (never SOCI's `session <<`, which runs only the first statement on SQLite
// and rewrites `:name` on PostgreSQL). Results are exact text.
#include <chrono>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/dialect.hpp"
#include "core/error.hpp"
#include "db/url.hpp"
#include "db/value.hpp"

namespace migrator::db {

// A statement the database refused. Exit 1; a lost connection is core::ConnectError instead.
class SqlError : public core::MigrationFailed {
 public:
  SqlError(std::string db_message, std::string code, int position)
      : core::MigrationFailed(db_message), m_db_message(std::move(db_message)),
        m_code(std::move(code)), m_position(position) {}
  const std::string& db_message() const { return m_db_message; }
  // PostgreSQL SQLSTATE ("23505"), or SQLite's extended result code ("SQLITE 1555").
  const std::string& code() const { return m_code; }
  // 1-based character offset in the SQL text that was run: the token the database blames,
  // else the first token of the failing statement (a constraint violation in the 3rd
  // statement points at the 3rd statement); 0 when unknown.
  int position() const { return m_position; }
  // The same error blaming no position: for one raised by SQL run after the text a caller
  // reports positions in (a step's history row).
  SqlError without_position() const { return SqlError(m_db_message, m_code, 0); }
  // The same error blaming `position` instead: for a caller that ran one statement of a
  // larger text and reports positions in that text.
  SqlError with_position(int position) const { return SqlError(m_db_message, m_code, position); }

 private:
  std::string m_db_message;
  std::string m_code;
  int m_position;
};

// What a transaction is for; it decides the locks it takes and the settings it runs with.
enum class TransactionMode {
  // SQLite: BEGIN IMMEDIATE, the write lock taken up front (waiting up to the busy timeout)
  // rather than failing halfway when another writer appears. PostgreSQL: BEGIN.
  write,
  // Reads (verify's checks): SQLite BEGIN DEFERRED, which takes no write lock, so it neither
  // waits for nor blocks a running migration. PostgreSQL: BEGIN.
  read,
  // A bulk load: write, plus SQLite's foreign keys checked once at commit (PRAGMA
  // foreign_key_check on the tables bulk_insert wrote) instead of once per row, as
  // PostgreSQL's plans add foreign keys after a load. The setting is restored when the
  // transaction ends. PostgreSQL: BEGIN.
  bulk_load,
};

// Rolls back in its destructor unless commit() was called.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual void commit() = 0;
  // Runs `sql` (what must commit with the transaction's work: a migration's history row),
  // then commits; on PostgreSQL in one round trip with the COMMIT. When `sql` fails nothing
  // is committed, and the destructor rolls back.
  virtual void commit_after(std::string_view sql) = 0;
  // Runs a step's own SQL, then the statement `record` gives (its history row), then commits.
  // On PostgreSQL all in one round trip when the step's SQL leaves no string, quoted name or
  // comment open that would swallow what follows: a migration with no check after its last
  // step is then one message. `record(true)` is asked for then, before the step has run (a
  // time it records must be measured by the server); `record(false)` after the step ran.
  // A failure in the step's SQL keeps its position in that SQL; one in the record has none.
  // When anything fails nothing is committed, and the destructor rolls back.
  using RecordSql = std::function<std::string(bool sent_with_step)>;
  virtual void commit_after_step(std::string_view step_sql, const RecordSql& record) = 0;
};

// The migration lock; released by its destructor.
class Lock {
 public:
  virtual ~Lock() = default;
};

// Streams rows into one table: COPY FROM STDIN on PostgreSQL, multi-row prepared INSERTs on
// SQLite. Runs inside whatever transaction the connection has open (best a bulk_load one).
class BulkWriter {
 public:
  virtual ~BulkWriter() = default;
  virtual void write(std::span<const Value> row) = 0;  // values in the order of `columns`
  virtual std::uint64_t finish() = 0;                   // flushes; returns rows written
};

struct Timeouts {
  std::chrono::milliseconds lock_timeout{0};       // 0: the database's default
  std::chrono::milliseconds statement_timeout{0};  // 0: none
};

// Called once when the lock is held by someone else, with a description of the holder.
using LockWaitCallback = std::function<void(const std::string& holder)>;

class Connection {
 public:
  virtual ~Connection() = default;
  virtual core::Dialect dialect() const = 0;
  // The URL with the password redacted.
  virtual const std::string& describe() const = 0;
  virtual std::string server_version() = 0;

  // Runs `sql` verbatim: any number of statements, no bound values. Throws SqlError.
  virtual void exec(std::string_view sql) = 0;
  // Runs `sql` and returns the rows of its last statement, every cell as exact text.
  virtual ResultSet query(std::string_view sql) = 0;

  // A statement the server plans once per session and runs by name, `EXECUTE name(args)` in
  // SQL text: for what runs once per migration (the history's own row), where planning it
  // each time was a third of migrator's own cost on the server. `sql` takes $1, $2, ...
  // of `parameter_types`. Prepares at the first call (again if the session's statements were
  // deallocated); false where the database has no such thing (SQLite): run the plain SQL.
  virtual bool prepare(std::string_view /*name*/, std::string_view /*parameter_types*/, std::string_view /*sql*/) {
    return false;
  }

  std::unique_ptr<Transaction> begin() { return begin(TransactionMode::write); }
  virtual std::unique_ptr<Transaction> begin(TransactionMode mode) = 0;
  // Whether a transaction is open on this connection (begun here or by the caller's SQL).
  virtual bool in_transaction() = 0;
  // Applies to the statements that follow on this connection. PostgreSQL: session-level
  // SET lock_timeout / statement_timeout, sent again by every begin() (a rolled-back
  // transaction undoes a SET made in it). SQLite: lock_timeout is the busy timeout (default
  // 5 s, also the wait of begin()), statement_timeout a progress handler that interrupts.
  virtual void set_timeouts(const Timeouts& timeouts) = 0;

  // How long a statement outside a migration waits for another connection that is writing
  // (status, verify, the history reads before the migration lock), and whom to tell, once,
  // when it starts waiting. SQLite: its busy handler; a statement that gives up throws
  // core::LockTimeout naming the migration lock's holder. PostgreSQL: nothing (readers do
  // not wait for writers there).
  virtual void set_busy_wait(std::chrono::milliseconds /*wait*/, LockWaitCallback /*on_wait*/) {}

  // The migration lock, held outside any transaction. PostgreSQL: pg_try_advisory_lock on
  // this session, polled; SQLite: an exclusive flock on "<db>.lock". Throws core::LockTimeout
  // naming the holder when `wait` runs out.
  virtual std::unique_ptr<Lock> lock(std::string_view key, std::chrono::milliseconds wait,
                                     const LockWaitCallback& on_wait) = 0;

  virtual std::unique_ptr<BulkWriter> bulk_insert(std::string_view table,
                                                  std::vector<std::string> columns) = 0;

  // Tables, columns (type, nullability, default), indexes, constraints and views of the
  // user's schema, one sorted line each; equal vectors mean equal schemas (check --rehearse).
  virtual std::vector<std::string> schema_fingerprint() = 0;

  // NOTICE/WARNING messages the server sent since the last call (PostgreSQL), oldest first.
  virtual std::vector<std::string> take_notices() = 0;
};

// Opens the database the URL names. Throws core::ConnectError (exit 3) when it cannot.
std::unique_ptr<Connection> open(const Url& url);

}  // namespace migrator::db
