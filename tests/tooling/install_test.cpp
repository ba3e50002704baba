// Installing as users do: `cmake --install build --prefix P` and the .deb from
// `cpack -G DEB`, then the installed migrator run from directories that have no scenarios/.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/temp_dir.hpp"
#include "version/version.hpp"

namespace {

using migrator::test::run_command;
using migrator::test::shell_quote;

const std::filesystem::path k_build_dir{MIGRATOR_BUILD_DIR};
std::string q(const std::filesystem::path& path) { return shell_quote(path.string()); }

// A prefix that `cmake --install` filled.
struct Installed {
  migrator::test::TempDir prefix;
  Installed() {
    const auto result = run_command(shell_quote(MIGRATOR_CMAKE) + " --install " + q(k_build_dir) + " --prefix " +
                                    q(prefix.path()) + " 2>&1");
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
  }
  std::filesystem::path operator/(const std::string& name) const { return prefix / name; }
};

// `migrator ARGS` from `binary`, in a new empty directory: stdout and stderr.
migrator::test::CommandResult run_elsewhere(const std::filesystem::path& binary, const std::string& args) {
  const migrator::test::TempDir empty;
  return run_command("cd " + q(empty.path()) + " && " + q(binary) + " " + args + " 2>&1");
}

}  // namespace

TEST_CASE("install: cmake --install puts the binary, scenarios, docs, man page and completions in place",
          "[tooling]") {
  const Installed installed;
  for (const auto* file : {"bin/migrator", "share/migrator/scenarios/vendor_normalization/plan.yaml",
                           "share/migrator/scenarios/construction_receipts/plan.yaml",
                           "share/migrator/migrations/plan.yaml", "share/doc/migrator/README.md",
                           "share/doc/migrator/check.md", "share/man/man1/migrator.1",
                           "share/bash-completion/completions/migrator",
                           // not /usr: zsh's own place for local installs
                           "share/zsh/site-functions/_migrator"}) {
    CHECK(std::filesystem::is_regular_file(installed / file));
  }
  const auto version = run_elsewhere(installed / "bin/migrator", "--version");
  CHECK(version.exit_code == 0);
  CHECK(version.output == migrator::version::line() + "\n");
}

TEST_CASE("install: the installed migrator runs the demo from an empty directory", "[tooling]") {
  const Installed installed;
  const auto demo = run_elsewhere(installed / "bin/migrator", "demo");
  INFO(demo.output);
  CHECK(demo.exit_code == 0);
  CHECK_THAT(demo.output, Catch::Contains("2. Reporting at speed") && Catch::Contains("4. A safe migration"));
  // The commands it suggests next point at the installed scenarios.
  CHECK_THAT(demo.output, Catch::Contains("migrator check " + (installed / "share/migrator/scenarios").string()));
}

TEST_CASE("install: bench finds the installed scenarios, also through a link on PATH", "[tooling]") {
  const Installed installed;
  const migrator::test::TempDir bin;
  std::filesystem::create_symlink(installed / "bin/migrator", bin / "migrator");
  const migrator::test::TempDir empty;
  const auto bench = run_command("cd " + q(empty.path()) + " && PATH=" + q(bin.path()) +
                                 ":$PATH migrator bench benchmarks --scale 0.05 2>&1");
  INFO(bench.output);
  CHECK(bench.exit_code == 0);
  CHECK_THAT(bench.output, Catch::Contains("bench benchmarks"));
  // A scratch database, never a file in the user's directory.
  CHECK(std::filesystem::is_empty(empty.path()));
}

TEST_CASE("install: a binary with no scenarios anywhere says where it looked", "[tooling]") {
  const migrator::test::TempDir bin;
  std::filesystem::create_directories(bin / "bin");
  std::filesystem::copy_file(migrator::test::migrator_binary(), bin / "bin/migrator");
  const auto demo = run_elsewhere(bin / "bin/migrator", "demo");
  CHECK(demo.exit_code == 2);
  CHECK_THAT(demo.output, Catch::Contains("no scenario \"vendor_normalization\" (looked in ") &&
                              Catch::Contains((bin / "share/migrator/scenarios/vendor_normalization").string()) &&
                              Catch::Contains("cmake --install"));
}

TEST_CASE("install: the installed man page renders and completion scripts parse", "[tooling]") {
  const Installed installed;
  const auto page = run_command("MANWIDTH=100 MANPAGER=cat man -l " + q(installed / "share/man/man1/migrator.1") +
                                " 2>&1");
  CHECK(page.exit_code == 0);
  CHECK_THAT(page.output, Catch::Contains("MIGRATOR(1)") && Catch::Contains("EXIT STATUS"));
  CHECK(run_command("bash -n " + q(installed / "share/bash-completion/completions/migrator")).exit_code == 0);
  CHECK(run_command("zsh -n " + q(installed / "share/zsh/site-functions/_migrator")).exit_code == 0);
}

TEST_CASE("package: cpack -G DEB builds a .deb that depends on runtime libraries only", "[tooling][package]") {
  const migrator::test::TempDir out;
  const auto packed = run_command("cd " + q(k_build_dir) + " && " + shell_quote(MIGRATOR_CPACK) + " -G DEB -B " +
                                  q(out.path()) + " 2>&1");
  INFO(packed.output);
  REQUIRE(packed.exit_code == 0);
  const auto deb = out / ("migrator_" + std::string(migrator::version::release()) + "_amd64.deb");
  REQUIRE(std::filesystem::is_regular_file(deb));

  const auto field = [&](const std::string& name) {
    const auto result = run_command("dpkg-deb -f " + q(deb) + " " + name);
    REQUIRE(result.exit_code == 0);
    return result.output;
  };
  CHECK(field("Package") == "migrator\n");
  CHECK(field("Version") == std::string(migrator::version::release()) + "\n");
  const auto depends = field("Depends");
  INFO("Depends: " << depends);
  for (const auto* library : {"libpq5", "libsqlite3-0", "libsoci-core4.0", "libsoci-sqlite3-4.0",
                              "libsoci-postgresql4.0", "libyaml-cpp0.7", "libfmt9", "libssl3"}) {
    CHECK_THAT(depends, Catch::Contains(library));
  }
  CHECK_THAT(depends, !Catch::Contains("-dev") && !Catch::Contains("build-essential") && !Catch::Contains("cmake") &&
                          !Catch::Contains("g++"));

  // Unpacked as dpkg would, /usr's layout: the binary finds the scenarios beside it.
  const migrator::test::TempDir root;
  REQUIRE(run_command("dpkg-deb -x " + q(deb) + " " + q(root.path())).exit_code == 0);
  for (const auto* file : {"usr/bin/migrator", "usr/share/man/man1/migrator.1",
                           "usr/share/bash-completion/completions/migrator",
                           "usr/share/zsh/vendor-completions/_migrator", "usr/share/doc/migrator/README.md",
                           "usr/share/migrator/scenarios/benchmarks/plan.yaml"}) {
    CHECK(std::filesystem::is_regular_file(root / file));
  }
  // Stripped: the build's debug information stays out of the package.
  CHECK(std::filesystem::file_size(root / "usr/bin/migrator") < std::filesystem::file_size(migrator::test::migrator_binary()) / 4);
  const auto bench = run_elsewhere(root / "usr/bin/migrator", "bench benchmarks --scale 0.05");
  INFO(bench.output);
  CHECK(bench.exit_code == 0);
}
