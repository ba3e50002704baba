#pragma once
// --html FILE of `bench` and `demo`: the measured figures as a page, written whole.
#include <nlohmann/json.hpp>
#include <string>

#include "cli/context.hpp"

namespace migrator::cli {

// Refuses at once, before any measurement, a path whose directory does not exist or cannot
// be written.
void check_html_path(const std::string& path);

// Writes report::html_report(document, title) to `path` (through a temporary file beside it,
// so that a reader never sees half a page) and says where and which charts it holds.
void write_html_report(Context& ctx, const std::string& path, const nlohmann::json& document, const std::string& title);

}  // namespace migrator::cli
