#pragma once
// ./migrator.yaml: project defaults, overridden by environment and flags.
//   database: sqlite:dev.db          # or postgresql://...
//   plan: migrations                 # the default plan directory
//   lock_timeout: 60s                # how long to wait for the migration lock
//   check: { severity: { rule-id: error|warning|off }, max_lock_ms: 1000, max_blocked_ms: 1000 }
//   targets: [{name, url, group}]    # the databases of a fleet (fleet/targets.hpp)
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fleet/targets.hpp"

namespace migrator::cli {

struct ProjectConfig {
  std::filesystem::path file;      // empty when there is no migrator.yaml
  std::optional<std::string> database;
  std::optional<std::string> plan;
  std::optional<std::chrono::milliseconds> lock_timeout;
  std::map<std::string, std::string> check_severity;
  // Limits of the traced rehearsal's findings (lock-held-long, traffic-blocked).
  std::optional<std::int64_t> max_lock_ms;
  std::optional<std::int64_t> max_blocked_ms;
  std::vector<fleet::Target> targets;
};

// Reads `file` when it exists. Throws core::PlanError naming file, line and key.
ProjectConfig load_config(const std::filesystem::path& file);

}  // namespace migrator::cli
