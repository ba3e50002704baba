#pragma once
// Places in a plan file that the model does not keep.
#include <filesystem>
#include <string_view>

#include "core/source_loc.hpp"

namespace migrator::lint {

// The line of a top-level `key:` in a migration file (column 1); line 1 when it is not found.
core::SourceLoc top_level_key_loc(const std::filesystem::path& file, std::string_view key);

}  // namespace migrator::lint
