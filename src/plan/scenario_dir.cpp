#include "plan/scenario_dir.hpp"

#include "core/error.hpp"

namespace migrator::plan {

std::filesystem::path scenario_dir(std::string_view name) {
  const auto relative = std::filesystem::path("scenarios") / name;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  for (const auto& base : {std::filesystem::current_path(), exe.parent_path().parent_path().parent_path(),
                           exe.parent_path().parent_path()}) {
    if (!base.empty() && std::filesystem::is_directory(base / relative, ec)) {
      return base / relative;
    }
  }
  throw core::UsageError("no scenario directory \"" + relative.string() + "\"",
                         "run migrator from the repository's root directory");
}

}  // namespace migrator::plan
