#include "plan/scenario_dir.hpp"

#include "core/error.hpp"

namespace migrator::plan {

namespace {

bool inside(const std::filesystem::path& path, const std::filesystem::path& directory) {
  std::error_code directory_error;
  std::error_code path_error;
  const auto relative = std::filesystem::weakly_canonical(path, path_error)
                            .lexically_relative(std::filesystem::weakly_canonical(directory, directory_error));
  return !path_error && !directory_error && !relative.empty() && *relative.begin() != "..";
}

}  // namespace

std::vector<std::filesystem::path> scenario_search_path() {
  std::error_code ec;
  std::vector<std::filesystem::path> places{std::filesystem::current_path(ec) / "scenarios"};
  // The binary's own directory, links resolved: /usr/bin for /usr/bin/migrator.
  const auto exe_dir = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path();
  if (!exe_dir.empty()) {
    places.push_back(exe_dir.parent_path() / "share" / "migrator" / "scenarios");
    if (inside(exe_dir, MIGRATOR_BUILD_TREE)) {
      places.emplace_back(MIGRATOR_SOURCE_SCENARIOS);
    }
  }
  return places;
}

std::filesystem::path scenario_dir(std::string_view name) {
  const auto places = scenario_search_path();
  std::string looked;
  for (const auto& place : places) {
    std::error_code ec;
    if (std::filesystem::is_directory(place / name, ec)) {
      return (place / name).lexically_normal();
    }
    looked += (looked.empty() ? "" : ", ") + (place / name).lexically_normal().string();
  }
  throw core::UsageError("no scenario \"" + std::string(name) + "\" (looked in " + looked + ")",
                         "run migrator from a checkout of the repository, or install it with "
                         "`cmake --install build` (or the .deb), which puts the scenarios in "
                         "share/migrator/scenarios");
}

}  // namespace migrator::plan
