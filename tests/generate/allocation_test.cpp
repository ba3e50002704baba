// Memory stays flat as counts grow only if producing a row allocates nothing: counted here by
// replacing the global operator new for this test binary (a counter, otherwise malloc/free).
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <new>

#include "generate/generator.hpp"
#include "generate/sinks.hpp"

namespace {
std::atomic<std::uint64_t> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) {
    return p;
  }
  throw std::bad_alloc();
}
// Every form that pairs with the delete below, or a sanitizer sees new and free mismatched.
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }

using namespace migrator::generate;

TEST_CASE("Generator: producing rows allocates nothing, whatever the count", "[generate]") {
  Config config;
  config.receipts = 3000;
  config.inventory = 1500;
  Generator g(config);
  migrator::test::ChecksumSink sink;
  const auto before = g_allocations.load();
  for (const auto& spec : tables()) {
    g.expected_rows(spec.table);
    g.write(spec.table, sink);
  }
  const auto allocated = g_allocations.load() - before;
  CHECK(sink.rows > 3000 + 1500);
  CHECK(allocated == 0);
}
