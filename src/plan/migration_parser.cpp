// Parses one migration file (SPEC "Migration file") into plan::Migration.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>

#include "plan/duration.hpp"
#include "plan/loader.hpp"
#include "plan/plan_file.hpp"
#include "plan/operation_spec.hpp"
#include "plan/yaml_reader.hpp"
#include "util/sha256.hpp"

namespace migrator::plan {
namespace {

bool is_operation_key(std::string_view key) { return find_operation_spec(key) != nullptr; }

class MigrationParser {
 public:
  MigrationParser(YamlReader& reader, const LoadOptions& options)
      : m_reader(reader), m_options(options) {}

  void parse(const YAML::Node& root, Migration& m) {
    if (!m_reader.check_map(root, "", {"name", "description", "version", "transaction",
                                       "lock_timeout", "statement_timeout", "steps",
                                       "preserve", "repeatable"})) {
      return;
    }
    parse_repeatable(root, m);
    if (const auto node = root["version"]) {
      const auto version = m_reader.integer(node, "version");
      if (version && *version != m.version) {
        m_reader.error(node, "version",
                       "version " + std::to_string(*version) + " disagrees with the file name (" +
                           std::to_string(m.version) + ")",
                       "rename the file or remove the version key: the file name sets it");
      }
    }
    if (const auto node = root["name"]) {
      m.name = m_reader.string(node, "name").value_or(m.name);
    }
    if (const auto node = root["description"]) {
      m.description = m_reader.string(node, "description").value_or("");
    }
    if (const auto node = root["transaction"]) {
      m.transaction = m_reader.boolean(node, "transaction").value_or(true);
    }
    parse_timeouts(root, m.timeouts);
    const auto steps = root["steps"];
    if (!steps) {
      m_reader.error(m.loc, "steps", "missing key \"steps\"",
                     "a migration needs at least one step with sql and rollback");
    } else if (!steps.IsSequence() || steps.size() == 0) {
      m_reader.error(steps, "steps", "expected a non-empty list of steps");
    } else {
      for (std::size_t i = 0; i < steps.size(); ++i) {
        parse_step(steps[i], key_index("steps", i), m);
      }
    }
    if (const auto preserve = root["preserve"]) {
      parse_checks(preserve, "preserve", m.preserve, true);
    }
  }

  // The file name says it (R__name.yaml) and so does the file: a reviewer reading either
  // one alone knows that this migration runs again whenever it changes.
  void parse_repeatable(const YAML::Node& root, const Migration& m) {
    const auto node = root["repeatable"];
    const bool says = node && m_reader.boolean(node, "repeatable").value_or(false);
    if (m.repeatable && !says) {
      m_reader.error(node ? m_reader.loc(node) : m.loc, "repeatable",
                     "a file named R__<name>.yaml holds a repeatable migration, and says so",
                     "add repeatable: true, or name the file NNN_name.yaml for a versioned migration");
    } else if (!m.repeatable && says) {
      m_reader.error(node, "repeatable", "a repeatable migration has no version: its file is named R__<name>.yaml",
                     "rename the file R__" + m.file.stem().string().substr(m.file.stem().string().find('_') + 1) +
                         ".yaml");
    }
  }

  void parse_timeouts(const YAML::Node& root, Timeouts& timeouts) {
    for (const char* name : {"lock_timeout", "statement_timeout"}) {
      const auto node = root[name];
      if (!node) {
        continue;
      }
      const auto text = m_reader.string(node, name);
      const auto value = text ? parse_duration(*text) : std::nullopt;
      if (text && !value) {
        m_reader.error(node, name, "\"" + *text + "\" is not a duration",
                       k_duration_hint);
      }
      (std::string_view(name) == "lock_timeout" ? timeouts.lock_timeout
                                                : timeouts.statement_timeout) = value;
    }
  }

