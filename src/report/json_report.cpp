#include "report/json_report.hpp"

#include <nlohmann/json.hpp>

namespace migrator::report {

using nlohmann::json;

namespace {

json optional_version(const std::optional<core::Version>& v) { return v ? version_json(*v) : json(nullptr); }

}  // namespace

json version_json(core::Version version) {
  return core::is_dotted(version) ? json(core::version_text(version)) : json(version);
}

json to_json(const std::vector<runner::DefinitionChange>& changes) {
  json out = json::array();
  for (const auto& c : changes) {
    out.push_back({{"key", c.key}, {"applied", c.before}, {"file", c.after}});
  }
  return out;
}

json to_json(const runner::VerifyReport& report) {
  json checks = json::array();
  for (const auto& c : report.checks) {
    checks.push_back({{"version", c.repeatable ? json(nullptr) : version_json(c.version)},
                      {"repeatable", c.repeatable},
                      {"name", c.name},
                      {"step", c.step},
                      {"check", c.check},
                      {"passed", c.outcome.passed},
                      {"observed", c.outcome.observed},
                      {"expected", c.outcome.expected}});
  }
  json drift = json::array();
  for (const auto& d : report.drift) {
    drift.push_back({{"version", version_json(d.version)}, {"name", d.name}, {"problem", d.problem}, {"changes", to_json(d.changes)}});
  }
  json in_flight = json::array();
  for (const auto& d : report.in_flight) {
    in_flight.push_back({{"version", version_json(d.version)}, {"name", d.name}, {"note", d.problem}});
  }
  return {{"ok", report.ok()}, {"checks", checks}, {"drift", drift}, {"in_flight", in_flight}};
}

json to_json(const std::vector<runner::VersionStatus>& rows) {
  json out = json::array();
  for (const auto& r : rows) {
    out.push_back({{"version", r.repeatable ? json(nullptr) : version_json(r.version)},
                   {"repeatable", r.repeatable},
                   {"name", r.name},
                   {"state", std::string(runner::to_string(r.state))},
                   {"applied_at", r.applied_at.empty() ? json(nullptr) : json(r.applied_at)},
                   {"duration_ms", r.duration ? json(r.duration->count()) : json(nullptr)},
                   {"applied_by", r.applied_by.empty() ? json(nullptr) : json(r.applied_by)},
                   {"file", r.file},
                   {"origin", r.state == runner::VersionState::pending ? json(nullptr)
                                                                       : json(history::to_string(r.origin))}});
  }
  return out;
}

json error_json(const core::Error& error) {
  json out{{"ok", false}, {"format_version", k_json_format_version},
           {"error", {{"message", error.what()}, {"exit_code", error.exit_code()}}}};
  out["error"]["hint"] = error.hint().empty() ? json(nullptr) : json(error.hint());
  const auto& loc = error.location();
  out["error"]["file"] = loc ? json(loc->file.string()) : json(nullptr);
  out["error"]["line"] = loc ? json(loc->line) : json(nullptr);
  const auto text_or_null = [](const std::string& text) { return text.empty() ? json(nullptr) : json(text); };
  if (const auto& point = error.failure_point()) {
    out["error"]["failed_at"] = {{"version", version_json(point->version)},
                                 {"key", point->key},
                                 {"step", text_or_null(point->step)},
                                 {"check", text_or_null(point->check)},
                                 {"code", text_or_null(point->code)},
                                 {"database_message", text_or_null(point->database_message)}};
  } else {
    out["error"]["failed_at"] = nullptr;
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
  } else {
    out["error"]["problems"] = json::array();
  }
  return out;
}

json run_json(std::string_view plan, bool dry_run, const JsonRecorder& recorder, const runner::RunReport* report,
              const core::Error* error) {
  auto migrations = recorder.migrations();
  for (auto& m : migrations) {
    if (error != nullptr && m["status"] == "started") {
      m["status"] = "failed";  // and undone: the error's hint says so
    }
  }
  return {{"ok", error == nullptr},
          {"plan", std::string(plan)},
          {"dry_run", dry_run},
          {"from_version", report != nullptr ? optional_version(report->from_version) : json(nullptr)},
          {"to_version", report != nullptr ? optional_version(report->to_version) : json(nullptr)},
          {"migrations", migrations},
          {"messages", recorder.messages()},
          {"error", error != nullptr ? error_json(*error)["error"] : json(nullptr)}};
}

}  // namespace migrator::report
