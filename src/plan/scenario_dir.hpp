#pragma once
// Where the scenarios/ directory is, for commands that run a scenario by name (demo, bench).
#include <filesystem>
#include <string_view>
#include <vector>

namespace migrator::plan {

// Where scenarios are looked for, in order: ./scenarios (a checkout, or a user's own copy),
// then beside the running binary: ../share/migrator/scenarios (installed, any prefix: the
// layout `cmake --install` and the .deb write), then, for a binary still in the build
// directory it was built in (in the source tree or out of it), that source tree's scenarios.
std::vector<std::filesystem::path> scenario_search_path();

// scenarios/<name> in the first place of scenario_search_path() that has it. Throws
// core::UsageError naming every place looked in when none does.
std::filesystem::path scenario_dir(std::string_view name);

// One sentence for --help: where scenario_dir() looks.
inline constexpr std::string_view k_scenario_search_help =
    "Scenarios are looked for in ./scenarios, then in ../share/migrator/scenarios beside the "
    "migrator binary (where it is installed), then in the source tree it was built in.";

}  // namespace migrator::plan