 private:
  void parse_step(const YAML::Node& node, const std::string& key, Migration& m) {
    Step step;
    step.loc = m_reader.loc(node);
    if (!m_reader.check_map_keys(node, key,
                                 {"name", "sql", "sql_file", "verify", "rollback", "rollback_file",
                                  "irreversible", "allow"},
                                 is_operation_key)) {
      return;
    }
    if (const auto name = node["name"]) {
      step.name = m_reader.string(name, key_child(key, "name")).value_or("");
    } else {
      m_reader.error(node, key_child(key, "name"), "missing key \"name\"",
                     "name each step; the name appears in every report about it");
    }
    parse_action(node, key, step);
    if (const auto verify = node["verify"]) {
      parse_checks(verify, key_child(key, "verify"), step.verify);
    }
    if (const auto irreversible = node["irreversible"]) {
      step.irreversible = m_reader.string(irreversible, key_child(key, "irreversible"));
    }
    if (node["rollback"] && node["rollback_file"]) {
      m_reader.error(node["rollback_file"], key_child(key, "rollback_file"),
                     "step has both \"rollback\" and \"rollback_file\"", "keep one of them");
    } else if (const auto rollback = node["rollback"]) {
      step.rollback = parse_rollback(rollback, key_child(key, "rollback"));
    } else if (const auto file = node["rollback_file"]) {
      if (auto sql = sql_from_file(file, key_child(key, "rollback_file"))) {
        step.rollback = Action(std::move(*sql));
      }
    } else if (!node["irreversible"]) {
      m_reader.error(node, key_child(key, "rollback"),
                     "step \"" + step.name + "\" has no rollback",
                     "add rollback: with the SQL that undoes the step, or irreversible: with "
                     "the reason it cannot be undone");
    }
    if (const auto allow = node["allow"]) {
      parse_allow(allow, key_child(key, "allow"), step.allow);
    }
    m.steps.push_back(std::move(step));
  }

  void parse_action(const YAML::Node& node, const std::string& key, Step& step) {
    std::vector<std::string> actions;
    for (const auto& entry : node) {
      const auto& name = entry.first.Scalar();
      const bool repeated = std::find(actions.begin(), actions.end(), name) != actions.end();
      if ((name == "sql" || name == "sql_file" || is_operation_key(name)) && !repeated) {
        actions.push_back(name);
      }
    }
    if (actions.empty()) {
      m_reader.error(node, key_child(key, "sql"), "step \"" + step.name + "\" has no sql",
                     "give the step sql: (or a built-in operation such as set_not_null:)");
      return;
    }
    if (actions.size() > 1) {
      m_reader.error(node[actions[1]], key_child(key, actions[1]),
                     "step has both \"" + actions[0] + "\" and \"" + actions[1] + "\"",
                     "split it into two steps");
      return;
    }
    if (actions[0] == "sql") {
      if (auto sql = m_reader.sql(node["sql"], key_child(key, "sql"), YamlReader::Blank::runs_nothing)) {
        require_dialect(*sql, node["sql"], key_child(key, "sql"));
        step.action = std::move(*sql);
      }
    } else if (actions[0] == "sql_file") {
      if (auto sql = sql_from_file(node["sql_file"], key_child(key, "sql_file"))) {
        step.action = std::move(*sql);
      }
    } else {
      step.action = parse_operation(actions[0], node[actions[0]], key_child(key, actions[0]));
    }
  }

  // sql_file: / rollback_file: the SQL of a file beside the migration (a team's existing
  // up.sql), as one text for every dialect, its lines those of that file.
  std::optional<Sql> sql_from_file(const YAML::Node& node, const std::string& key) {
    const auto name = m_reader.string(node, key);
    if (!name) {
      return std::nullopt;
    }
    const auto path = (m_reader.file().parent_path() / *name).lexically_normal();
    std::error_code ec;
    if (name->empty() || !std::filesystem::is_regular_file(path, ec)) {
      m_reader.error(node, key, "no file \"" + path.string() + "\"",
                     "name a SQL file; the path is relative to the migration's directory");
      return std::nullopt;
    }
    core::Diagnostics problems;
    auto text = read_plan_text(path, problems);
    if (!text) {
      for (auto& problem : problems) {
        m_reader.error(node, key, path.filename().string() + ": " + problem.message, problem.hint);
      }
      return std::nullopt;
    }
    m_files.push_back({path, *text});
    Sql sql;
    sql.common = SqlText{std::move(*text), core::SourceLoc{path, 1, 1}};
    return sql;
  }

 public:
  // The SQL files the migration read (sql_file:, rollback_file:), for its checksum.
  const std::vector<std::pair<std::filesystem::path, std::string>>& files() const { return m_files; }

