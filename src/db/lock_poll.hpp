#pragma once
// The wait loop both backends' migration locks share: try, tell the caller once who holds
// the lock, retry every 100 ms, give up with core::LockTimeout naming the holder.
#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "db/connection.hpp"

namespace migrator::db {

constexpr std::chrono::milliseconds k_lock_poll_interval{100};

// Returns once `try_take` returned true; `holder` describes who has the lock.
void poll_lock(std::string_view redacted_url, std::chrono::milliseconds wait,
               const LockWaitCallback& on_wait, const std::function<bool()>& try_take,
               const std::function<std::string()>& holder);

}  // namespace migrator::db
