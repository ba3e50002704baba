#pragma once
// One problem `migrator check` found: which rule, how bad, where, why, and the safe way.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/source_loc.hpp"

namespace migrator::lint {

enum class Severity { error, warning };

constexpr std::string_view to_string(Severity s) { return s == Severity::error ? "error" : "warning"; }

struct Finding {
  std::string rule;       // stable kebab-case id, e.g. "index-not-concurrent"
  Severity severity = Severity::error;
  core::SourceLoc loc;    // file, line and column of the offending statement
  std::string message;    // lowercase start, names in double quotes, no final period
  std::string fix;        // the safe way to do it
};

using Findings = std::vector<Finding>;

// A severity level as configured in migrator.yaml: error, warning, or off (nullopt).
struct SeverityLevel {
  std::optional<Severity> severity;  // nullopt: the rule is off
};
std::optional<SeverityLevel> parse_severity_level(std::string_view text);

std::size_t count(const Findings& findings, Severity severity);

}  // namespace migrator::lint
