#pragma once
// The databases a fleet run works on: a targets file (--targets FILE), `targets:` in
// migrator.yaml, or --db given more than once. A file keeps secrets out of itself with
// ${NAME}, replaced by the environment variable's value when the file is read.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "db/url.hpp"
#include "plan/yaml_reader.hpp"

namespace migrator::fleet {

struct Target {
  std::string name;   // unique in the run; what the summary calls it
  std::string group;  // a label ("eu", "canary"), or empty
  db::Url url;        // url.redacted is what is printed and stored
};

// A targets file: a YAML list of {name, url, group}, or a map whose `targets:` holds one.
// Throws core::PlanError naming file, line and key (an unset ${NAME} included).
std::vector<Target> load_targets(const std::filesystem::path& file);

// The list under `key` of a YAML document being read by `reader` (migrator.yaml's
// `targets:`); problems go to the reader's diagnostics.
std::vector<Target> read_targets(const YAML::Node& list, plan::YamlReader& reader, const std::string& key);

// --db URL given more than once: each URL its own target, named by its redacted text.
std::vector<Target> targets_from_urls(const std::vector<std::string>& urls);

// `text` with each ${NAME} replaced by the environment's value. The names that are not set
// are added to `unset` (and replaced by nothing).
std::string expand_environment(std::string_view text, std::vector<std::string>& unset);

}  // namespace migrator::fleet
