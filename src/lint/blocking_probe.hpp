#pragma once
// Blocked traffic, measured: while a traced migration runs, a connection of its own reads one
// row of each table that existed before it, and writes one (an UPDATE of a row to itself, in
// a transaction rolled back), every few milliseconds, each with a short lock_timeout. An
// attempt that times out is blocked; the time from the first blocked attempt to the next that
// gets through is how long the application would have waited.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "db/connection.hpp"
#include "lint/trace.hpp"

namespace migrator::lint {

class BlockingProbe {
 public:
  explicit BlockingProbe(const db::Url& url);
  ~BlockingProbe();
  BlockingProbe(const BlockingProbe&) = delete;
  BlockingProbe& operator=(const BlockingProbe&) = delete;

  // Starts probing `tables` (name, quoted name) for a migration.
  void watch(const std::vector<std::pair<std::string, std::string>>& tables);
  // Stops, and returns the longest waits of each table since watch().
  std::vector<TableBlocked> stop();

 private:
  struct Target {
    std::string name;
    std::string read_sql;
    std::string write_sql;  // empty when the table has no column to write
    TableBlocked longest;
    std::chrono::steady_clock::time_point read_blocked_since{};
    std::chrono::steady_clock::time_point write_blocked_since{};
  };

  void run();
  void probe(Target& target);

  std::unique_ptr<db::Connection> m_db;
  std::mutex m_mutex;  // guards m_targets and m_watching
  std::condition_variable m_wake;
  std::vector<Target> m_targets;
  bool m_watching = false;
  bool m_stopping = false;
  std::thread m_thread;
};

}  // namespace migrator::lint
