#include "report/json_report.hpp"

#include <nlohmann/json.hpp>

namespace migrator::report {

using nlohmann::json;

namespace {

json optional_version(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

json to_json(const std::vector<runner::DefinitionChange>& changes) {
  json out = json::array();
  for (const auto& c : changes) {
    out.push_back({{"key", c.key}, {"applied", c.before}, {"file", c.after}});
  }
  return out;
}

json to_json(const runner::RunReport& report) {
  json migrations = json::array();
  for (const auto& m : report.migrations) {
    migrations.push_back({{"plan", m.plan},
                          {"version", m.version},
                          {"name", m.name},
                          {"duration_ms", m.duration.count()}});
  }
  return {{"ok", true},
          {"dry_run", report.dry_run},
          {"from_version", optional_version(report.from_version)},
          {"to_version", optional_version(report.to_version)},
          {"migrations", migrations}};
}

json to_json(const runner::VerifyReport& report) {
  json checks = json::array();
  for (const auto& c : report.checks) {
    checks.push_back({{"version", c.version},
                      {"step", c.step},
                      {"check", c.check},
                      {"passed", c.outcome.passed},
                      {"observed", c.outcome.observed},
                      {"expected", c.outcome.expected}});
  }
  json drift = json::array();
  for (const auto& d : report.drift) {
    drift.push_back({{"version", d.version}, {"name", d.name}, {"problem", d.problem}, {"changes", to_json(d.changes)}});
  }
  json in_flight = json::array();
  for (const auto& d : report.in_flight) {
    in_flight.push_back({{"version", d.version}, {"name", d.name}, {"note", d.problem}});
  }
  return {{"ok", report.ok()}, {"checks", checks}, {"drift", drift}, {"in_flight", in_flight}};
}

json to_json(const std::vector<runner::VersionStatus>& rows) {
  json out = json::array();
  for (const auto& r : rows) {
    out.push_back({{"version", r.version},
                   {"name", r.name},
                   {"state", std::string(runner::to_string(r.state))},
                   {"applied_at", r.applied_at.empty() ? json(nullptr) : json(r.applied_at)},
                   {"duration_ms", r.duration ? json(r.duration->count()) : json(nullptr)},
                   {"applied_by", r.applied_by.empty() ? json(nullptr) : json(r.applied_by)},
                   {"file", r.file}});
  }
  return out;
}

json error_json(const core::Error& error) {
  json out{{"ok", false},
           {"error", {{"message", error.what()}, {"exit_code", error.exit_code()}}}};
  if (!error.hint().empty()) {
    out["error"]["hint"] = error.hint();
  }
  if (const auto* plan_error = dynamic_cast<const core::PlanError*>(&error)) {
    json problems = json::array();
    for (const auto& d : plan_error->diagnostics()) {
      problems.push_back({{"file", d.loc.file.string()},
                          {"line", d.loc.line},
                          {"key", d.key},
                          {"message", d.message},
                          {"hint", d.hint}});
    }
    out["error"]["problems"] = problems;
  }
  return out;
}

}  // namespace migrator::report
