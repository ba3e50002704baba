// begin(): BEGIN IMMEDIATE, so the write lock is taken up front (waiting up to the busy
// timeout) instead of failing halfway through a migration when another writer appears.
#include <sqlite3.h>

#include <stdexcept>

#include "db/errors.hpp"
#include "db/sqlite/sqlite_connection.hpp"
#include "db/sqlite/sqlite_error.hpp"

namespace migrator::db::sqlite {
namespace {

class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(SqliteConnection& connection) : m_connection(connection) {}

  ~SqliteTransaction() override {
    if (m_committed) {
      return;
    }
    // A destructor must not throw, and it often runs while an error unwinds: that error is
    // the one to report. SQLite may already have rolled back by itself (after SQLITE_FULL,
    // for instance); ROLLBACK without a transaction would only fail, so skip it then.
    try {
      if (sqlite3_get_autocommit(m_connection.handle()) == 0) {
        m_connection.exec("ROLLBACK");
      }
    } catch (...) {
    }
  }

  void commit() override {
    if (m_committed) {
      throw std::logic_error("transaction committed twice");
    }
    m_connection.exec("COMMIT");
    m_committed = true;
  }

 private:
  SqliteConnection& m_connection;
  bool m_committed = false;
};

}  // namespace

std::unique_ptr<Transaction> SqliteConnection::begin() {
  constexpr std::string_view k_begin = "BEGIN IMMEDIATE";
  const int rc = sqlite3_exec(handle(), k_begin.data(), nullptr, nullptr, nullptr);
  if ((rc & 0xFF) == SQLITE_BUSY) {
    throw core::LockTimeout(
        "the database \"" + describe() + "\" is being written by another connection; gave up "
        "waiting for its write lock after " + duration_text(busy_timeout()),
        "wait for the other writer to finish, or give --lock-timeout a longer wait");
  }
  if (rc != SQLITE_OK) {
    throw make_error(handle(), rc, k_begin, 0);
  }
  return std::make_unique<SqliteTransaction>(*this);
}

}  // namespace migrator::db::sqlite
