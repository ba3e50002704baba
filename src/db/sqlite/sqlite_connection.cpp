#include "db/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <thread>

#include "db/errors.hpp"
#include "db/sqlite/sqlite_error.hpp"
#include "db/sqlite/sqlite_file_check.hpp"
#include "db/sqlite/sqlite_session.hpp"
#include "db/sqlite/sqlite_statement.hpp"
#include "db/value_text.hpp"

namespace migrator::db::sqlite {
namespace {

// How many virtual-machine instructions run between two looks at the statement clock: a
// few microseconds of work, so a timeout fires promptly and costs nothing measurable.
constexpr int k_progress_interval = 1000;

Cell read_cell(sqlite3_stmt* statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_NULL:
      return std::nullopt;
    case SQLITE_INTEGER:
      return std::to_string(sqlite3_column_int64(statement, column));
    case SQLITE_FLOAT:
      return double_text(sqlite3_column_double(statement, column));
    default: {
      // TEXT as stored; a BLOB as its raw bytes (what CAST(x AS TEXT) gives).
      const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, column));
      const int size = sqlite3_column_bytes(statement, column);
      return bytes == nullptr ? std::string() : std::string(bytes, static_cast<std::size_t>(size));
    }
  }
}

// A connection is used by one thread at a time (each thread opens its own), so SQLite's
// per-call mutex is pure cost: 4-5% of a bulk load. Multi-thread mode drops it. It can only
// be chosen before SQLite initializes; if someone else initialized it first, this is a no-op.
void use_multithread_mode() {
  static const int k_configured = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  (void)k_configured;
}

}  // namespace

SqliteConnection::SqliteConnection(const Url& url)
    : m_path(url.sqlite_path), m_describe(url.redacted) {
  use_multithread_mode();
  check_database_file(m_path, m_describe);
  m_path = identity_path(m_path, m_describe);
  auto native = open_session(m_path, m_describe);
  m_session = std::move(native.session);
  m_db = native.handle;
  sqlite3_extended_result_codes(m_db, 1);
  sqlite3_busy_handler(m_db, &SqliteConnection::on_busy, this);
  exec("PRAGMA foreign_keys = ON");
  if (!url.sqlite_synchronous.empty()) {
    exec("PRAGMA synchronous = " + url.sqlite_synchronous);  // one of three words parse_url let through
  }
  // The default rollback journal stays (no WAL): a killed run leaves a hot journal that
  // the next open rolls back. Reading the schema here turns "file is not a database" and
  // an unreadable file into a connect error rather than a failure of the first migration.
  // It does not wait: a file another connection is writing (a migration whose writes
  // outgrew the page cache holds SQLite's EXCLUSIVE lock) is a database, and whoever uses
  // this connection next waits for it as --lock-timeout says, naming the writer.
  m_busy_probe = true;
  try {
    exec("SELECT count(*) FROM sqlite_schema");
  } catch (const core::LockTimeout&) {
  } catch (const SqlError& e) {
    m_busy_probe = false;
    if (e.code() == "SQLITE " + std::to_string(SQLITE_NOTADB)) {
      throw not_a_database_error(url.sqlite_path, m_describe);
    }
    throw connect_error(m_describe, e.db_message());
  }
  m_busy_probe = false;
  m_cancel_registration.emplace([db = m_db] { sqlite3_interrupt(db); });
  // Always on: it also pays a cancellation owed to a statement that began after the signal's
  // sqlite3_interrupt, which SQLite ignores when no statement is running.
  sqlite3_progress_handler(m_db, k_progress_interval, &SqliteConnection::on_progress, this);
}

SqliteConnection::~SqliteConnection() = default;

std::string SqliteConnection::server_version() {
  return std::string("SQLite ") + sqlite3_libversion();
}

void SqliteConnection::exec(std::string_view sql) { run(sql, false); }

ResultSet SqliteConnection::query(std::string_view sql) { return run(sql, true); }

