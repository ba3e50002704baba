#include "lint/finding.hpp"

#include <algorithm>

namespace migrator::lint {

std::optional<SeverityLevel> parse_severity_level(std::string_view text) {
  if (text == "error") {
    return SeverityLevel{Severity::error};
  }
  if (text == "warning") {
    return SeverityLevel{Severity::warning};
  }
  if (text == "off") {
    return SeverityLevel{std::nullopt};
  }
  return std::nullopt;
}

std::size_t count(const Findings& findings, Severity severity) {
  return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(),
                                                [&](const Finding& f) { return f.severity == severity; }));
}

}  // namespace migrator::lint
