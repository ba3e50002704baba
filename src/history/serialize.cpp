#include "history/serialize.hpp"

#include <nlohmann/json.hpp>

#include "util/utf8.hpp"

namespace migrator::history {
namespace {

using nlohmann::json;

// The definition is written straight into one string, as nlohmann::json's dump() writes the
// same document (keys in byte order, its escapes), which tests/history hold it to: building
// the tree of maps first cost more than half of apply's own CPU per migration.
class Writer {
 public:
  std::string take() { return std::move(m_out); }

  // `{`, then each key with a value; keys must come in byte order.
  void open() { begin('{'); }
  void close() { end('}'); }
  void open_array() { begin('['); }
  void close_array() { end(']'); }
  void key(std::string_view name) {
    comma();
    string(name);
    m_out += ':';
    m_first = true;  // the value follows with no comma
  }
  void element() { comma(); }  // before each value of an array

  void string(std::string_view text) {
    if (util::invalid_utf8_offset(text)) {
      // A file name in another encoding: JSON cannot carry its bytes, nlohmann replaces them.
      m_out += json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
      m_first = false;
      return;
    }
    m_out += '"';
    for (const char c : text) {
      switch (c) {
        case '"': m_out += "\\\""; break;
        case '\\': m_out += "\\\\"; break;
        case '\b': m_out += "\\b"; break;
        case '\f': m_out += "\\f"; break;
        case '\n': m_out += "\\n"; break;
        case '\r': m_out += "\\r"; break;
        case '\t': m_out += "\\t"; break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            constexpr const char* k_hex = "0123456789abcdef";
            m_out += "\\u00";
            m_out += k_hex[(c >> 4) & 0xF];
            m_out += k_hex[c & 0xF];
          } else {
            m_out += c;  // UTF-8 passes as it is (the plan loader refuses invalid UTF-8)
          }
      }
    }
    m_out += '"';
    m_first = false;
  }
  void number(std::int64_t n) { end(std::to_string(n)); }
  void boolean(bool b) { end(b ? "true" : "false"); }
  void null() { end("null"); }

 private:
  void begin(char bracket) {
    m_out += bracket;
    m_first = true;
  }
  void end(std::string_view text) {
    m_out += text;
    m_first = false;
  }
  void end(char bracket) { end(std::string_view(&bracket, 1)); }
  void comma() {
    if (!m_first) {
      m_out += ',';
    }
    m_first = false;
  }
  std::string m_out;
  bool m_first = true;
};

void write_loc(Writer& w, const core::SourceLoc& loc) {
  w.open();
  w.key("file");
  w.string(loc.file.native());
  w.key("line");
  w.number(loc.line);
  w.close();
}

void write_sql(Writer& w, const plan::Sql& sql, core::Dialect dialect) {
  const auto* text = sql.for_dialect(dialect);
  if (text == nullptr) {
    w.null();
    return;
  }
  w.open();
  w.key("loc");
  write_loc(w, text->loc);
  w.key("sql");
  w.string(text->text);
  w.close();
}

void write_action(Writer& w, const plan::Action& action, core::Dialect dialect) {
  const auto* op = std::get_if<plan::Operation>(&action);
  if (op == nullptr) {
    write_sql(w, std::get<plan::Sql>(action), dialect);
    return;
  }
  w.open();
  w.key("args");
  w.open();
  for (const auto& [name, value] : op->args) {  // a std::map: in byte order already
    w.key(name);
    w.string(value);
  }
  w.close();
  w.key("loc");
  write_loc(w, op->loc);
  w.key("operation");
  w.string(op->kind);
  w.close();
}

void write_checks(Writer& w, const std::vector<plan::Check>& checks, core::Dialect dialect) {
  w.open_array();
  for (const auto& check : checks) {
    w.element();
    w.open();
    if (check.compare == plan::Compare::at_least) {  // absent when equal: older definitions stay as they were
      w.key("compare");
      w.string("at_least");
    }
    if (check.expect) {
      w.key("expect");
      w.string(*check.expect);
    }
    if (check.expect_rows) {
      w.key("expect_rows");
      w.number(*check.expect_rows);
    }
    w.key("loc");
    write_loc(w, check.loc);
    w.key("name");
    w.string(check.name);
    w.key("query");
    write_sql(w, check.sql, dialect);
    w.close();
  }
  w.close_array();
}

void write_step(Writer& w, const plan::Step& step, core::Dialect dialect) {
  w.open();
  w.key("action");
  write_action(w, step.action, dialect);
  if (step.irreversible) {
    w.key("irreversible");
    w.string(*step.irreversible);
  }
  w.key("loc");
  write_loc(w, step.loc);
  w.key("name");
  w.string(step.name);
  if (step.rollback) {
    w.key("rollback");
    write_action(w, *step.rollback, dialect);
  }
  if (!step.rollback_name.empty()) {
    w.key("rollback_name");
    w.string(step.rollback_name);
  }
  w.key("verify");
  write_checks(w, step.verify, dialect);
  w.close();
}

core::SourceLoc loc_from(const json& j) {
  return {j.value("file", ""), j.value("line", 0), 0};
}

plan::Sql sql_from(const json& j) {
  plan::Sql sql;
  if (j.is_object()) {
    sql.common = plan::SqlText{j.at("sql").get<std::string>(), loc_from(j.at("loc"))};
  }
  return sql;
}

plan::Action action_from(const json& j) {
  if (j.is_object() && j.contains("operation")) {
    return plan::Operation{j.at("operation").get<std::string>(),
                           j.at("args").get<std::map<std::string, std::string>>(),
                           loc_from(j.at("loc"))};
  }
  return sql_from(j);
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
  Writer w;
  w.open();
  w.key("description");
  w.string(migration.description);
  w.key("file");
  w.string(migration.file.native());
  w.key("format");
  w.number(1);
  w.key("name");
  w.string(migration.name);
  w.key("preserve");
  write_checks(w, migration.preserve, dialect);
  w.key("steps");
  w.open_array();
  for (const auto& step : migration.steps) {
    w.element();
    write_step(w, step, dialect);
  }
  w.close_array();
  w.key("timeouts");
  w.open();
  if (migration.timeouts.lock_timeout) {
    w.key("lock_timeout_ms");
    w.number(migration.timeouts.lock_timeout->count());
  }
  if (migration.timeouts.statement_timeout) {
    w.key("statement_timeout_ms");
    w.number(migration.timeouts.statement_timeout->count());
  }
  w.close();
  w.key("transaction");
  w.boolean(migration.transaction);
  w.close();
  return w.take();
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
    step.rollback_name = s.value("rollback_name", "");  // stored since 2026-11: older rows show the name
    if (s.contains("irreversible")) {
      step.irreversible = s.at("irreversible").get<std::string>();
    }
    m.steps.push_back(std::move(step));
  }
  m.preserve = checks_from(j.at("preserve"));
  return m;
}

}  // namespace migrator::history
