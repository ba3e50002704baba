#pragma once
// Runs a program (no shell) and collects what it printed: for the few commands migrator asks
// of other tools (git for check --since).
#include <string>
#include <vector>

namespace migrator::util {

struct ProcessOutput {
  int exit_code = -1;  // -1: it could not be started, or a signal ended it
  std::string out;
  std::string err;
};

// argv[0] is looked up on PATH. Throws std::runtime_error only when no process can be made.
ProcessOutput run_process(const std::vector<std::string>& argv);

}  // namespace migrator::util
