#pragma once
// The migrator running in the background, as a second terminal would run it: for tests that
// signal it, cut its connection, or run another command beside it.
#include <filesystem>
#include <string>

#include "support/cli.hpp"
#include "support/temp_dir.hpp"

namespace migrator::test {

class BackgroundRun {
 public:
  // Starts `migrator <args>` in `cwd`, with `environment` ("NAME=value ...") added; stdout
  // and stderr go to files of its own.
  BackgroundRun(const std::string& args, const std::filesystem::path& cwd, const std::string& environment = "");
  // Kills the run (SIGKILL) if it is still going.
  ~BackgroundRun();
  BackgroundRun(const BackgroundRun&) = delete;
  BackgroundRun& operator=(const BackgroundRun&) = delete;

  const std::string& pid() const { return m_pid; }
  void signal(const std::string& name) const;  // "INT", "TERM", "KILL"
  // Whether its stdout or stderr holds `text` within `seconds`.
  bool wait_for_output(const std::string& text, double seconds) const;
  // Waits up to `seconds` for it to exit; the exit code, -1 when it is still running.
  int wait(double seconds);
  // What it printed so far.
  CliResult result() const;

 private:
  TempDir m_files;
  std::string m_pid;
  int m_exit_code = -1;
};

}  // namespace migrator::test
