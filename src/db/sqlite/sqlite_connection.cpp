#include "db/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

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
  sqlite3_busy_timeout(m_db, static_cast<int>(m_busy_timeout.count()));
  // The default rollback journal stays (no WAL): a killed run leaves a hot journal that
  // the next open rolls back. Reading the schema here turns "file is not a database" and
  // an unreadable file into a connect error rather than a failure of the first migration.
  try {
    exec("PRAGMA foreign_keys = ON; SELECT count(*) FROM sqlite_schema");
  } catch (const SqlError& e) {
    if (e.code() == "SQLITE " + std::to_string(SQLITE_NOTADB)) {
      throw not_a_database_error(url.sqlite_path, m_describe);
    }
    throw connect_error(m_describe, e.db_message());
  }
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
    arm_deadline();
    const int prepared =
        sqlite3_prepare_v2(m_db, start, static_cast<int>(sql.size() - offset), &raw, &tail);
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
    if (rc != SQLITE_DONE) {
      throw make_error(m_db, rc, sql, statement_offset);
    }
    result = std::move(current);
  }
  return result;
}

void SqliteConnection::set_timeouts(const Timeouts& timeouts) {
  m_busy_timeout = timeouts.lock_timeout.count() > 0 ? timeouts.lock_timeout
                                                      : k_default_busy_timeout;
  sqlite3_busy_timeout(m_db, static_cast<int>(m_busy_timeout.count()));
  m_statement_timeout = timeouts.statement_timeout;
  if (m_statement_timeout.count() > 0) {
    sqlite3_progress_handler(m_db, k_progress_interval, &SqliteConnection::on_progress, this);
  } else {
    sqlite3_progress_handler(m_db, 0, nullptr, nullptr);
  }
}

void SqliteConnection::arm_deadline() {
  m_deadline = std::chrono::steady_clock::now() + m_statement_timeout;
}

int SqliteConnection::on_progress(void* self) {
  const auto* connection = static_cast<const SqliteConnection*>(self);
  // Non-zero interrupts the statement, which then fails with SQLITE_INTERRUPT.
  return std::chrono::steady_clock::now() >= connection->m_deadline ? 1 : 0;
}

}  // namespace migrator::db::sqlite
