#include "plan/yaml_reader.hpp"

#include <algorithm>
#include <charconv>
#include <set>
#include <vector>

#include "core/dialect.hpp"
#include "plan/plan_file.hpp"
#include "util/edit_distance.hpp"

namespace migrator::plan {

std::string key_index(const std::string& key, std::size_t index) {
  return key + "[" + std::to_string(index) + "]";
}

std::string key_child(const std::string& key, std::string_view child) {
  return key.empty() ? std::string(child) : key + "." + std::string(child);
}

core::SourceLoc YamlReader::loc(const YAML::Node& node) const {
  const auto mark = node.Mark();
  if (mark.is_null()) {
    return {m_file, 0, 0};
  }
  return {m_file, mark.line + 1, mark.column + 1};
}

bool YamlReader::is_block_scalar(const YAML::Node& node) const {
  const auto mark = node.Mark();
  if (mark.is_null() || mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= m_text.size()) {
    return false;
  }
  const char c = m_text[static_cast<std::size_t>(mark.pos)];
  return c == '|' || c == '>';
}

core::SourceLoc YamlReader::text_loc(const YAML::Node& node) const {
  auto at = loc(node);
  if (is_block_scalar(node)) {
    // The text begins on the next line, at its first non-blank column.
    const auto line_start = m_text.find('\n', static_cast<std::size_t>(node.Mark().pos));
    if (line_start != std::string_view::npos) {
      const auto first = m_text.find_first_not_of(' ', line_start + 1);
      at.line += 1;
      at.column = first == std::string_view::npos ? 1 : static_cast<int>(first - line_start);
    }
  } else if (node.Tag() == "!") {
    at.column += 1;  // skip the opening quote
  }
  return at;
}

void YamlReader::error(const YAML::Node& node, std::string key, std::string message,
                       std::string hint) {
  error(loc(node), std::move(key), std::move(message), std::move(hint));
}

void YamlReader::error(const core::SourceLoc& at, std::string key, std::string message,
                       std::string hint) {
  m_out.push_back({at, std::move(key), std::move(message), std::move(hint)});
}

bool YamlReader::check_map(const YAML::Node& node, const std::string& key,
                           std::initializer_list<std::string_view> allowed) {
  return check_map_keys(node, key, allowed, nullptr);
}

bool YamlReader::check_map_keys(const YAML::Node& node, const std::string& key,
                                std::initializer_list<std::string_view> allowed,
                                bool (*also_allowed)(std::string_view)) {
  if (!node.IsMap()) {
    error(node, key, "expected a mapping of keys to values");
    return false;
  }
  const std::vector<std::string_view> candidates(allowed);
  std::set<std::string> seen;
  for (const auto& entry : node) {
    const auto name = entry.first.Scalar();
    const auto child = key_child(key, name);
    if (!seen.insert(name).second) {
      error(entry.first, child, "duplicate key \"" + name + "\"",
            "each key may appear once; remove or merge the second one");
      continue;
    }
    const bool known = std::find(candidates.begin(), candidates.end(), name) != candidates.end() ||
                       (also_allowed != nullptr && also_allowed(name));
    if (!known) {
      std::string expected;
      for (const auto candidate : candidates) {
        expected += (expected.empty() ? "" : ", ") + std::string(candidate);
      }
      const auto suggestion = util::nearest(name, candidates);
      error(entry.first, child, "unknown key \"" + name + "\"",
            suggestion.empty() ? "expected one of: " + expected
                               : "did you mean \"" + std::string(suggestion) + "\"?");
    }
  }
  return true;
}

std::optional<std::string> YamlReader::string(const YAML::Node& node, const std::string& key) {
  if (!node.IsScalar()) {
    error(node, key, "expected a string");
    return std::nullopt;
  }
  if (const auto problem = value_problem(node.Scalar()); !problem.empty()) {
    error(node, key, "the text " + problem, "remove it");
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<bool> YamlReader::boolean(const YAML::Node& node, const std::string& key) {
  bool value = false;
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) {
    error(node, key, "expected true or false");
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> YamlReader::integer(const YAML::Node& node, const std::string& key) {
  std::int64_t value = 0;
  if (node.IsScalar()) {
    const auto& text = node.Scalar();
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc{} && end == text.data() + text.size()) {
      return value;
    }
  }
  error(node, key, "expected a whole number");
  return std::nullopt;
}

std::optional<SqlText> YamlReader::sql_text(const YAML::Node& node, const std::string& key, Blank blank) {
  if (!node.IsScalar()) {
    error(node, key, "expected SQL text");
    return std::nullopt;
  }
  if (blank == Blank::refused && node.Scalar().find_first_not_of(" \t\r\n") == std::string::npos) {
    error(node, key, "empty SQL", "write the statement(s) to run, or remove the key");
    return std::nullopt;
  }
  // SQLite's prepare loop never advances past a NUL (it spun forever holding the lock), and
  // libpq cuts the text there: refused here, before any database is touched.
  if (const auto problem = value_problem(node.Scalar()); !problem.empty()) {
    error(node, key, "the SQL " + problem, "remove it");
    return std::nullopt;
  }
  return SqlText{node.Scalar(), text_loc(node)};
}

std::optional<Sql> YamlReader::sql(const YAML::Node& node, const std::string& key, Blank blank) {
  Sql result;
  if (node.IsScalar() || node.IsNull()) {
    if (node.IsNull()) {
      error(node, key, "empty SQL", "write the statement(s) to run, or remove the key");
      return std::nullopt;
    }
    auto text = sql_text(node, key, blank);
    if (!text) {
      return std::nullopt;
    }
    result.common = std::move(*text);
    return result;
  }
  if (!check_map(node, key, {"postgres", "postgresql", "sqlite"})) {
    return std::nullopt;
  }
  bool ok = true;
  for (const auto& entry : node) {
    const auto dialect = core::dialect_from_string(entry.first.Scalar());
    if (!dialect) {
      ok = false;  // reported by check_map
      continue;
    }
    auto text = sql_text(entry.second, key_child(key, entry.first.Scalar()), blank);
    if (!text) {
      ok = false;
      continue;
    }
    result.variants[*dialect] = std::move(*text);
  }
  if (ok && result.variants.empty()) {
    error(node, key, "no SQL variant", "give a string, or a map with postgres: and sqlite:");
    ok = false;
  }
  return ok ? std::optional<Sql>(std::move(result)) : std::nullopt;
}

}  // namespace migrator::plan
