// The PostgreSQL migration lock: a session-level advisory lock on this connection, taken
// with pg_try_advisory_lock and polled, so the wait can time out and name the holder. The
// server drops it when the session ends, so a killed run leaves no stale lock.
#include <bit>
#include <stdexcept>

#include "db/lock_poll.hpp"
#include "db/postgres/pg_connection.hpp"

namespace migrator::db::postgres {
namespace {

// 64-bit FNV-1a of the key: stable across runs, machines and server versions (hashtext()
// is an internal function whose results have changed between major versions).
std::int64_t lock_id(std::string_view key) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : key) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return std::bit_cast<std::int64_t>(hash);
}

class AdvisoryLock final : public Lock {
 public:
  AdvisoryLock(PgConnection& connection, std::int64_t id) : m_connection(connection), m_id(id) {}
  ~AdvisoryLock() override {
    // A destructor must not throw; if the connection is gone, so is the lock.
    try {
      m_connection.exec("SELECT pg_advisory_unlock(" + std::to_string(m_id) + ")");
    } catch (...) {
    }
  }

 private:
  PgConnection& m_connection;
  std::int64_t m_id;
};

// Who holds advisory lock `id` in this database: a bigint key is stored as classid (high 32
// bits), objid (low 32 bits) and objsubid 1.
std::string holder(PgConnection& connection, std::int64_t id) {
  const auto bits = std::bit_cast<std::uint64_t>(id);
  const std::string text = connection.scalar(
      "SELECT 'pid ' || a.pid || coalesce(' (' || nullif(a.application_name, '') || ')', '') "
      "|| coalesce(' from ' || host(a.client_addr), "
      "            CASE WHEN a.client_port = -1 THEN ' from a local socket' ELSE '' END) "
      "|| coalesce(', connected since ' || "
      "            to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), '') "
      "|| coalesce(', ' || a.state, '') "
      "FROM pg_locks AS l JOIN pg_stat_activity AS a ON a.pid = l.pid "
      "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
      "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
      "AND l.classid::bigint = " + std::to_string(bits >> 32) +
      " AND l.objid::bigint = " + std::to_string(bits & 0xFFFFFFFFULL) + " LIMIT 1");
  return text.empty() ? "another session (not visible to this database user)" : text;
}

}  // namespace

std::unique_ptr<Lock> PgConnection::lock(std::string_view key, std::chrono::milliseconds wait,
                                         const LockWaitCallback& on_wait) {
  // A session lock taken inside a transaction would outlive a rollback unnoticed, and the
  // poll's own statements would fail in an aborted transaction.
  if (in_transaction()) {
    throw std::logic_error("lock() must be called outside a transaction");
  }
  const std::int64_t id = lock_id(key);
  poll_lock(
      describe(), wait, on_wait,
      [&] { return scalar("SELECT pg_try_advisory_lock(" + std::to_string(id) + ")") == "t"; },
      [&] { return holder(*this, id); });
  return std::make_unique<AdvisoryLock>(*this, id);
}

}  // namespace migrator::db::postgres
