// The launcher (./migrator at the repository root) and the exit codes a script sees.
// Behaviour is tested on the built binary; the launcher only for --version, pointed at this
// build (MIGRATOR_BUILD_DIR) so that it runs the binary under test instead of building one.
#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/temp_dir.hpp"
#include "version/version.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

namespace {

using migrator::test::run_command;
using migrator::test::shell_quote;

const std::filesystem::path k_source_dir{MIGRATOR_SOURCE_DIR};
}  // namespace

TEST_CASE("launcher: --version runs the built migrator from any directory", "[cli]") {
  const migrator::test::TempDir elsewhere;
  const auto build_dir = migrator::test::migrator_binary().parent_path().parent_path();
  const auto result = run_command("cd " + shell_quote(elsewhere.path().string()) +
                                  " && MIGRATOR_BUILD_DIR=" + shell_quote(build_dir.string()) +
                                  " " + shell_quote((k_source_dir / "migrator").string()) +
                                  " --version");
  CHECK(result.exit_code == 0);
  CHECK(result.output == migrator::version::line() + "\n");
}

TEST_CASE("migrator --version: names the release and the commit it was built from", "[cli]") {
  const auto result = run_command(shell_quote(migrator::test::migrator_binary().string()) + " --version");
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.output, Catch::StartsWith("migrator " + std::string(migrator::version::release()) + " (commit "));
  // In a git checkout (CI's clone, a developer's), the commit is HEAD's: a build that says
  // "unknown" or an old commit would send a bug report to the wrong code.
  const auto head = run_command("git -C " + shell_quote(k_source_dir.string()) + " rev-parse --short=12 HEAD 2>/dev/null");
  if (head.exit_code == 0 && !head.output.empty()) {
    CHECK_THAT(result.output, Catch::StartsWith("migrator " + std::string(migrator::version::release()) +
                                                " (commit " + head.output.substr(0, 12)));
  }
}

TEST_CASE("migrator: an unknown command is bad usage (exit 2)", "[cli]") {
  const auto result = run_command(shell_quote(migrator::test::migrator_binary().string()) + " bogus 2>&1");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("bogus"));
}
