#include "plan/yaml_writer.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "util/overloaded.hpp"
#include "util/snake_case.hpp"

namespace migrator::plan {
namespace {

// A JSON string is a YAML double-quoted scalar: every name and value is written so.
std::string yaml_quoted(std::string_view text) { return nlohmann::json(std::string(text)).dump(); }

std::string duration(std::chrono::milliseconds value) { return std::to_string(value.count()) + "ms"; }

// `key: |` and the lines of tidy_sql(text) `indent` + 2 spaces in; `|2` when the first line
// starts with blanks, which YAML would otherwise take for the indentation.
std::string block_scalar(std::string_view key, std::string_view raw, int indent) {
  const auto text = tidy_sql(raw);
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  if (text.empty()) {
    return pad + std::string(key) + ": \"\"\n";
  }
  const bool indented = text[0] == ' ' || text[0] == '\t';
  std::string out = pad + std::string(key) + (indented ? ": |2\n" : ": |\n");
  std::size_t begin = 0;
  while (begin < text.size()) {
    const auto end = text.find('\n', begin);
    const auto line = text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
    out += line.empty() ? "\n" : pad + "  " + line + "\n";
    if (end == std::string::npos) {
      break;
    }
    begin = end + 1;
  }
  return out;
}

std::string sql_field(std::string_view key, const Sql& sql, int indent) {
  if (sql.common) {
    return block_scalar(key, sql.common->text, indent);
  }
  std::string out = std::string(static_cast<std::size_t>(indent), ' ') + std::string(key) + ":\n";
  for (const auto& [dialect, text] : sql.variants) {
    out += block_scalar(core::to_string(dialect), text.text, indent + 2);
  }
  return out;
}

std::string operation(const Operation& op) {
  std::string args;
  for (const auto& [name, value] : op.args) {
    args += (args.empty() ? "" : ", ") + name + ": " + yaml_quoted(value);
  }
  return op.kind + ": {" + args + "}";
}

std::string action_field(std::string_view key, const Action& action, int indent) {
  return std::visit(util::Overloaded{
                        [&](const Sql& sql) { return sql_field(key, sql, indent); },
                        [&](const Operation& op) {
                          const std::string pad(static_cast<std::size_t>(indent), ' ');
                          return key == "sql" ? pad + operation(op) + "\n"
                                              : pad + std::string(key) + ":\n" + pad + "  " + operation(op) + "\n";
                        },
                    },
                    action);
}

std::string checks(std::string_view key, const std::vector<Check>& list, int indent) {
  if (list.empty()) {
    return "";
  }
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  std::string out = pad + std::string(key) + ":\n";
  for (const auto& check : list) {
    out += pad + "  - name: " + yaml_quoted(check.name) + "\n" + sql_field("sql", check.sql, indent + 4);
    if (check.expect) {
      out += pad + "    expect: " + yaml_quoted(*check.expect) + "\n";
    }
    if (check.expect_rows) {
      out += pad + "    expect_rows: " + std::to_string(*check.expect_rows) + "\n";
    }
  }
  return out;
}

std::string timeouts(const Timeouts& t) {
  std::string out;
  if (t.lock_timeout) {
    out += "lock_timeout: " + duration(*t.lock_timeout) + "\n";
  }
  if (t.statement_timeout) {
    out += "statement_timeout: " + duration(*t.statement_timeout) + "\n";
  }
  return out;
}

}  // namespace

std::string tidy_sql(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t begin = 0;
  while (begin <= text.size()) {
    auto end = text.find('\n', begin);
    const bool last = end == std::string_view::npos;
    auto line = text.substr(begin, last ? std::string_view::npos : end - begin);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);  // line endings as the checksum reads them
    }
    if (line.find_first_not_of(" \t") != std::string_view::npos) {
      out += line;
    }
    if (last) {
      break;
    }
    if (!out.empty()) {  // no empty lines before the first
      out += '\n';
    }
    begin = end + 1;
  }
  while (!out.empty() && out.back() == '\n') {
    out.pop_back();
  }
  return out.empty() ? out : out + '\n';
}

std::string yaml_file_name(const Migration& m) {
  auto name = util::snake_case(m.name);
  return fmt::format("{:03}_{}.yaml", m.version, name.empty() ? "migration" : name);
}

std::string migration_yaml(const Migration& m, std::string_view source_note) {
  std::string out = "# " + std::string(source_note) + "\nname: " + yaml_quoted(m.name) + "\n";
  if (!m.description.empty()) {
    out += "description: " + yaml_quoted(m.description) + "\n";
  }
  if (!m.transaction) {
    out += "transaction: false\n";
  }
  out += timeouts(m.timeouts) + "steps:\n";
  for (const auto& step : m.steps) {
    out += "  - name: " + yaml_quoted(step.name) + "\n" + action_field("sql", step.action, 4);
    out += checks("verify", step.verify, 4);
    if (step.rollback) {
      out += action_field("rollback", *step.rollback, 4);
    }
    if (step.irreversible) {
      out += "    irreversible: " + yaml_quoted(*step.irreversible) + "\n";
    }
    if (!step.allow.empty()) {
      out += "    allow:\n";
      for (const auto& allow : step.allow) {
        out += "      - rule: " + yaml_quoted(allow.rule) + "\n        reason: " + yaml_quoted(allow.reason) + "\n";
      }
    }
  }
  return out + checks("preserve", m.preserve, 0);
}

std::string plan_yaml(const Plan& plan) {
  std::string out = "name: " + yaml_quoted(plan.name) + "\n";
  if (!plan.description.empty()) {
    out += "description: " + yaml_quoted(plan.description) + "\n";
  }
  if (!plan.dialects.empty()) {
    std::string names;
    for (const auto dialect : plan.dialects) {
      names += (names.empty() ? "" : ", ") + std::string(core::to_string(dialect));
    }
    out += "dialects: [" + names + "]\n";
  }
  if (plan.allow_out_of_order) {
    out += "allow_out_of_order: true\n";
  }
  return out + timeouts(plan.timeouts);
}

}  // namespace migrator::plan
