#include "cli/html_output.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "report/html_report.hpp"

namespace migrator::cli {

void check_html_path(const std::string& path) {
  const auto parent = std::filesystem::absolute(path).parent_path();
  if (!std::filesystem::is_directory(parent)) {
    throw core::UsageError("--html: the directory \"" + parent.string() + "\" does not exist",
                           "create it first, or give a file in an existing directory");
  }
  if (std::filesystem::is_directory(path)) {
    throw core::UsageError("--html: \"" + path + "\" is a directory", "give the name of the page to write");
  }
  // The one sure test of writing is to write: the temporary file the page goes through.
  const std::string temporary = path + ".tmp";
  if (!std::ofstream(temporary, std::ios::binary | std::ios::trunc)) {
    throw core::UsageError("--html: cannot write in \"" + parent.string() + "\": " + std::strerror(errno),
                           "give a file in a directory you can write to");
  }
  std::filesystem::remove(temporary);
}

void write_html_report(Context& ctx, const std::string& path, const nlohmann::json& document,
                       const std::string& title) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << report::html_report(document, title);
    out.close();
    if (!out) {
      const std::string why = std::strerror(errno);
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw core::UsageError("cannot write the page to \"" + path + "\": " + why,
                             "give --html a file in a directory you can write to");
    }
  }
  std::filesystem::rename(temporary, path);
  const auto charts = report::html_chart_titles(document);
  ctx.say("\nPage with " + std::to_string(charts.size()) + (charts.size() == 1 ? " chart" : " charts") +
          " written to " + path + " (open it in a browser; it fetches nothing)");
}

}  // namespace migrator::cli
