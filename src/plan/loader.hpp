#pragma once
// Reads a plan directory: NNN_snake_name.yaml migration files and an optional plan.yaml.
#include <filesystem>
#include <optional>
#include <string_view>

#include "core/dialect.hpp"
#include "core/diagnostic.hpp"
#include "plan/model.hpp"

namespace migrator::plan {

struct LoadOptions {
  // When set, every SQL field must have text for this dialect (a variant or a common text).
  std::optional<core::Dialect> dialect;
};

// Loads and validates the whole plan. Throws core::PlanError listing *every* problem found,
// each as "file:line: key: message" with a hint; nothing is partially returned.
Plan load(const std::filesystem::path& dir, const LoadOptions& options = {});

// Parses one migration file's text. Problems go to `out`; the result is complete only when
// nothing was added to `out`. `file` is used for locations only.
Migration parse_migration(std::string_view text, const std::filesystem::path& file, core::Version version,
                          const LoadOptions& options, core::Diagnostics& out);

}  // namespace migrator::plan
