#pragma once
// The figures of a measurement run (`migrator bench --html`, `migrator demo --html`) as one
// self-contained HTML page: inline CSS and SVG, nothing fetched, no script. One chart per
// measurement a person would rather look at than read; the machine, the database and the date
// at the top; the cases it does not draw listed with their figures.
#include <nlohmann/json.hpp>
#include <string>

namespace migrator::report {

// `document` is bench::new_document's shape, its "cases" filled in.
std::string html_report(const nlohmann::json& document, const std::string& title);

// The charts html_report draws from `document`, by title (for tests and for saying so).
std::vector<std::string> html_chart_titles(const nlohmann::json& document);

}  // namespace migrator::report
