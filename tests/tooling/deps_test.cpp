// scripts/deps.sh: which Debian packages the launcher and scripts/test install. The
// detection runs as they run it, under `set -euo pipefail`, on a dpkg database this test
// writes (dpkg-query reads DPKG_ADMINDIR), so the answer does not depend on what the machine
// running the suite happens to have installed. The Quick start once broke on every new
// machine because a package dpkg had never heard of made the detection report nothing.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "support/command.hpp"
#include "support/temp_dir.hpp"

namespace {

using migrator::test::run_command;
using migrator::test::shell_quote;

const std::filesystem::path k_deps{std::filesystem::path(MIGRATOR_SOURCE_DIR) / "scripts" / "deps.sh"};

std::string status_entry(const std::string& package, const std::string& status) {
  return "Package: " + package + "\nStatus: " + status +
         "\nVersion: 1.0\nArchitecture: all\nMaintainer: Test <test@example.com>\n"
         "Description: a package of the test's dpkg database\n\n";
}

// A dpkg database with one installed package, one removed (its configuration kept) and one
// half-installed; every other name is one dpkg has never heard of.
struct FakeDpkg {
  migrator::test::TempDir dir;
  FakeDpkg() {
    dir.write("admin/status", status_entry("alpha-installed", "install ok installed") +
                                  status_entry("beta-removed", "deinstall ok config-files") +
                                  status_entry("gamma-broken", "install reinstreq half-installed"));
    std::filesystem::create_directories(dir / "admin/info");
    std::filesystem::create_directories(dir / "admin/updates");
  }

  // Runs `script` in bash with deps.sh sourced under `set -euo pipefail`; stdout and stderr.
  migrator::test::CommandResult bash(const std::string& script) const {
    const auto body = "set -euo pipefail; source " + shell_quote(k_deps.string()) + "; " + script;
    return run_command("DPKG_ADMINDIR=" + shell_quote((dir / "admin").string()) +
                       " bash -c " + shell_quote(body) + " 2>&1");
  }
};

}  // namespace

TEST_CASE("deps: names dpkg has never heard of count as missing, under set -euo pipefail",
          "[tooling]") {
  const FakeDpkg dpkg;
  const auto result = dpkg.bash(
      "migrator_missing_packages no-such-one alpha-installed no-such-two; echo \"exit $?\"");
  CHECK(result.exit_code == 0);
  CHECK(result.output == "no-such-one\nno-such-two\nexit 0\n");
}

TEST_CASE("deps: a removed or half-installed package is missing, an installed one is not",
          "[tooling]") {
  const FakeDpkg dpkg;
  const auto result =
      dpkg.bash("migrator_missing_packages alpha-installed beta-removed gamma-broken");
  CHECK(result.exit_code == 0);
  CHECK(result.output == "beta-removed\ngamma-broken\n");
}

TEST_CASE("deps: nothing is missing when every package is installed", "[tooling]") {
  const FakeDpkg dpkg;
  const auto result = dpkg.bash("migrator_missing_packages alpha-installed; echo done");
  CHECK(result.exit_code == 0);
  CHECK(result.output == "done\n");
}

TEST_CASE("deps: on a machine where dpkg knows none of the packages, all are missing",
          "[tooling]") {
  const FakeDpkg dpkg;
  // What a new machine sees for the whole build list; mapfile as the installer reads it.
  const auto result = dpkg.bash(
      "list=$(migrator_missing_packages cmake ninja-build "
      "libsoci-dev); mapfile -t missing <<<\"$list\"; echo \"${#missing[@]}: ${missing[*]}\"");
  CHECK(result.exit_code == 0);
  CHECK(result.output == "3: cmake ninja-build libsoci-dev\n");
}

TEST_CASE("deps: as a user who may not install, the missing packages and the command are named",
          "[tooling]") {
  const FakeDpkg dpkg;
  // id -u reports a non-root user and sudo asks for a password: the installer must not try.
  const auto result = dpkg.bash(
      "id() { echo 1000; }; sudo() { return 1; }; "
      "migrator_ensure_packages alpha-installed no-such-one; echo unreachable");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("missing Debian packages: no-such-one") &&
                                Catch::Contains("sudo apt-get install -y --no-install-recommends no-such-one") &&
                                !Catch::Contains("unreachable"));
}
