#include "generate/pipeline.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "generate/sinks.hpp"

using namespace migrator;
using namespace migrator::generate;

namespace {

Config many_blocks() {
  Config c;
  c.receipts = 20000;  // receipt_items: ~56,000 rows, many blocks
  c.inventory = 1000;
  return c;
}

}  // namespace

TEST_CASE("write_pipelined: the same rows in the same order as write", "[generate]") {
  for (const auto& spec : tables()) {
    INFO(spec.name);
    Generator direct(many_blocks());
    test::ChecksumSink expected;
    const auto direct_rows = direct.write(spec.table, expected);

    Generator piped(many_blocks());
    test::ChecksumSink got;
    CHECK(write_pipelined(piped, spec.table, got) == direct_rows);
    CHECK(got.rows == expected.rows);
    CHECK(got.checksum == expected.checksum);
    CHECK(piped.totals().total_spent == direct.totals().total_spent);
    CHECK(piped.totals().inventory_value == direct.totals().inventory_value);
  }
}

TEST_CASE("write_pipelined: an error of the writing side stops the generator", "[generate]") {
  Generator g(many_blocks());
  std::uint64_t seen = 0;
  test::FunctionSink failing([&](std::span<const db::Value>) {
    if (++seen == 10000) {
      throw std::runtime_error("disk full");
    }
  });
  CHECK_THROWS_WITH(write_pipelined(g, Table::receipt_items, failing), "disk full");
  CHECK(seen == 10000);
  // The worker is gone and the generator usable: a second run completes.
  test::ChecksumSink sink;
  CHECK(write_pipelined(g, Table::receipts, sink) == 20000);
}
