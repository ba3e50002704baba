#include "support/background.hpp"

#include <chrono>
#include <stdexcept>
#include <thread>

#include "support/command.hpp"

namespace migrator::test {
namespace {

template <class Done>
bool poll(double seconds, const Done& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

// The shell creates the output files as the run starts, a moment after its pid is known.
std::string read_if_exists(const std::filesystem::path& file) {
  return std::filesystem::exists(file) ? read_text(file) : "";
}

}  // namespace

BackgroundRun::BackgroundRun(const std::string& args, const std::filesystem::path& cwd,
                             const std::string& environment) {
  const auto file = [&](const char* name) { return shell_quote((m_files / name).string()); };
  // A subshell waits for the run and writes its exit code; `env` (migrator_command) execs
  // the binary, so $! is the migrator's own pid. Both files are written aside and moved into
  // place: read as soon as it exists, a pid file could still be empty, and a signal then
  // went nowhere (the interrupt tests' runs that "ignored" SIGINT and SIGTERM).
  const auto with_environment = environment.empty() ? "" : "env " + environment + " ";
  run_command("(cd " + shell_quote(cwd.string()) + " && exec " + with_environment + migrator_command(args) + " >" +
                                   file("out") + " 2>" + file("err") + " </dev/null & echo $! >" + file("pid") + ".tmp; mv " + file("pid") + ".tmp " +
                                   file("pid") + "; wait $!; echo $? >" + file("rc") + ".tmp; mv " + file("rc") + ".tmp " +
                                   file("rc") + ") >/dev/null 2>&1 &");
  poll(10, [&] { return std::filesystem::exists(m_files / "pid"); });
  m_pid = read_text(m_files / "pid");
  m_pid.erase(m_pid.find_last_not_of("\n") + 1);
  if (m_pid.empty()) {
    throw std::runtime_error("the background run of `migrator " + args + "` did not start within 10 s");
  }
}

BackgroundRun::~BackgroundRun() {
  if (m_exit_code < 0 && !m_pid.empty()) {
    run_command("kill -KILL " + m_pid + " 2>/dev/null");
    wait(10);
  }
}

void BackgroundRun::signal(const std::string& name) const {
  run_command("kill -" + name + " " + m_pid + " 2>/dev/null");  // it may have ended already
}

bool BackgroundRun::wait_for_output(const std::string& text, double seconds) const {
  return poll(seconds, [&] { return (read_if_exists(m_files / "out") + read_if_exists(m_files / "err")).find(text) != std::string::npos; });
}

int BackgroundRun::wait(double seconds) {
  if (m_exit_code < 0 && poll(seconds, [&] { return std::filesystem::exists(m_files / "rc"); })) {
    m_exit_code = std::stoi(read_text(m_files / "rc"));
  }
  return m_exit_code;
}

CliResult BackgroundRun::result() const {
  return {m_exit_code, read_if_exists(m_files / "out"), read_if_exists(m_files / "err")};
}

}  // namespace migrator::test
