// The man page generated from the command line: it renders with man(1), and it lists every
// command and option that --help-all lists, so the two cannot disagree.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <sstream>
#include <string>

#include "support/command.hpp"
#include "support/temp_dir.hpp"

namespace {

using migrator::test::run_command;
using migrator::test::shell_quote;

// The build writes it (cmake/Install.cmake): the generated part and docs/man/sections.roff.
const std::filesystem::path k_page{std::filesystem::path(MIGRATOR_BINARY).parent_path().parent_path() /
                                   "generated" / "migrator.1"};

std::string rendered_page() {
  const auto result = run_command("MANWIDTH=200 MANPAGER=cat man -l " + shell_quote(k_page.string()) + " 2>&1");
  REQUIRE(result.exit_code == 0);
  return result.output;
}

}  // namespace

TEST_CASE("man page: renders with its sections", "[cli]") {
  REQUIRE(std::filesystem::is_regular_file(k_page));
  const auto page = rendered_page();
  for (const auto* section : {"NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "EXIT STATUS",
                              "ENVIRONMENT", "FILES", "EXAMPLES"}) {
    CHECK_THAT(page, Catch::Contains("\n" + std::string(section) + "\n"));
  }
  CHECK_THAT(page, Catch::Contains("migrator - versioned, verified, reversible database migrations"));
  // man would show a roff warning inline: none.
  CHECK_THAT(page, !Catch::Contains("warning"));
}

TEST_CASE("man page: every command and option of --help-all is in it", "[cli]") {
  const auto page = rendered_page();
  const auto help = run_command(shell_quote(MIGRATOR_BINARY) + " --help-all");
  REQUIRE(help.exit_code == 0);
  std::istringstream lines(help.output);
  int options = 0;
  const std::regex option_line(R"(^\s+(-\w,)?(--[\w-]+))");
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_search(line, match, option_line)) {
      CHECK_THAT(page, Catch::Contains(match[2].str()));
      ++options;
    }
  }
  CHECK(options > 10);
  for (const auto* command : {"apply", "verify", "rollback", "status", "check", "new", "stats", "bench", "demo",
                              "completion"}) {
    CHECK_THAT(page, Catch::Contains("\n   " + std::string(command) + "\n"));
    CHECK_THAT(page, Catch::Contains("migrator " + std::string(command)));
  }
}
