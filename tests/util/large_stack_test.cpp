#include "util/large_stack.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

namespace {

// A recursion that needs about `depth` x 256 bytes of stack; volatile keeps every frame.
std::size_t descend(std::size_t depth) {
  volatile char frame[200] = {};
  frame[0] = static_cast<char>(depth);
  return depth == 0 ? frame[0] : 1 + descend(depth - 1) + (frame[0] & 0);
}

}  // namespace

TEST_CASE("run_with_stack: recursion far deeper than the main thread's 8 MiB allows", "[util]") {
  std::size_t reached = 0;
  // About 256 MB of frames.
  migrator::util::run_with_stack(migrator::util::k_large_stack_bytes, [&] { reached = descend(1'000'000); });
  CHECK(reached == 1'000'000);
}

TEST_CASE("run_with_stack: what the work throws is thrown to the caller", "[util]") {
  CHECK_THROWS_WITH(migrator::util::run_with_stack(1 << 20, [] { throw std::runtime_error("from the thread"); }),
                    "from the thread");
}
