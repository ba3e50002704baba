#include "history/serialize.hpp"

#include <nlohmann/json.hpp>

namespace migrator::history {
namespace {

using nlohmann::json;

// Written key by key: nlohmann's initializer lists copy every value once more, which was a
// fifth of apply's own CPU per migration on a long plan.
json loc_json(const core::SourceLoc& loc) {
  json j(json::value_t::object);
  j["file"] = loc.file.string();
  j["line"] = loc.line;
  return j;
}

core::SourceLoc loc_from(const json& j) {
  return {j.value("file", ""), j.value("line", 0), 0};
}

json sql_json(const plan::Sql& sql, core::Dialect dialect) {
  const auto* text = sql.for_dialect(dialect);
  if (text == nullptr) {
    return nullptr;
  }
  json j(json::value_t::object);
  j["sql"] = text->text;
  j["loc"] = loc_json(text->loc);
  return j;
}

plan::Sql sql_from(const json& j) {
  plan::Sql sql;
  if (j.is_object()) {
    sql.common = plan::SqlText{j.at("sql").get<std::string>(), loc_from(j.at("loc"))};
  }
  return sql;
}

json action_json(const plan::Action& action, core::Dialect dialect) {
  if (const auto* op = std::get_if<plan::Operation>(&action)) {
    json j(json::value_t::object);
    j["operation"] = op->kind;
    j["args"] = op->args;
    j["loc"] = loc_json(op->loc);
    return j;
  }
  return sql_json(std::get<plan::Sql>(action), dialect);
}

plan::Action action_from(const json& j) {
  if (j.is_object() && j.contains("operation")) {
    return plan::Operation{j.at("operation").get<std::string>(),
                           j.at("args").get<std::map<std::string, std::string>>(),
                           loc_from(j.at("loc"))};
  }
  return sql_from(j);
}

json checks_json(const std::vector<plan::Check>& checks, core::Dialect dialect) {
  json out = json::array();
  for (const auto& check : checks) {
    json j(json::value_t::object);
    j["name"] = check.name;
    j["query"] = sql_json(check.sql, dialect);
    j["loc"] = loc_json(check.loc);
    if (check.expect) {
      j["expect"] = *check.expect;
    }
    if (check.expect_rows) {
      j["expect_rows"] = *check.expect_rows;
    }
    if (check.compare == plan::Compare::at_least) {  // absent when equal: older definitions stay as they were
      j["compare"] = "at_least";
    }
    out.push_back(std::move(j));
  }
  return out;
}

std::vector<plan::Check> checks_from(const json& j) {
  std::vector<plan::Check> out;
  for (const auto& item : j) {
    plan::Check check;
    check.name = item.at("name").get<std::string>();
    check.sql = sql_from(item.at("query"));
    check.loc = loc_from(item.at("loc"));
    if (item.contains("expect")) {
      check.expect = item.at("expect").get<std::string>();
    }
    if (item.contains("expect_rows")) {
      check.expect_rows = item.at("expect_rows").get<std::int64_t>();
    }
    if (item.value("compare", "") == "at_least") {
      check.compare = plan::Compare::at_least;
    }
    out.push_back(std::move(check));
  }
  return out;
}

}  // namespace

std::string serialize(const plan::Migration& migration, core::Dialect dialect) {
  json steps = json::array();
  for (const auto& step : migration.steps) {
    json j(json::value_t::object);
    j["name"] = step.name;
    j["action"] = action_json(step.action, dialect);
    j["verify"] = checks_json(step.verify, dialect);
    j["loc"] = loc_json(step.loc);
    if (step.rollback) {
      j["rollback"] = action_json(*step.rollback, dialect);
    }
    if (step.irreversible) {
      j["irreversible"] = *step.irreversible;
    }
    steps.push_back(std::move(j));
  }
  json timeouts = json::object();
  if (migration.timeouts.lock_timeout) {
    timeouts["lock_timeout_ms"] = migration.timeouts.lock_timeout->count();
  }
  if (migration.timeouts.statement_timeout) {
    timeouts["statement_timeout_ms"] = migration.timeouts.statement_timeout->count();
  }
  json j(json::value_t::object);
  j["format"] = 1;
  j["name"] = migration.name;
  j["description"] = migration.description;
  j["transaction"] = migration.transaction;
  j["timeouts"] = std::move(timeouts);
  j["file"] = migration.file.string();
  j["steps"] = std::move(steps);
  j["preserve"] = checks_json(migration.preserve, dialect);
  return j.dump();
}

plan::Migration deserialize(const std::string& json_text) {
  const auto j = json::parse(json_text);
  plan::Migration m;
  m.name = j.value("name", "");
  m.description = j.value("description", "");
  m.transaction = j.value("transaction", true);
  m.file = j.value("file", "");
  m.loc = {m.file, 1, 1};
  if (const auto& t = j.at("timeouts"); t.contains("lock_timeout_ms")) {
    m.timeouts.lock_timeout = std::chrono::milliseconds(t.at("lock_timeout_ms").get<std::int64_t>());
  }
  if (const auto& t = j.at("timeouts"); t.contains("statement_timeout_ms")) {
    m.timeouts.statement_timeout =
        std::chrono::milliseconds(t.at("statement_timeout_ms").get<std::int64_t>());
  }
  for (const auto& s : j.at("steps")) {
    plan::Step step;
    step.name = s.at("name").get<std::string>();
    step.action = action_from(s.at("action"));
    step.verify = checks_from(s.at("verify"));
    step.loc = loc_from(s.at("loc"));
    if (s.contains("rollback")) {
      step.rollback = action_from(s.at("rollback"));
    }
    if (s.contains("irreversible")) {
      step.irreversible = s.at("irreversible").get<std::string>();
    }
    m.steps.push_back(std::move(step));
  }
  m.preserve = checks_from(j.at("preserve"));
  return m;
}

}  // namespace migrator::history
