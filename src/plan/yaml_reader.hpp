#pragma once
// Reading YAML nodes with every problem reported as "file:line: key: message". yaml-cpp
// counts lines from 0 and silently keeps the first of two equal keys: both fixed here.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "core/source_loc.hpp"
#include "plan/model.hpp"

namespace migrator::plan {

class YamlReader {
 public:
  YamlReader(std::filesystem::path file, std::string_view text, core::Diagnostics& out)
      : m_file(std::move(file)), m_text(text), m_out(out) {}

  core::SourceLoc loc(const YAML::Node& node) const;
  // Where a scalar's text begins: the line after `|`/`>` for a block scalar.
  core::SourceLoc text_loc(const YAML::Node& node) const;

  void error(const YAML::Node& node, std::string key, std::string message, std::string hint = {});
  void error(const core::SourceLoc& at, std::string key, std::string message,
             std::string hint = {});

  // Reports keys outside `allowed` (suggesting the nearest one) and duplicated keys.
  // False when `node` is not a map at all (reported).
  bool check_map(const YAML::Node& node, const std::string& key,
                 std::initializer_list<std::string_view> allowed);
  // Same, with keys accepted by a predicate (for step keys that name operations).
  bool check_map_keys(const YAML::Node& node, const std::string& key,
                      std::initializer_list<std::string_view> allowed,
                      bool (*also_allowed)(std::string_view));

  std::optional<std::string> string(const YAML::Node& node, const std::string& key);
  std::optional<bool> boolean(const YAML::Node& node, const std::string& key);
  std::optional<std::int64_t> integer(const YAML::Node& node, const std::string& key);
  // Whether a SQL text of only blanks is a step that runs nothing (as a comment-only one is,
  // and as an empty file is in the tools whose histories migrator reads; check warns) or an
  // error (a check must query something). No value at all (`sql:`) is always an error.
  enum class Blank { runs_nothing, refused };
  // A SQL field: a string, or a map of dialect variants.
  std::optional<Sql> sql(const YAML::Node& node, const std::string& key, Blank blank = Blank::refused);

  const std::filesystem::path& file() const { return m_file; }

 private:
  bool is_block_scalar(const YAML::Node& node) const;
  std::optional<SqlText> sql_text(const YAML::Node& node, const std::string& key, Blank blank);

  std::filesystem::path m_file;
  std::string_view m_text;
  core::Diagnostics& m_out;
};

// "steps" + 2 -> "steps[2]"; "" + "name" -> "name"; "steps[2]" + "name" -> "steps[2].name".
std::string key_index(const std::string& key, std::size_t index);
std::string key_child(const std::string& key, std::string_view child);

}  // namespace migrator::plan
