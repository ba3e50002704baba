#include "generate/loader.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "generate/pipeline.hpp"
#include "util/interrupt.hpp"

namespace migrator::generate {
namespace {

constexpr std::uint64_t k_progress_every = 16384;

class WriterSink : public RowSink {
 public:
  WriterSink(db::BulkWriter& writer, std::string_view table, std::uint64_t total,
             const Progress& progress)
      : m_writer(writer), m_table(table), m_total(total), m_progress(progress) {}

  void row(std::span<const db::Value> values) override {
    m_writer.write(values);
    if (++m_done % k_progress_every == 0) {
      util::stop_if_interrupted();  // rows being generated run no statement to cancel
      if (m_progress) {
        m_progress(m_table, m_done, m_total);
      }
    }
  }

  std::uint64_t done() const { return m_done; }

 private:
  db::BulkWriter& m_writer;
  std::string_view m_table;
  std::uint64_t m_total;
  const Progress& m_progress;
  std::uint64_t m_done = 0;
};

void require_empty(db::Connection& db) {
  for (const auto& spec : tables()) {
    const auto result = db.query(fmt::format("SELECT 1 FROM {} LIMIT 1", spec.name));
    if (!result.rows.empty()) {
      throw core::MigrationFailed(
          fmt::format("generate: table \"{}\" already has rows", spec.name),
          "the generate step loads into empty tables; roll back to the version before it, or "
          "empty the tables, and apply again");
    }
  }
}

// Ids were given explicitly, so PostgreSQL's identity sequences still start at 1: move them
// past the loaded rows, or the next INSERT without an id would collide.
void advance_sequences(db::Connection& db, const std::vector<TableLoad>& loaded) {
  if (db.dialect() != core::Dialect::postgres) {
    return;
  }
  for (const auto& t : loaded) {
    if (t.rows > 0) {
      db.query(fmt::format("SELECT setval(pg_get_serial_sequence('{}', 'id'), {})", t.table,
                           t.rows));
    }
  }
}

void compare(std::vector<std::string>& problems, std::string_view what, std::int64_t expected,
             std::int64_t found, bool money) {
  if (expected != found) {
    problems.push_back(fmt::format("{}: generated {}, the database holds {}", what,
                                   money ? format_money(expected) : std::to_string(expected),
                                   money ? format_money(found) : std::to_string(found)));
  }
}

void verify(const LoadReport& report) {
  std::vector<std::string> problems;
  for (const auto& t : report.tables) {
    for (const auto& s : report.statistics.tables) {
      if (s.table == t.table) {
        compare(problems, "rows of " + t.table, static_cast<std::int64_t>(t.rows),
                static_cast<std::int64_t>(s.rows), false);
      }
    }
  }
  compare(problems, "Total Spent", report.totals.total_spent, report.statistics.total_spent, true);
  compare(problems, "Inventory Value", report.totals.inventory_value,
          report.statistics.inventory_value, true);
  compare(problems, "Inflation Gains", report.totals.inflation_gains,
          report.statistics.inflation_gains, true);
  if (!problems.empty()) {
    std::string message = "generate: the loaded data differs from what was generated";
    for (const auto& p : problems) {
      message += "\n  " + p;
    }
    throw core::CheckFailed(message, "a trigger or default on these tables changed the rows");
  }
}

// Planner statistics for the loaded tables, before any query over them. COPY leaves none, and
// after a killed load autovacuum may have analyzed the tables half full (reltuples 0 over
// hundreds of pages): the checks that follow then run as nested loops for minutes. ANALYZE
// runs in the load's transaction and sees its rows. SQLite plans well without statistics.
void analyze(db::Connection& db, const std::vector<TableLoad>& tables) {
  if (db.dialect() != core::Dialect::postgres) {
    return;
  }
  std::string names;
  for (const auto& t : tables) {
    names += (names.empty() ? "" : ", ") + t.table;
  }
  db.exec("ANALYZE " + names);
}

}  // namespace

LoadReport load(db::Connection& db, const Config& config, const Progress& progress) {
  const auto own_transaction =
      db.in_transaction() ? nullptr : db.begin(db::TransactionMode::bulk_load);
  require_empty(db);
  Generator generator(config);
  LoadReport report;
  for (const auto& spec : tables()) {
    const auto started = std::chrono::steady_clock::now();
    const auto total = generator.expected_rows(spec.table);
    auto writer = db.bulk_insert(spec.name, {spec.columns.begin(), spec.columns.end()});
    if (progress) {
      progress(spec.name, 0, total);  // the table's start, from which rates are measured
    }
    WriterSink sink(*writer, spec.name, total, progress);
    const auto generated = write_pipelined(generator, spec.table, sink);
    const auto written = writer->finish();
    if (generated != total || written != total) {
      throw core::CheckFailed(fmt::format("generate: {} rows of \"{}\" expected, {} generated, "
                                          "{} written",
                                          total, spec.name, generated, written));
    }
    if (progress) {
      progress(spec.name, written, total);
    }
    report.tables.push_back({std::string(spec.name), written,
                             std::chrono::steady_clock::now() - started});
  }
  const auto finishing_started = std::chrono::steady_clock::now();
  advance_sequences(db, report.tables);
  report.totals = generator.totals();
  analyze(db, report.tables);
  report.statistics = collect_statistics(db);
  verify(report);
  if (own_transaction) {
    own_transaction->commit();
  }
  report.finishing = std::chrono::steady_clock::now() - finishing_started;
  return report;
}

}  // namespace migrator::generate
