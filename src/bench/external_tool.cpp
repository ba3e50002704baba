#include "bench/external_tool.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <stdexcept>

extern char** environ;

namespace migrator::bench {

std::string find_tool(const std::string& name, const char* env_var) {
  if (const char* env = std::getenv(env_var); env != nullptr && *env != '\0') {
    return env;
  }
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0 ? name : "";
}

std::string self_path() {
  std::array<char, 4096> buffer{};
  const auto n = readlink("/proc/self/exe", buffer.data(), buffer.size() - 1);
  return n > 0 ? std::string(buffer.data(), static_cast<std::size_t>(n)) : "migrator";
}

std::filesystem::path make_temp_dir(const std::string& prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + ".XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("cannot create a temporary directory");
  }
  return pattern;
}

ToolRun run_tool(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env) {
  std::vector<std::string> args = argv;
  std::vector<char*> arg_pointers;
  for (auto& a : args) {
    arg_pointers.push_back(a.data());
  }
  arg_pointers.push_back(nullptr);
  std::vector<std::string> env = extra_env;
  std::vector<char*> env_pointers;
  for (auto& e : env) {
    env_pointers.push_back(e.data());
  }
  const auto overridden = [&](std::string_view entry) {
    for (const auto& e : extra_env) {
      const auto name = e.substr(0, e.find('=') + 1);
      if (entry.substr(0, name.size()) == name) {
        return true;
      }
    }
    return false;
  };
  for (char** e = environ; *e != nullptr; ++e) {
    if (!overridden(*e)) {  // one value per name: programs differ on which of two they read
      env_pointers.push_back(*e);
    }
  }
  env_pointers.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, arg_pointers[0], &actions, nullptr, arg_pointers.data(), env_pointers.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    throw std::runtime_error("cannot run " + argv.at(0));
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  ToolRun run;
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.peak_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace migrator::bench
