#include "db/lock_poll.hpp"

#include <algorithm>
#include <thread>

#include "db/errors.hpp"
#include "util/interrupt.hpp"

namespace migrator::db {

void poll_lock(std::string_view redacted_url, std::chrono::milliseconds wait,
               const LockWaitCallback& on_wait, const std::function<bool()>& try_take,
               const std::function<std::string()>& holder) {
  using clock = std::chrono::steady_clock;
  const auto deadline = clock::now() + wait;
  bool told = false;
  while (!try_take()) {
    util::stop_if_interrupted();
    const auto now = clock::now();
    if (now >= deadline) {
      throw lock_timeout_error(redacted_url, holder(), wait);
    }
    if (!told && on_wait) {
      on_wait(holder());
      told = true;
    }
    std::this_thread::sleep_for(std::min<clock::duration>(k_lock_poll_interval, deadline - now));
  }
}

}  // namespace migrator::db