ResultSet SqliteConnection::run(std::string_view sql, bool collect) {
  ResultSet result;
  std::size_t offset = 0;
  while (offset < sql.size()) {
    const char* start = sql.data() + offset;
    const char* tail = nullptr;
    sqlite3_stmt* raw = nullptr;
    if (m_cancel_registration && m_cancel_registration->take_pending()) {
      throw cancelled_error(sql, offset);  // a signal came just before this statement
    }
    arm_deadline();
    const int prepared =
        sqlite3_prepare_v2(m_db, start, static_cast<int>(sql.size() - offset), &raw, &tail);
    if ((prepared & 0xFF) == SQLITE_BUSY) {
      throw busy_error();  // preparing reads the schema, which waits for a writer too
    }
    if (prepared != SQLITE_OK) {
      throw make_error(m_db, prepared, sql, offset);
    }
    Statement statement(raw);
    const std::size_t statement_offset = offset;
    offset = static_cast<std::size_t>(tail - sql.data());
    if (!statement) {
      continue;  // only whitespace or comments were left
    }
    ResultSet current;
    const int columns = sqlite3_column_count(raw);
    if (collect) {
      for (int c = 0; c < columns; ++c) {
        current.columns.emplace_back(sqlite3_column_name(raw, c));
      }
    }
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
      if (collect) {
        auto& row = current.rows.emplace_back();
        row.reserve(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c) {
          row.push_back(read_cell(raw, c));
        }
      }
    }
    if ((rc & 0xFF) == SQLITE_BUSY) {
      throw busy_error();
    }
    if (rc != SQLITE_DONE) {
      if ((rc & 0xFF) == SQLITE_INTERRUPT && m_cancel_registration) {
        m_cancel_registration->settle();
      }
      throw make_error(m_db, rc, sql, statement_offset);
    }
    result = std::move(current);
  }
  return result;
}

void SqliteConnection::set_timeouts(const Timeouts& timeouts) {
  m_busy_timeout = timeouts.lock_timeout.count() > 0 ? timeouts.lock_timeout
                                                      : k_default_busy_timeout;
  m_statement_timeout = timeouts.statement_timeout;
}

void SqliteConnection::set_busy_wait(std::chrono::milliseconds wait, LockWaitCallback on_wait) {
  m_busy_timeout = wait;
  m_on_busy = std::move(on_wait);
}

int SqliteConnection::on_busy(void* self, int count) {
  auto* connection = static_cast<SqliteConnection*>(self);
  const auto now = std::chrono::steady_clock::now();
  if (count == 0) {
    connection->m_busy_since = now;
  }
  const auto waited = now - connection->m_busy_since;
  if (connection->m_busy_probe || waited >= connection->m_busy_timeout || util::interrupted()) {
    return 0;  // the statement fails with SQLITE_BUSY
  }
  if (!connection->m_busy_told && connection->m_on_busy && waited >= std::chrono::seconds(1)) {
    connection->m_busy_told = true;
    connection->m_on_busy(connection->migration_lock_holder().value_or("another connection"));
  }
  // SQLite's own schedule: short sleeps first, then 100 ms, never past the deadline.
  static constexpr std::array<int, 12> k_delays_ms{1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};
  const auto delay = std::chrono::milliseconds(k_delays_ms[std::min<std::size_t>(count, k_delays_ms.size() - 1)]);
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(connection->m_busy_timeout - waited);
  std::this_thread::sleep_for(std::min(delay, std::max(left, std::chrono::milliseconds(1))));
  return 1;
}

core::LockTimeout SqliteConnection::busy_error() const {
  const auto holder = migration_lock_holder();
  const auto waited = duration_text(m_busy_probe ? std::chrono::milliseconds(0) : m_busy_timeout);
  if (holder) {
    return core::LockTimeout("the database \"" + m_describe + "\" is being written by a migration run, " + *holder +
                                 "; gave up waiting for it after " + waited,
                             "wait for that run to finish, or give --lock-timeout a longer wait", *holder);
  }
  return core::LockTimeout("the database \"" + m_describe +
                               "\" is being written by another connection; gave up waiting for it after " + waited,
                           "wait for the other writer to finish, or give --lock-timeout a longer wait");
}

void SqliteConnection::arm_deadline() {
  m_deadline = std::chrono::steady_clock::now() + m_statement_timeout;
}

int SqliteConnection::on_progress(void* self) {
  const auto* connection = static_cast<const SqliteConnection*>(self);
  // Non-zero interrupts the statement, which then fails with SQLITE_INTERRUPT.
  if (connection->m_cancel_registration && connection->m_cancel_registration->pending()) {
    return 1;
  }
  return connection->m_statement_timeout.count() > 0 && std::chrono::steady_clock::now() >= connection->m_deadline
             ? 1
             : 0;
}

}  // namespace migrator::db::sqlite
