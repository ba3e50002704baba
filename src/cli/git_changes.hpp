#pragma once
// check --since REF: which files of a plan directory git says were added or changed since a
// commit (committed, staged, unstaged or untracked), for a CI that checks only the new
// migrations of a long history.
#include <filesystem>
#include <set>
#include <string>

namespace migrator::cli {

// Canonical paths (std::filesystem::weakly_canonical) of the files under `dir` that differ from `ref` (deleted ones
// left out). Throws core::UsageError when `dir` is in no git checkout or git does not know
// `ref`, saying what to do.
std::set<std::filesystem::path> files_changed_since(const std::string& ref, const std::filesystem::path& dir);

}  // namespace migrator::cli
