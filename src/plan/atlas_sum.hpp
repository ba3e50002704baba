#pragma once
// atlas.sum, the integrity file `atlas migrate hash` writes beside migrations, in Atlas's
// golang-migrate, dbmate and Flyway directory formats as in its own. Its first line sums the
// others; each other line names a file with the SHA-256 of every name and file up to it, so
// a file changed after hashing, or two branches' migrations merged, show. migrator reads it
// as Atlas does and says what `atlas migrate validate` would, instead of calling it a stray.
#include <filesystem>
#include <vector>

#include "core/diagnostic.hpp"

namespace migrator::plan {

// The problems of `sum_file` against its directory: lines that are not Atlas's, a first line
// that does not sum the others, listed files that are gone, the first listed file whose
// content changed, and `migration_files` (the plan's, as Atlas lists them) it does not list.
// Empty when atlas.sum and the files agree. Files with Atlas's `atlas:sum ignore` directive
// are not told apart (Atlas hashes their names only): such a directory reads as changed.
core::Diagnostics atlas_sum_problems(const std::filesystem::path& sum_file,
                                     const std::vector<std::filesystem::path>& migration_files);

}  // namespace migrator::plan
