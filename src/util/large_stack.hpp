#pragma once
// Running deeply recursive code (libpg_query's parse-tree output recurses once per level of
// a statement's nesting) on a stack of its own size, so that a deep but legal statement does
// not overflow the main thread's 8 MiB. The stack is reserved address space: pages are used
// only as deep as the recursion goes.
#include <cstddef>
#include <functional>

namespace migrator::util {

inline constexpr std::size_t k_large_stack_bytes = std::size_t{512} << 20;

// Runs `work` on a new thread with a stack of `bytes` and waits for it; what `work` throws
// is thrown here.
void run_with_stack(std::size_t bytes, const std::function<void()>& work);

}  // namespace migrator::util
