#pragma once
// Small plans written into a TempDir for runner and CLI tests.
#include <filesystem>
#include <string>

#include "support/temp_dir.hpp"

namespace migrator::test {

// The repository's scenarios/<name> directory.
std::filesystem::path scenario_dir(const std::string& name);

// Copies the scenario into `dir / name` so a test may edit or delete its files.
std::filesystem::path copy_scenario(const TempDir& dir, const std::string& name);

// A migration file with one step: `sql` forward, `rollback` back, and optional YAML appended
// to the step (e.g. a verify: block) and to the file (e.g. a preserve: block).
std::string one_step_migration(const std::string& sql, const std::string& rollback,
                               const std::string& step_extra = "", const std::string& file_extra = "");

}  // namespace migrator::test
