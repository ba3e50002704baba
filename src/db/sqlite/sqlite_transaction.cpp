// begin() on SQLite, by mode (connection.hpp):
// - write: BEGIN IMMEDIATE, so the write lock is taken up front (waiting up to the busy
//   timeout) instead of failing halfway through a migration when another writer appears.
// - read: BEGIN DEFERRED, a snapshot that takes no write lock.
// - bulk_load: foreign keys off (PRAGMA foreign_keys is a no-op inside a transaction, so it
//   changes before BEGIN and is restored after the end), then BEGIN IMMEDIATE; commit() runs
//   PRAGMA foreign_key_check on every table bulk_insert wrote and refuses to commit a row
//   whose parent is missing. It also holds the load's larger page cache for all its tables. One pass of lookups at the end costs less than the per-row
//   check, which opens the parent table's cursor again for every row.
#include <sqlite3.h>

#include <optional>
#include <stdexcept>

#include "db/errors.hpp"
#include "db/sqlite/sqlite_affinity.hpp"
#include "db/sqlite/sqlite_connection.hpp"
#include "db/sqlite/sqlite_load_cache.hpp"
#include "db/sqlite/sqlite_error.hpp"
#include "util/sql_quote.hpp"

namespace migrator::db::sqlite {
namespace {

// SQLITE_CONSTRAINT_FOREIGNKEY, the code the per-row check would have failed with.
constexpr std::string_view k_foreign_key_code = "SQLITE 787";

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(SqliteConnection& connection, TransactionMode mode, bool restore_foreign_keys)
      : m_connection(connection), m_mode(mode), m_restore_foreign_keys(restore_foreign_keys) {
    if (m_mode == TransactionMode::bulk_load) {
      m_connection.start_bulk_load(&m_loaded_tables);
      m_cache.emplace(m_connection);
    }
  }

  ~SqliteTransaction() override {
    // A destructor must not throw, and it often runs while an error unwinds: that error is
    // the one to report. SQLite may already have rolled back by itself (after SQLITE_FULL,
    // for instance); ROLLBACK without a transaction would only fail, so skip it then.
    try {
      if (!m_committed && sqlite3_get_autocommit(m_connection.handle()) == 0) {
        m_connection.exec("ROLLBACK");
      }
    } catch (...) {
    }
    end_bulk_load();
  }

  // In process: no round trip to save, the statements run one after the other.
  void commit_after(std::string_view sql) override {
    if (m_committed) {
      throw std::logic_error("transaction committed twice");
    }
    m_connection.exec(sql);
    commit();
  }

  void commit_after_step(std::string_view step_sql, const RecordSql& record) override {
    m_connection.exec(step_sql);
    try {
      commit_after(record(false));
    } catch (const SqlError& e) {
      throw e.without_position();  // the history row's, not the step's
    }
  }

  void commit() override {
    if (m_committed) {
      throw std::logic_error("transaction committed twice");
    }
    if (m_mode == TransactionMode::bulk_load) {
      check_foreign_keys();
    }
    m_connection.exec("COMMIT");
    m_committed = true;
    end_bulk_load();
  }

 private:
  void check_foreign_keys() {
    for (const auto& table : m_loaded_tables) {
      const auto name = split_table_name(table);
      const auto found = m_connection.query("PRAGMA " + util::sql_identifier(name.schema) +
                                            ".foreign_key_check(" + util::sql_quote(name.table) +
                                            ")");
      if (found.rows.empty()) {
        continue;
      }
      // table, rowid, parent, index of the foreign key: name the first, count the rest.
      const auto& first = found.rows.front();
      std::string message = "FOREIGN KEY constraint failed: row " + first[1].value_or("?") +
                            " of " + first[0].value_or(table) + " refers to a row of " +
                            first[2].value_or("?") + " that does not exist";
      if (found.rows.size() > 1) {
        message += " (and " + std::to_string(found.rows.size() - 1) + " more such rows)";
      }
      throw SqlError(message, std::string(k_foreign_key_code), 0);
    }
  }

  void end_bulk_load() noexcept {
    if (m_mode != TransactionMode::bulk_load) {
      return;
    }
    m_connection.start_bulk_load(nullptr);
    m_cache.reset();
    if (m_restore_foreign_keys) {
      m_restore_foreign_keys = false;
      try {
        m_connection.exec("PRAGMA foreign_keys = ON");
      } catch (...) {
      }
    }
  }

  SqliteConnection& m_connection;
  TransactionMode m_mode;
  bool m_restore_foreign_keys;
  bool m_committed = false;
  std::vector<std::string> m_loaded_tables;
  std::optional<LoadCache> m_cache;  // bulk_load: one larger page cache for all its tables
};

}  // namespace

std::unique_ptr<Transaction> SqliteConnection::begin(TransactionMode mode) {
  bool restore_foreign_keys = false;
  if (mode == TransactionMode::bulk_load && !in_transaction()) {
    restore_foreign_keys = query("PRAGMA foreign_keys").rows.at(0).at(0) == Cell("1");
    exec("PRAGMA foreign_keys = OFF");
  }
  const std::string_view sql = mode == TransactionMode::read ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE";
  const int rc = sqlite3_exec(handle(), sql.data(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK && restore_foreign_keys) {
    exec("PRAGMA foreign_keys = ON");
  }
  if ((rc & 0xFF) == SQLITE_BUSY) {
    throw busy_error();
  }
  if (rc != SQLITE_OK) {
    throw make_error(handle(), rc, sql, 0);
  }
  return std::make_unique<SqliteTransaction>(*this, mode, restore_foreign_keys);
}

bool SqliteConnection::in_transaction() { return sqlite3_get_autocommit(m_db) == 0; }

}  // namespace migrator::db::sqlite
