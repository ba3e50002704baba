#pragma once
// Where the repository's scenarios/ directory is, for commands that run a scenario by name.
#include <filesystem>
#include <string_view>

namespace migrator::plan {

// scenarios/<name> under the working directory, else beside the binary (build/src/migrator
// -> ../../scenarios). Throws core::UsageError when neither exists.
std::filesystem::path scenario_dir(std::string_view name);

}  // namespace migrator::plan
