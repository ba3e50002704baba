#pragma once
// The ways `migrator check` prints its findings.
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "lint/finding.hpp"

namespace migrator::lint {

// For a person: per finding `path:line:col: error[rule-id]: message`, the line of the file
// with a caret under the column, and `  fix: ...`; then "N errors, M warnings in K files".
// Findings are expected sorted by file (Linter::lint sorts them).
std::string format_text(const Findings& findings, std::size_t files_checked, bool colour);

// "2 errors, 1 warning in 12 files"
std::string summary_line(const Findings& findings, std::size_t files_checked);

// A JSON array of {file, line, column, rule, severity, message, fix}.
std::string format_json(const Findings& findings);
// The same array, for a document that holds it (migrator check --format json).
nlohmann::json findings_json(const Findings& findings);

// GitHub Actions workflow commands: `::error file=...,line=...,col=...,title=rule-id::message.
// fix: ...`, one per finding (::warning for warnings), shown on the pull request.
std::string format_github(const Findings& findings);

// A SARIF 2.1.0 log for code-scanning dashboards: the rules and one result per finding.
std::string format_sarif(const Findings& findings, const std::string& tool_version);

}  // namespace migrator::lint
