#include "lint/blocking_probe.hpp"

#include <algorithm>

#include "util/sql_quote.hpp"

namespace migrator::lint {
namespace {

using Clock = std::chrono::steady_clock;

// How long one attempt waits for a lock before it counts as blocked, and the pause between
// rounds: the measured waits are good to about this much.
constexpr auto k_attempt_wait = std::chrono::milliseconds(50);
constexpr auto k_pause = std::chrono::milliseconds(5);

double ms_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

// lock_not_available: lock_timeout ran out.
bool lock_timed_out(const db::SqlError& e) { return e.code() == "55P03"; }

}  // namespace

BlockingProbe::BlockingProbe(const db::Url& url) : m_db(db::open(url)) {
  m_db->exec("SET lock_timeout = '" + std::to_string(k_attempt_wait.count()) + "ms'; SET statement_timeout = '5s'");
  m_thread = std::thread([this] { run(); });
}

BlockingProbe::~BlockingProbe() {
  {
    const std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_one();
  m_thread.join();
}

void BlockingProbe::watch(const std::vector<std::pair<std::string, std::string>>& tables) {
  const std::lock_guard lock(m_mutex);
  m_targets.clear();
  for (const auto& [name, quoted] : tables) {
    Target target;
    target.name = name;
    target.longest.table = name;
    target.read_sql = "SELECT 1 FROM " + quoted + " LIMIT 1";
    // The table's first column set to itself on one row: the write an application makes,
    // with the row lock it takes, undone at once.
    const auto column = m_db->query(
        "SELECT attname FROM pg_attribute WHERE attrelid = '" + quoted + "'::regclass AND attnum > 0 AND NOT "
        "attisdropped ORDER BY attnum LIMIT 1");
    if (!column.rows.empty()) {
      const auto c = util::sql_identifier(column.rows[0][0].value_or(""));
      target.write_sql = "BEGIN; UPDATE " + quoted + " SET " + c + " = " + c + " WHERE ctid = (SELECT ctid FROM " +
                         quoted + " LIMIT 1); ROLLBACK";
    }
    m_targets.push_back(std::move(target));
  }
  m_watching = true;
  m_wake.notify_one();
}

std::vector<TableBlocked> BlockingProbe::stop() {
  const std::lock_guard lock(m_mutex);
  m_watching = false;
  const auto now = Clock::now();
  std::vector<TableBlocked> out;
  for (auto& target : m_targets) {
    // Still blocked when the migration ended: blocked until now.
    if (target.read_blocked_since != Clock::time_point{}) {
      target.longest.read_ms = std::max(target.longest.read_ms, ms_between(target.read_blocked_since, now));
    }
    if (target.write_blocked_since != Clock::time_point{}) {
      target.longest.write_ms = std::max(target.longest.write_ms, ms_between(target.write_blocked_since, now));
    }
    out.push_back(target.longest);
  }
  m_targets.clear();
  return out;
}

void BlockingProbe::run() {
  std::unique_lock lock(m_mutex);
  while (!m_stopping) {
    if (!m_watching) {
      m_wake.wait(lock);
      continue;
    }
    for (auto& target : m_targets) {
      probe(target);
    }
    m_wake.wait_for(lock, k_pause);
  }
}

void BlockingProbe::probe(Target& target) {
  // One kind of attempt: through at once (its own time is the wait), or blocked until one is.
  const auto attempt = [&](const std::string& sql, double& longest, Clock::time_point& blocked_since) {
    if (sql.empty()) {
      return;
    }
    const auto start = Clock::now();
    try {
      m_db->exec(sql);
      const auto end = Clock::now();
      const auto waited = blocked_since != Clock::time_point{} ? ms_between(blocked_since, end) : ms_between(start, end);
      longest = std::max(longest, waited);
      blocked_since = {};
    } catch (const db::SqlError& e) {
      if (m_db->in_transaction()) {
        m_db->exec("ROLLBACK");
      }
      if (lock_timed_out(e) && blocked_since == Clock::time_point{}) {
        blocked_since = start;
      }
    } catch (const core::Error&) {
      // A table dropped by the migration (its rollback, say): nothing more to probe there.
    }
  };
  attempt(target.read_sql, target.longest.read_ms, target.read_blocked_since);
  attempt(target.write_sql, target.longest.write_ms, target.write_blocked_since);
}

}  // namespace migrator::lint
