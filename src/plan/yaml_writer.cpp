#include "plan/yaml_writer.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/migration_version.hpp"
#include "util/overloaded.hpp"
#include "util/snake_case.hpp"

namespace migrator::plan {
namespace {

// A JSON string is a YAML double-quoted scalar: every name and value is written so.
std::string yaml_quoted(std::string_view text) { return nlohmann::json(std::string(text)).dump(); }

std::string duration(std::chrono::milliseconds value) { return std::to_string(value.count()) + "ms"; }

// `key: |` and the lines of `text` exactly, `indent` + 2 spaces in (a line of only blanks
// too: more blanks than the indentation are content). `|2` when the text does not start
// with a visible character, which YAML would otherwise take for the indentation; the
// chomping indicator keeps the trailing newlines (none: "-", one: clip, more: "+").
std::string block_scalar(std::string_view key, std::string_view raw, int indent) {
  const auto text = lf_only(raw);
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  if (text.find_first_not_of('\n') == std::string::npos) {
    return pad + std::string(key) + ": " + yaml_quoted(text) + "\n";  // a block of no lines reads as ""
  }
  std::size_t newlines = 0;
  while (newlines < text.size() && text[text.size() - 1 - newlines] == '\n') {
    ++newlines;
  }
  const bool indicator = text[0] == ' ' || text[0] == '\t' || text[0] == '\n';
  const char* chomp = newlines == 0 ? "-" : newlines == 1 ? "" : "+";
  std::string out = pad + std::string(key) + ": |" + (indicator ? "2" : "") + chomp + "\n";
  const auto body = std::string_view(text).substr(0, text.size() - std::min<std::size_t>(newlines, 1));
  std::size_t begin = 0;
  while (begin <= body.size()) {
    const auto end = body.find('\n', begin);
    const auto line = body.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
    out += line.empty() ? std::string("\n") : pad + "  " + std::string(line) + "\n";
    if (end == std::string_view::npos) {
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
    if (check.compare == Compare::at_least) {
      out += pad + "    compare: at_least\n";
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

std::string lf_only(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      out += text[i];
    }
  }
  return out;
}

std::string yaml_file_name(const Migration& m) {
  auto name = util::snake_case(m.name);
  name = name.empty() ? "migration" : name;
  // A dotted version as it reads (1.1_add_index.yaml): the plan keys it as Flyway did.
  return core::is_dotted(m.version) ? core::version_text(m.version) + "_" + name + ".yaml"
                                    : fmt::format("{:03}_{}.yaml", m.version, name);
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
