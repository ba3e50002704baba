#include "bench/document.hpp"

#include <unistd.h>

#include <cmath>
#include <fstream>
#include <string>

#include "history/store.hpp"
#include "version/version.hpp"

namespace migrator::bench {
namespace {

// The processor's name as the kernel reports it ("model name" in /proc/cpuinfo).
std::string cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      return colon == std::string::npos ? "" : line.substr(line.find_first_not_of(' ', colon + 1));
    }
  }
  return "unknown";
}

}  // namespace

nlohmann::json new_document(const db::Url& url, double scale) {
  const double memory_gb = static_cast<double>(sysconf(_SC_PHYS_PAGES)) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
                           (1024.0 * 1024.0 * 1024.0);
  return {{"migrator", version::line()},
          {"machine",
           {{"cores", sysconf(_SC_NPROCESSORS_ONLN)},
            {"cpu", cpu_model()},
            {"memory_gb", std::round(memory_gb * 10) / 10},
            {"host", history::current_user()}}},
          {"database", url.redacted},
          {"measured_at", history::utc_now()},
          {"scale", scale},
          {"cases", nlohmann::json::object()}};
}

}  // namespace migrator::bench
