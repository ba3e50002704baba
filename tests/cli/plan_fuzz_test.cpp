// The plan fuzzer in CI: MIGRATOR_FUZZ_CASES cases (default 1,400) in four shards that CTest
// runs in parallel, from case MIGRATOR_FUZZ_FIRST (default 0; the sanitizer build runs the
// next ones). More on demand: MIGRATOR_FUZZ_CASES=20000 ctest -R fuzz.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "cli/plan_fuzz.hpp"

namespace {

constexpr int k_shards = 4;

int from_environment(const char* name, int fallback) {
  const char* env = std::getenv(name);
  return env != nullptr && *env != '\0' ? std::atoi(env) : fallback;
}

void shard(int n) {
  const int per_shard = (from_environment("MIGRATOR_FUZZ_CASES", 1400) + k_shards - 1) / k_shards;
  migrator::test::fuzz_plans(from_environment("MIGRATOR_FUZZ_FIRST", 0) + n * per_shard, per_shard);
}

}  // namespace

TEST_CASE("plan fuzz: shard 1 of 4", "[cli][fuzz]") { shard(0); }
TEST_CASE("plan fuzz: shard 2 of 4", "[cli][fuzz]") { shard(1); }
TEST_CASE("plan fuzz: shard 3 of 4", "[cli][fuzz]") { shard(2); }
TEST_CASE("plan fuzz: shard 4 of 4", "[cli][fuzz]") { shard(3); }