 private:
  Operation parse_operation(const std::string& kind, const YAML::Node& node,
                            const std::string& key) {
    const auto* spec = find_operation_spec(kind);
    Operation op{kind, {}, m_reader.loc(node)};
    if (!node.IsMap()) {
      m_reader.error(node, key, "expected the arguments of \"" + kind + "\" as a mapping",
                     std::string(spec->help));
      return op;
    }
    for (const auto& entry : node) {
      const auto& name = entry.first.Scalar();
      const auto arg_key = key_child(key, name);
      const auto arg = std::find_if(spec->args.begin(), spec->args.end(),
                                     [&](const ArgSpec& a) { return a.name == name; });
      if (arg == spec->args.end()) {
        std::string expected;
        for (const auto& a : spec->args) {
          expected += (expected.empty() ? "" : ", ") + std::string(a.name);
        }
        m_reader.error(entry.first, arg_key, "unknown argument \"" + name + "\"",
                       "\"" + kind + "\" takes: " + expected);
        continue;
      }
      if (!entry.second.IsScalar()) {
        m_reader.error(entry.second, arg_key, "expected a single value");
        continue;
      }
      if (!arg_has_type(entry.second.Scalar(), arg->type)) {
        m_reader.error(entry.second, arg_key, "\"" + entry.second.Scalar() + "\" is not " +
                                                  type_name(arg->type));
        continue;
      }
      if (arg->type == ArgType::integer && !in_range(entry.second.Scalar(), *arg)) {
        m_reader.error(entry.second, arg_key, "\"" + entry.second.Scalar() + "\" is out of range",
                       "give a whole number from " + std::to_string(arg->min) + " to " + std::to_string(arg->max));
        continue;
      }
      op.args[name] = entry.second.Scalar();
    }
    for (const auto& arg : spec->args) {
      if (arg.required && !node[std::string(arg.name)]) {
        m_reader.error(node, key_child(key, arg.name),
                       "missing argument \"" + std::string(arg.name) + "\"",
                       std::string(arg.help));
      }
    }
    return op;
  }

  static bool arg_has_type(const std::string& value, ArgType type) {
    switch (type) {
      case ArgType::identifier:
        return !value.empty() &&
               std::all_of(value.begin(), value.end(), [](char c) {
                 return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
               }) &&
               !std::isdigit(static_cast<unsigned char>(value[0]));
      case ArgType::integer:
        return !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
      case ArgType::number: {
        double ignored = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), ignored);
        return ec == std::errc{} && end == value.data() + value.size();
      }
      case ArgType::text:
        return true;
      case ArgType::date:
        return is_date(value);
    }
    return false;
  }

  static bool in_range(const std::string& value, const ArgSpec& arg) {
    std::uint64_t number = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    return ec == std::errc{} && end == value.data() + value.size() && number >= arg.min && number <= arg.max;
  }

  static bool is_date(const std::string& value) {
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;
    if (value.size() != 10 || value[4] != '-' || value[7] != '-' ||
        std::sscanf(value.c_str(), "%4d-%2u-%2u", &year, &month, &day) != 3) {
      return false;
    }
    const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
    return date.ok() && year >= 1900 && year <= 2200;
  }

  static std::string type_name(ArgType type) {
    switch (type) {
      case ArgType::identifier:
        return "an identifier";
      case ArgType::integer:
        return "a whole number";
      case ArgType::number:
        return "a number";
      case ArgType::text:
        return "text";
      case ArgType::date:
        return "a date from 1900-01-01 to 2200-12-31, like 2023-01-01";
    }
    return "valid";
  }

  // A rollback is SQL, or a single-key map naming a built-in operation.
  std::optional<Action> parse_rollback(const YAML::Node& node, const std::string& key) {
    if (node.IsMap() && node.size() == 1 && is_operation_key(node.begin()->first.Scalar())) {
      const auto kind = node.begin()->first.Scalar();
      return parse_operation(kind, node.begin()->second, key_child(key, kind));
    }
    auto sql = m_reader.sql(node, key, YamlReader::Blank::runs_nothing);
    if (!sql) {
      return std::nullopt;
    }
    require_dialect(*sql, node, key);
    return Action(std::move(*sql));
  }

