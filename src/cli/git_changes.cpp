#include "cli/git_changes.hpp"

#include <sstream>

#include "core/error.hpp"
#include "util/run_process.hpp"

namespace migrator::cli {
namespace {

util::ProcessOutput git(const std::filesystem::path& in, std::vector<std::string> args) {
  args.insert(args.begin(), {"git", "-C", in.string()});
  const auto out = util::run_process(args);
  if (out.exit_code == -1 && out.out.empty()) {
    throw core::UsageError("--since asks git which migrations changed, and git cannot be run here: " + out.err,
                           "install git (apt-get install git), or check the whole plan without --since");
  }
  return out;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// The NUL-separated paths git printed, relative to `root`.
void add_paths(const std::filesystem::path& root, const std::string& listing, std::set<std::filesystem::path>& out) {
  std::istringstream in(listing);
  std::string path;
  while (std::getline(in, path, '\0')) {
    const auto file = root / path;
    if (!path.empty() && std::filesystem::exists(file)) {
      out.insert(std::filesystem::weakly_canonical(file));
    }
  }
}

}  // namespace

std::set<std::filesystem::path> files_changed_since(const std::string& ref, const std::filesystem::path& dir) {
  const auto where = std::filesystem::absolute(dir).lexically_normal();
  const auto top = git(where, {"rev-parse", "--show-toplevel"});
  if (top.exit_code != 0) {
    throw core::UsageError("--since " + ref + ": " + dir.string() + " is not in a git checkout (" +
                               first_line(top.err) + ")",
                           "run check --since inside the repository that holds the plan, or without --since");
  }
  const std::filesystem::path root = first_line(top.out);
  if (git(where, {"rev-parse", "--verify", "--quiet", ref + "^{commit}"}).exit_code != 0) {
    throw core::UsageError("--since " + ref + ": git knows no commit by that name in " + root.string(),
                           "fetch it first (CI checkouts are often shallow: actions/checkout with fetch-depth: 0, "
                           "or git fetch origin main), then --since origin/main");
  }
  std::set<std::filesystem::path> changed;
  const auto diff = git(root, {"diff", "--name-only", "-z", "--no-renames", ref, "--", where.string()});
  if (diff.exit_code != 0) {
    throw core::UsageError("git diff " + ref + " failed: " + first_line(diff.err), "");
  }
  add_paths(root, diff.out, changed);
  const auto untracked = git(root, {"ls-files", "-z", "--others", "--exclude-standard", "--", where.string()});
  add_paths(root, untracked.out, changed);
  return changed;
}

}  // namespace migrator::cli
