#pragma once
// What a plan directory holds besides its migrations: the files migrator does not read
// (named in a warning, never skipped in silence) and, for a directory with no migrations at
// all, what is there instead (plans one level down, SQL files of another tool).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "plan/plan_format.hpp"

namespace migrator::plan {

struct DirListing {
  std::filesystem::path dir;
  std::vector<std::filesystem::path> migration_files;  // *.yaml and *.yml except plan.yaml
  std::vector<std::filesystem::path> stray_files;      // files of no form migrator reads
  std::vector<std::string> plans;                      // subdirectories that hold migrations
  std::vector<std::filesystem::path> sql_files;        // *.sql (another tool's plan)
  std::vector<std::string> sql_folders;                // subdirectories of .sql files
  std::optional<std::filesystem::path> atlas_sum;      // Atlas's integrity file (plan/atlas_sum.hpp)
};

// Lists `dir` (sorted by name). Throws core::UsageError when it cannot be read. Notes,
// READMEs and hidden files (.gitkeep) are neither migrations nor stray.
DirListing list_plan_dir(const std::filesystem::path& dir);

// One warning per stray file: it is not read, and what to do about it. In a plan of SQL
// files (`format` not migrator), the .sql files of that form are its migrations.
core::Diagnostics stray_file_warnings(const DirListing& listing, PlanFormat format);

// The error for a directory without migrations: what it holds instead and what to do.
core::Diagnostic no_migrations(const std::filesystem::path& dir, const DirListing& listing);

}  // namespace migrator::plan
