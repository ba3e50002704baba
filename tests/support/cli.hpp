#pragma once
// Runs the built migrator binary as a user would, capturing exit code, stdout and stderr.
#include <filesystem>
#include <string>

namespace migrator::test {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// `args` is shell text after the binary name. Runs in `cwd` (default: the source tree) with
// NO_COLOR set and DATABASE_URL unset, so only the arguments decide.
CliResult migrator_cli(const std::string& args, const std::filesystem::path& cwd = {});

// The built binary.
inline std::filesystem::path migrator_binary() { return MIGRATOR_BINARY; }

// The shell text that starts the binary (for tests that build their own command lines).
std::string migrator_command(const std::string& args);

}  // namespace migrator::test
