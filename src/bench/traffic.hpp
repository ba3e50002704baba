#pragma once
// Application traffic on the receipts while a migration runs: writers inserting receipts and
// readers running a one-vendor monthly report, each on a connection of its own, every
// operation's start and end recorded. Each connection keeps a steady pace, as an
// application's requests do, rather than a tight loop that would starve the migration of
// SQLite's one write lock and measure only who wins it. The receipts it inserts are dated
// January 2026, after everything the data set generates, so that they can be found and deleted. What a migration costs the
// application is read off these records: how many operations got through, and how long the
// longest one waited.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "db/connection.hpp"

namespace migrator::bench {

using Clock = std::chrono::steady_clock;

struct TrafficFigures {
  std::uint64_t writes = 0;  // operations that ended within the window
  std::uint64_t reads = 0;
  std::uint64_t failed = 0;
  double writes_per_second = 0;
  double reads_per_second = 0;
  double longest_write_ms = 0;  // the longest operation that overlapped the window
  double longest_read_ms = 0;
  std::string first_error;      // of the failed ones
};

class Traffic {
 public:
  // Opens the connections to `url` (receipts must exist and hold a row), then starts: each
  // connection begins an operation every `interval` (at once when the last one ran late).
  Traffic(const db::Url& url, int writers, int readers, std::chrono::microseconds interval);
  ~Traffic();  // stops, and waits for the operations in flight
  Traffic(const Traffic&) = delete;
  Traffic& operator=(const Traffic&) = delete;

  // Waits (at most 5 s) until every connection has begun an operation after `t`: whatever was
  // in flight at `t` has ended. Before a measured window, so that no wait caused by earlier
  // work is counted in it.
  void settle(Clock::time_point t);
  // What the traffic did between `from` and `to` (in the past), after settle(to): the
  // operations a migration held up end just after it.
  TrafficFigures between(Clock::time_point from, Clock::time_point to);

 private:
  struct Operation {
    Clock::time_point start;
    Clock::time_point end;
    bool write = false;
    bool failed = false;
  };
  struct Worker {
    std::unique_ptr<db::Connection> db;
    bool writes = false;
    bool has_tax = false;              // whether receipts.tax_amount was there at the last insert
    Clock::time_point looked_for_tax;  // when the insert last tried it
    mutable std::mutex mutex;  // guards `done` and `error`
    std::vector<Operation> done;
    Clock::time_point last_start;
    std::string error;
    std::thread thread;
  };

  void run(Worker& worker);
  void write(Worker& worker, std::uint64_t n);

  std::vector<std::unique_ptr<Worker>> m_workers;
  std::atomic<bool> m_stop{false};
  std::chrono::microseconds m_interval;
  std::string m_vendor;    // ids of a receipt that exists, for the inserts and the report
  std::string m_job_site;
};

}  // namespace migrator::bench
