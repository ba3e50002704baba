#pragma once
// An observer that passes on the progress of long steps (the data load) and nothing else: the
// runner's per-migration lines would mix with a bench's tables, and with the JSON document
// under --format json.
#include "runner/observer.hpp"

namespace migrator::bench {

class ProgressOnly : public runner::Observer {
 public:
  explicit ProgressOnly(runner::Observer& target) : m_target(target) {}
  void on_progress(std::string_view what, std::uint64_t done, std::uint64_t total) override {
    m_target.on_progress(what, done, total);
  }

 private:
  runner::Observer& m_target;
};

}  // namespace migrator::bench
