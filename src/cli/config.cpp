#include "cli/config.hpp"

#include <yaml-cpp/yaml.h>

#include "core/error.hpp"
#include "plan/duration.hpp"
#include "plan/plan_file.hpp"
#include "plan/yaml_reader.hpp"

namespace migrator::cli {

ProjectConfig load_config(const std::filesystem::path& file) {
  ProjectConfig config;
  std::error_code ec;
  if (std::filesystem::symlink_status(file, ec).type() == std::filesystem::file_type::not_found) {
    return config;
  }
  config.file = file;
  core::Diagnostics problems;
  const auto read = plan::read_plan_text(file, problems);
  if (!read) {
    throw core::PlanError(std::move(problems), "migrator.yaml");
  }
  const auto& text = *read;
  plan::YamlReader reader(file, text, problems);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw core::PlanError({{{file, e.mark.line + 1, e.mark.column + 1}, "",
                            "YAML syntax error: " + e.msg, "fix the file or remove it"}},
                          "migrator.yaml");
  }
  if (!root || root.IsNull()) {
    return config;
  }
  if (reader.check_map(root, "", {"database", "plan", "lock_timeout", "check", "targets"})) {
    if (const auto node = root["database"]) {
      config.database = reader.string(node, "database");
    }
    if (const auto node = root["plan"]) {
      config.plan = reader.string(node, "plan");
    }
    if (const auto node = root["lock_timeout"]) {
      if (const auto text_value = reader.string(node, "lock_timeout")) {
        config.lock_timeout = plan::parse_duration(*text_value);
        if (!config.lock_timeout) {
          reader.error(node, "lock_timeout", "\"" + *text_value + "\" is not a duration",
                       plan::k_duration_hint);
        }
      }
    }
    if (const auto node = root["targets"]) {
      config.targets = fleet::read_targets(node, reader, "targets");
    }
    if (const auto check = root["check"];
        check && reader.check_map(check, "check", {"severity", "max_lock_ms", "max_blocked_ms"})) {
      for (auto [key, limit] : {std::pair{"max_lock_ms", &config.max_lock_ms}, {"max_blocked_ms", &config.max_blocked_ms}}) {
        if (const auto node = check[key]) {
          *limit = reader.integer(node, std::string("check.") + key);
          if (*limit && **limit <= 0) {
            reader.error(node, std::string("check.") + key, "expected a positive number of milliseconds");
            limit->reset();
          }
        }
      }
      if (const auto severity = check["severity"];
          severity && reader.check_map_keys(severity, "check.severity", {},
                                            [](std::string_view) { return true; })) {
        for (const auto& entry : severity) {
          const auto key = "check.severity." + entry.first.Scalar();
          const auto level = reader.string(entry.second, key);
          if (level && *level != "error" && *level != "warning" && *level != "off") {
            reader.error(entry.second, key, "unknown severity \"" + *level + "\"",
                         "use error, warning or off");
          } else if (level) {
            config.check_severity[entry.first.Scalar()] = *level;
          }
        }
      }
    }
  }
  if (!problems.empty()) {
    throw core::PlanError(std::move(problems), "migrator.yaml");
  }
  return config;
}

}  // namespace migrator::cli
