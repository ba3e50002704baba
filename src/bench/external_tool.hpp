#pragma once
// The programs a benchmark measures beside migrator (squawk, dbmate, migrator's own command):
// found, run with a database handed through the environment, timed.
#include <filesystem>
#include <string>
#include <vector>

namespace migrator::bench {

// The command for `name`: $env_var when set, else `name` when it is on PATH; empty when
// neither, and the case says how to install it.
std::string find_tool(const std::string& name, const char* env_var);

// This migrator binary (/proc/self/exe), so that a bench times the command it is part of.
std::string self_path();

// A new directory under the system temp dir, named after `prefix`.
std::filesystem::path make_temp_dir(const std::string& prefix);

struct ToolRun {
  double seconds = 0;
  int exit_code = -1;  // -1: killed by a signal
  double peak_rss_mb = 0;  // the program's peak resident memory
};

// Runs `argv` (no shell; argv[0] looked up on PATH) with `extra_env` ("KEY=value") added to
// this process's environment, output discarded; the wall time and exit code.
ToolRun run_tool(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env = {});

}  // namespace migrator::bench
