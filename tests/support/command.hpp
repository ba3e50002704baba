#pragma once
// Runs a shell command the way a user would (through /bin/sh) and collects what a test
// asserts on: the exit code and the standard output. For end-to-end tests of the CLI.
#include <string>

namespace migrator::test {

struct CommandResult {
  int exit_code = -1;  // 128 + signal number when the command was killed, as in a shell
  std::string output;  // standard output only; add 2>&1 to the command for both
};

CommandResult run_command(const std::string& command);

// `text` quoted for /bin/sh, so paths with spaces or quotes stay one word.
std::string shell_quote(const std::string& text);

}  // namespace migrator::test
