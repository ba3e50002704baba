// The launcher (./migrator at the repository root) and the exit codes a script sees.
// Behaviour is tested on the built binary; the launcher only for --version, pointed at this
// build (MIGRATOR_BUILD_DIR) so that it runs the binary under test instead of building one.
#include "support/command.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

namespace {

using migrator::test::run_command;
using migrator::test::shell_quote;

const std::filesystem::path k_source_dir{MIGRATOR_SOURCE_DIR};
const std::filesystem::path k_binary{MIGRATOR_BINARY};

}  // namespace

TEST_CASE("launcher: --version runs the built migrator from any directory", "[cli]") {
  const migrator::test::TempDir elsewhere;
  const auto build_dir = k_binary.parent_path().parent_path();
  const auto result = run_command("cd " + shell_quote(elsewhere.path().string()) +
                                  " && MIGRATOR_BUILD_DIR=" + shell_quote(build_dir.string()) +
                                  " " + shell_quote((k_source_dir / "migrator").string()) +
                                  " --version");
  CHECK(result.exit_code == 0);
  CHECK(result.output == "migrator " MIGRATOR_VERSION "\n");
}

TEST_CASE("migrator: an unknown command is bad usage (exit 2)", "[cli]") {
  const auto result = run_command(shell_quote(k_binary.string()) + " bogus 2>&1");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("bogus"));
}
