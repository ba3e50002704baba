#pragma once
// What apply and rollback did, step by step, for --format json: every migration started,
// each step with its time (and its SQL on a dry run), every verify check and preserve
// comparison with the value observed. Kept as the runner reports it, so a run that fails
// half way still yields the same document, with what it did up to the failure.
#include <nlohmann/json.hpp>

#include "runner/observer.hpp"

namespace migrator::report {

class JsonRecorder : public runner::Observer {
 public:
  void on_migration_start(std::string_view plan, const plan::Migration& m, bool rollback) override;
  void on_migration_done(const plan::Migration& m, std::chrono::milliseconds elapsed) override;
  void on_step_start(const plan::Migration& m, const plan::Step& step) override;
  void on_step_done(const plan::Migration& m, const plan::Step& step, std::chrono::milliseconds elapsed) override;
  void on_check(const plan::Check& check, const runner::CheckOutcome& outcome) override;
  void on_message(std::string_view text) override;
  void on_dry_run_sql(const plan::Step& step, std::string_view sql) override;

  // [{"version", "name", "status", "duration_ms", "steps": [...], "preserve": [...]}]
  const nlohmann::json& migrations() const { return m_migrations; }
  const nlohmann::json& messages() const { return m_messages; }

 private:
  nlohmann::json* current_step();

  nlohmann::json m_migrations = nlohmann::json::array();
  nlohmann::json m_messages = nlohmann::json::array();
  bool m_rollback = false;
  bool m_undoing = false;  // steps seen again after a failure are being undone
};

}  // namespace migrator::report
