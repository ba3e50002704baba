#include "bench/traffic.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "util/interrupt.hpp"

namespace migrator::bench {
namespace {

double milliseconds_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

}  // namespace

Traffic::Traffic(const db::Url& url, int writers, int readers, std::chrono::microseconds interval)
    : m_interval(interval) {
  const auto total = writers + readers;
  for (int i = 0; i < total; ++i) {
    auto worker = std::make_unique<Worker>();
    worker->db = db::open(url);
    // Waits for a migration's locks as long as it takes (that wait is what is measured), but
    // never forever.
    worker->db->set_timeouts({std::chrono::minutes(10), std::chrono::minutes(10)});
    worker->writes = i < writers;
    m_workers.push_back(std::move(worker));
  }
  const auto row = m_workers.front()->db->query("SELECT vendor_id, job_site_id FROM receipts LIMIT 1").rows;
  if (row.empty()) {
    throw core::UsageError("the traffic needs a receipt to copy its vendor and job site from; receipts is empty",
                           "load the data first: migrator apply scenarios/construction_receipts");
  }
  m_vendor = row.at(0).at(0).value_or("1");
  m_job_site = row.at(0).at(1).value_or("1");
  for (auto& worker : m_workers) {
    worker->thread = std::thread([this, w = worker.get()] { run(*w); });
  }
}

Traffic::~Traffic() {
  m_stop = true;
  for (auto& worker : m_workers) {
    if (worker->thread.joinable()) {
      worker->thread.join();
    }
  }
}

// The application writes tax_amount once the column exists (it was deployed with the
// column's first migration) and leaves it out otherwise: it tries the newer insert first
// and falls back, looking again every 50 ms. The column can appear while an insert waits:
// the newer insert fails (no column yet), the older one waits for the migration's lock and
// then fails too (the column came NOT NULL), and the newer one goes in. Only an insert that
// fails three times, each way and the first way again, failed.
void Traffic::write(Worker& worker, std::uint64_t n) {
  const auto total = fmt::format("{}.{:02}", 10 + n % 990, n % 100);
  const auto values = fmt::format("{}, {}, '2026-01-{:02}', 'company_card', {}", m_vendor, m_job_site,
                                  1 + n % 28, total);
  const auto with_tax = fmt::format(
      "INSERT INTO receipts (vendor_id, job_site_id, purchase_date, payment_method, total_amount, tax_amount) "
      "VALUES ({}, round({} * 0.08, 2))",
      values, total);
  const auto without_tax = fmt::format(
      "INSERT INTO receipts (vendor_id, job_site_id, purchase_date, payment_method, total_amount) VALUES ({})",
      values);
  const auto now = Clock::now();
  if (!worker.has_tax && now - worker.looked_for_tax > std::chrono::milliseconds(50)) {
    worker.has_tax = true;
    worker.looked_for_tax = now;
  }
  for (int attempt = 1;; ++attempt) {
    try {
      worker.db->exec(worker.has_tax ? with_tax : without_tax);
      return;
    } catch (const core::Error&) {
      if (util::interrupted() || attempt == 3) {
        throw;
      }
      worker.has_tax = !worker.has_tax;
    }
  }
}

void Traffic::run(Worker& worker) {
  const auto report = fmt::format(
      "SELECT count(*), sum(total_amount) FROM receipts WHERE vendor_id = {} "
      "AND purchase_date >= '2024-03-01' AND purchase_date < '2024-04-01'",
      m_vendor);
  auto next = Clock::now();
  for (std::uint64_t n = 0; !m_stop && !util::interrupted(); ++n) {
    std::this_thread::sleep_until(next);
    Operation op{Clock::now(), {}, worker.writes, false};
    next = std::max(next + m_interval, op.start);
    {
      const std::lock_guard lock(worker.mutex);
      worker.last_start = op.start;
    }
    std::string error;
    try {
      if (worker.writes) {
        write(worker, n);
      } else {
        worker.db->query(report);
      }
    } catch (const std::exception& e) {
      op.failed = true;
      error = e.what();
    }
    op.end = Clock::now();
    const std::lock_guard lock(worker.mutex);
    worker.done.push_back(op);
    if (op.failed && worker.error.empty()) {
      worker.error = error;
    }
  }
}

void Traffic::settle(Clock::time_point t) {
  const auto give_up = Clock::now() + std::chrono::seconds(5);
  const auto in_flight_at_t = [&] {
    return std::any_of(m_workers.begin(), m_workers.end(), [&](const auto& worker) {
      const std::lock_guard lock(worker->mutex);
      return worker->last_start <= t;
    });
  };
  while (in_flight_at_t() && Clock::now() < give_up && !util::interrupted()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

TrafficFigures Traffic::between(Clock::time_point from, Clock::time_point to) {
  settle(to);
  TrafficFigures figures;
  for (const auto& worker : m_workers) {
    const std::lock_guard lock(worker->mutex);
    for (const auto& op : worker->done) {
      if (op.end < from || op.start > to) {
        continue;
      }
      if (op.failed) {
        ++figures.failed;
        continue;
      }
      auto& longest = op.write ? figures.longest_write_ms : figures.longest_read_ms;
      longest = std::max(longest, milliseconds_between(op.start, op.end));
      if (op.end <= to && op.end >= from) {
        ++(op.write ? figures.writes : figures.reads);
      }
    }
    if (figures.first_error.empty()) {
      figures.first_error = worker->error;
    }
  }
  const double seconds = std::max(1e-3, milliseconds_between(from, to) / 1000);
  figures.writes_per_second = static_cast<double>(figures.writes) / seconds;
  figures.reads_per_second = static_cast<double>(figures.reads) / seconds;
  return figures;
}

}  // namespace migrator::bench
