#pragma once
// The traced rehearsal's eyes on one scratch database: the connection the runner runs on
// (TracedConnection), the probe of blocked traffic (BlockingProbe), and the observer that
// tells both which migration and step are running while it passes everything on to the
// rehearsal's own observer.
#include <memory>

#include "lint/blocking_probe.hpp"
#include "lint/trace.hpp"
#include "lint/traced_connection.hpp"
#include "runner/observer.hpp"

namespace migrator::lint {

class TraceRecorder final : public runner::Observer {
 public:
  TraceRecorder(db::Connection& db, const db::Url& url, Trace& trace, runner::Observer& next)
      : m_connection(db, trace), m_probe(url), m_trace(trace), m_next(next) {}

  db::Connection& connection() { return m_connection; }
  // On for what is traced (each migration's first apply and its rollback), off for the rest.
  void enable(bool on) {
    m_connection.enable(on);
    m_enabled = on;
  }

  void on_plan_start(std::string_view plan, std::optional<core::Version> from) override { m_next.on_plan_start(plan, from); }
  void on_migration_start(std::string_view plan, const plan::Migration& m, bool rollback) override {
    finish_watch();
    m_connection.migration_starts(m, rollback);
    if (m_enabled) {
      m_probe.watch(m_connection.tables());
      m_watching = true;
    }
    m_next.on_migration_start(plan, m, rollback);
  }
  void on_migration_done(const plan::Migration& m, std::chrono::milliseconds elapsed) override {
    finish_watch();
    m_next.on_migration_done(m, elapsed);
  }
  void on_step_start(const plan::Migration& m, const plan::Step& step) override {
    m_connection.step_starts(step);
    m_next.on_step_start(m, step);
  }
  void on_step_done(const plan::Migration& m, const plan::Step& step, std::chrono::milliseconds elapsed) override {
    m_connection.step_done();
    m_next.on_step_done(m, step, elapsed);
  }
  void on_check_start(const plan::Check& check) override { m_next.on_check_start(check); }
  void on_check(const plan::Check& check, const runner::CheckOutcome& outcome) override { m_next.on_check(check, outcome); }
  void on_progress(std::string_view what, std::uint64_t done, std::uint64_t total) override {
    m_next.on_progress(what, done, total);
  }
  void on_message(std::string_view text) override { m_next.on_message(text); }
  void on_server_notice(std::string_view text) override { m_next.on_server_notice(text); }
  void on_output(std::string_view line) override { m_next.on_output(line); }
  void on_dry_run_sql(const plan::Step& step, std::string_view sql) override { m_next.on_dry_run_sql(step, sql); }

  // What the probe saw during the migration that just ended goes to its trace entry.
  void finish_watch() {
    if (m_watching) {
      m_watching = false;
      auto blocked = m_probe.stop();
      if (!m_trace.migrations.empty()) {
        m_trace.migrations.back().blocked = std::move(blocked);
      }
    }
  }

 private:
  TracedConnection m_connection;
  BlockingProbe m_probe;
  Trace& m_trace;
  runner::Observer& m_next;
  bool m_enabled = false;
  bool m_watching = false;
};

}  // namespace migrator::lint
