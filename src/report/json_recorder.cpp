#include "report/json_recorder.hpp"

#include "report/json_report.hpp"

namespace migrator::report {

using nlohmann::json;

void JsonRecorder::on_migration_start(std::string_view plan, const plan::Migration& m, bool rollback) {
  m_rollback = rollback;
  m_undoing = false;
  // "started" until it is done; a failed run leaves it so, and the error says what happened.
  m_migrations.push_back({{"plan", std::string(plan)},
                          {"version", m.repeatable ? json(nullptr) : version_json(m.version)},
                          {"repeatable", m.repeatable},
                          {"name", m.name},
                          {"status", "started"},
                          {"duration_ms", nullptr},
                          {"steps", json::array()},
                          {"preserve", json::array()}});
}

void JsonRecorder::on_migration_done(const plan::Migration&, std::chrono::milliseconds elapsed) {
  if (!m_migrations.empty()) {
    m_migrations.back()["status"] = m_rollback ? "rolled back" : "applied";
    m_migrations.back()["duration_ms"] = elapsed.count();
  }
}

void JsonRecorder::on_step_start(const plan::Migration&, const plan::Step& step) {
  if (m_migrations.empty()) {
    return;
  }
  auto& steps = m_migrations.back()["steps"];
  // On apply, a step seen a second time is being undone after a failure.
  for (auto& seen : steps) {
    if (!m_rollback && seen["name"] == step.name) {
      m_undoing = true;
    }
  }
  if (m_undoing) {
    for (auto& seen : steps) {
      if (seen["name"] == step.name) {
        seen["undone"] = true;
      }
    }
    return;
  }
  steps.push_back({{"name", step.name}, {"duration_ms", nullptr}, {"checks", json::array()}, {"sql", nullptr},
                   {"undone", false}});
}

void JsonRecorder::on_step_done(const plan::Migration&, const plan::Step&, std::chrono::milliseconds elapsed) {
  if (auto* step = current_step(); step != nullptr && !m_undoing) {
    (*step)["duration_ms"] = elapsed.count();
  }
}

void JsonRecorder::on_check(const plan::Check& check, const runner::CheckOutcome& outcome) {
  if (m_migrations.empty()) {
    return;
  }
  if (outcome.invariant) {
    m_migrations.back()["preserve"].push_back(
        {{"name", check.name}, {"passed", outcome.passed}, {"before", outcome.expected}, {"after", outcome.observed}});
  } else if (auto* step = current_step(); step != nullptr) {
    (*step)["checks"].push_back(
        {{"name", check.name}, {"passed", outcome.passed}, {"expected", outcome.expected}, {"observed", outcome.observed}});
  }
}

void JsonRecorder::on_message(std::string_view text) { m_messages.push_back(std::string(text)); }

void JsonRecorder::on_dry_run_sql(const plan::Step& step, std::string_view sql) {
  if (!m_migrations.empty()) {
    m_migrations.back()["steps"].push_back({{"name", step.name}, {"duration_ms", nullptr}, {"checks", json::array()},
                                            {"sql", std::string(sql)}, {"undone", false}});
  }
}

json* JsonRecorder::current_step() {
  if (m_migrations.empty() || m_migrations.back()["steps"].empty()) {
    return nullptr;
  }
  return &m_migrations.back()["steps"].back();
}

}  // namespace migrator::report
