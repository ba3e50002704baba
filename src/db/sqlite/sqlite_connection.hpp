#pragma once
// The SQLite backend: a SOCI session underneath, every statement through the native handle.
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "db/soci_session.hpp"
#include "db/sqlite/sqlite_writeback.hpp"
#include "util/interrupt.hpp"

struct sqlite3;

namespace migrator::db::sqlite {

// Busy timeout when set_timeouts gives none: how long a statement waits for another
// connection's write lock before failing with SQLITE_BUSY.
constexpr std::chrono::milliseconds k_default_busy_timeout{5000};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const Url& url);
  ~SqliteConnection() override;

  core::Dialect dialect() const override { return core::Dialect::sqlite; }
  const std::string& describe() const override { return m_describe; }
  std::string server_version() override;
  void exec(std::string_view sql) override;
  ResultSet query(std::string_view sql) override;
  using Connection::begin;
  std::unique_ptr<Transaction> begin(TransactionMode mode) override;
  bool in_transaction() override;
  void set_timeouts(const Timeouts& timeouts) override;
  void set_busy_wait(std::chrono::milliseconds wait, LockWaitCallback on_wait) override;
  std::unique_ptr<Lock> lock(std::string_view key, std::chrono::milliseconds wait,
                             const LockWaitCallback& on_wait) override;
  std::unique_ptr<BulkWriter> bulk_insert(std::string_view table,
                                          std::vector<std::string> columns) override;
  std::vector<std::string> schema_fingerprint() override;
  std::vector<std::string> take_notices() override { return {}; }

  ::sqlite3* handle() const { return m_db; }
  const std::string& path() const { return m_path; }
  // A descriptor of the database file for writeback hints, owned by the connection: never
  // close it (closing any descriptor of the file drops SQLite's locks).
  int writeback_fd() { return m_file_handle.fd(m_path); }
  std::chrono::milliseconds busy_timeout() const { return m_busy_timeout; }
  // What a statement that met SQLITE_BUSY throws: core::LockTimeout naming who writes the
  // database when a migration run does (its migration lock says so).
  core::LockTimeout busy_error() const;
  // The migration lock's holder ("pid 12 on host since ..."), when a process holds it now.
  std::optional<std::string> migration_lock_holder() const;
  // Starts the statement-timeout clock for the statement about to run.
  void arm_deadline();
  // While a bulk_load transaction is open: where bulk_insert notes the tables it writes, for
  // the foreign key check at commit. nullptr ends it.
  void start_bulk_load(std::vector<std::string>* loaded_tables) { m_loaded_tables = loaded_tables; }
  bool in_bulk_load() const { return m_loaded_tables != nullptr; }

 private:
  static int on_progress(void* self);
  // SQLite's busy handler: waits up to m_busy_timeout (0 while m_busy_probe), telling
  // m_on_busy once per connection after the first second.
  static int on_busy(void* self, int count);
  // Runs every statement of `sql`; returns the rows of the last one when `collect`.
  ResultSet run(std::string_view sql, bool collect);

  std::string m_path;
  std::string m_describe;
  // Before m_session, so that it is closed after the database is (sqlite_writeback.hpp).
  DatabaseFileHandle m_file_handle;
  SessionPtr m_session;
  ::sqlite3* m_db = nullptr;  // owned by m_session
  std::chrono::milliseconds m_busy_timeout = k_default_busy_timeout;
  // Whether this connection holds the migration lock (a busy database is then someone else's doing).
  std::shared_ptr<std::atomic<bool>> m_holds_migration_lock = std::make_shared<std::atomic<bool>>(false);
  std::chrono::steady_clock::time_point m_busy_since;
  LockWaitCallback m_on_busy;
  bool m_busy_told = false;
  bool m_busy_probe = false;  // the open's schema read: never waits
  std::chrono::milliseconds m_statement_timeout{0};
  std::chrono::steady_clock::time_point m_deadline;
  std::vector<std::string>* m_loaded_tables = nullptr;  // owned by the bulk_load transaction
  // Ctrl-C interrupts the running statement (sqlite3_interrupt, safe from another thread).
  // Declared last: unregistered before the database closes.
  std::optional<util::CancelRegistration> m_cancel_registration;
};

}  // namespace migrator::db::sqlite
