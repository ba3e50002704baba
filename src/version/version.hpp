#pragma once
// What this binary is: the release version and the commit it was built from, written into
// build_info.cpp at build time by cmake/GitCommit.cmake.
#include <string>
#include <string_view>

namespace migrator::version {

// The project's version, e.g. "0.1.0".
std::string_view release();
// The commit's first 12 hex digits, with "-dirty" when built from uncommitted changes, or
// "unknown" for a tree with neither .git nor an archived commit.
std::string_view commit();

// "migrator 0.1.0 (commit 60fb790abcd1)": what --version prints.
inline std::string line() {
  return "migrator " + std::string(release()) + " (commit " + std::string(commit()) + ")";
}

}  // namespace migrator::version