  void parse_checks(const YAML::Node& node, const std::string& key, std::vector<Check>& out,
                    bool preserve = false) {
    if (!node.IsSequence()) {
      m_reader.error(node, key, "expected a list of checks (each with name and sql)");
      return;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
      const auto item = node[i];
      const auto item_key = key_index(key, i);
      if (!m_reader.check_map(item, item_key,
                              preserve ? std::initializer_list<std::string_view>{"name", "sql", "compare"}
                                       : std::initializer_list<std::string_view>{"name", "sql", "expect", "expect_rows"})) {
        continue;
      }
      Check check;
      check.loc = m_reader.loc(item);
      if (const auto name = item["name"]) {
        check.name = m_reader.string(name, key_child(item_key, "name")).value_or("");
      } else {
        m_reader.error(item, key_child(item_key, "name"), "missing key \"name\"",
                       "name each check; reports say which one failed by its name");
      }
      if (const auto sql = item["sql"]) {
        if (auto parsed = m_reader.sql(sql, key_child(item_key, "sql"))) {
          require_dialect(*parsed, sql, key_child(item_key, "sql"));
          check.sql = std::move(*parsed);
        }
      } else {
        m_reader.error(item, key_child(item_key, "sql"), "missing key \"sql\"",
                       "give the query whose result proves the check");
      }
      if (const auto expect = item["expect"]) {
        if (!expect.IsScalar()) {
          m_reader.error(expect, key_child(item_key, "expect"),
                         "expected a single value (the one cell the query returns)");
        } else {
          check.expect = expect.Scalar();
        }
      }
      if (const auto rows = item["expect_rows"]) {
        check.expect_rows = m_reader.integer(rows, key_child(item_key, "expect_rows"));
      }
      if (const auto compare = item["compare"]) {
        const auto text = m_reader.string(compare, key_child(item_key, "compare"));
        if (text == "at_least") {
          check.compare = Compare::at_least;
        } else if (text && *text != "equal") {
          m_reader.error(compare, key_child(item_key, "compare"), "unknown comparison \"" + *text + "\"",
                         "equal (the default) or at_least (every number the same or larger after: rows the "
                         "application adds meanwhile)");
        }
      }
      if (item["expect"] && item["expect_rows"]) {
        m_reader.error(item["expect_rows"], key_child(item_key, "expect_rows"),
                       "a check takes expect or expect_rows, not both");
      }
      out.push_back(std::move(check));
    }
  }

  void parse_allow(const YAML::Node& node, const std::string& key, std::vector<Allow>& out) {
    if (!node.IsSequence()) {
      m_reader.error(node, key, "expected a list of {rule, reason}");
      return;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
      const auto item_key = key_index(key, i);
      if (!m_reader.check_map(node[i], item_key, {"rule", "reason"})) {
        continue;
      }
      Allow allow;
      allow.loc = m_reader.loc(node[i]);
      if (const auto rule = node[i]["rule"]) {
        allow.rule = m_reader.string(rule, key_child(item_key, "rule")).value_or("");
      } else {
        m_reader.error(node[i], key_child(item_key, "rule"), "missing key \"rule\"");
      }
      if (const auto reason = node[i]["reason"]) {
        allow.reason = m_reader.string(reason, key_child(item_key, "reason")).value_or("");
      } else {
        m_reader.error(node[i], key_child(item_key, "reason"), "missing key \"reason\"",
                       "say why the rule does not apply here; reviewers read it");
      }
      out.push_back(std::move(allow));
    }
  }

  void require_dialect(const Sql& sql, const YAML::Node& node, const std::string& key) {
    if (m_options.dialect && sql.for_dialect(*m_options.dialect) == nullptr) {
      const auto name = std::string(core::to_string(*m_options.dialect));
      m_reader.error(node, key, "no \"" + name + "\" variant for the database in use",
                     "add a " + name + ": variant, or write one SQL text for every database");
    }
  }

  YamlReader& m_reader;
  const LoadOptions& m_options;
  std::vector<std::pair<std::filesystem::path, std::string>> m_files;
};

}  // namespace

Migration parse_migration(std::string_view text, const std::filesystem::path& file, core::Version version,
                          const LoadOptions& options, core::Diagnostics& out) {
  Migration m;
  m.version = version;
  m.repeatable = file.filename().string().starts_with("R__");
  m.file = file;
  m.loc = {file, 1, 1};
  m.sha256 = util::sha256_hex_normalized(text);
  if (!check_plan_text(text, file, out)) {
    return m;
  }
  YamlReader reader(file, text, out);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    reader.error(core::SourceLoc{file, e.mark.line + 1, e.mark.column + 1}, "",
                 "YAML syntax error: " + e.msg,
                 "check the indentation and quoting near this line");
    return m;
  }
  if (!root || root.IsNull()) {
    reader.error(m.loc, "", "the file is empty", "a migration needs at least steps:");
    return m;
  }
  MigrationParser parser(reader, options);
  parser.parse(root, m);
  if (!parser.files().empty()) {
    // The checksum covers the SQL files too: an edit to up.sql is an edit to the migration.
    std::string covered(text);
    for (const auto& [path, file_text] : parser.files()) {
      covered += '\0' + path.filename().string() + '\0' + file_text;
    }
    m.sha256 = util::sha256_hex_normalized(covered);
    for (const auto& [path, file_text] : parser.files()) {
      m.sql_files.push_back(path);
    }
  }
  return m;
}

}  // namespace migrator::plan
