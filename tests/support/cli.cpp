#include "support/cli.hpp"

#include <fstream>
#include <sstream>

#include "support/command.hpp"
#include "support/temp_dir.hpp"

namespace migrator::test {

std::string migrator_command(const std::string& args) {
  return "env -u DATABASE_URL NO_COLOR=1 " + shell_quote(MIGRATOR_BINARY) + " " + args;
}

CliResult migrator_cli(const std::string& args, const std::filesystem::path& cwd) {
  TempDir scratch;
  const auto err_file = scratch / "stderr";
  const auto dir = cwd.empty() ? std::filesystem::path(MIGRATOR_SOURCE_DIR) : cwd;
  const auto result = run_command("cd " + shell_quote(dir.string()) + " && " +
                                  migrator_command(args) + " 2>" + shell_quote(err_file.string()) +
                                  " </dev/null");
  return {result.exit_code, result.output, read_text(err_file)};
}

}  // namespace migrator::test
