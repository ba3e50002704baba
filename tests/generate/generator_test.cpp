#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <vector>

#include "generate/generator.hpp"
#include "generate/reference_data.hpp"
#include "generate/sinks.hpp"

using namespace migrator;
using namespace migrator::generate;
using test::as_cents;
using test::as_int;

namespace {

Config two_thousand_receipts() {
  Config c;
  c.receipts = 2000;
  c.inventory = 1000;
  return c;
}

}  // namespace

TEST_CASE("Generator: every table gets exactly the rows expected", "[generate]") {
  Generator g(two_thousand_receipts());
  const std::map<Table, std::uint64_t> fixed{
      {Table::vendors, 14},   {Table::product_categories, 3}, {Table::products, 36},
      {Table::job_sites, 12}, {Table::receipts, 2000},         {Table::inventory, 1000},
      {Table::market_valuations, 300}, {Table::asset_movements, 200}};
  for (const auto& spec : tables()) {
    test::ChecksumSink sink;
    const auto written = g.write(spec.table, sink);
    INFO(spec.name);
    CHECK(written == sink.rows);
    CHECK(written == g.expected_rows(spec.table));
    if (const auto it = fixed.find(spec.table); it != fixed.end()) {
      CHECK(written == it->second);
    }
  }
}

TEST_CASE("Generator: items are 1 to 6 per receipt, ids run 1..n, references stay in range",
          "[generate]") {
  const auto config = two_thousand_receipts();
  Generator g(config);
  std::vector<int> items_per_receipt(config.receipts + 1, 0);
  std::int64_t next_item = 1;
  test::FunctionSink items([&](std::span<const db::Value> row) {
    REQUIRE(as_int(row[0]) == next_item++);
    const auto receipt = as_int(row[1]);
    REQUIRE(receipt >= 1);
    REQUIRE(receipt <= static_cast<std::int64_t>(config.receipts));
    ++items_per_receipt[static_cast<std::size_t>(receipt)];
    REQUIRE(as_int(row[2]) >= 1);
    REQUIRE(as_int(row[2]) <= static_cast<std::int64_t>(products().size()));
  });
  g.write(Table::receipt_items, items);
  for (std::size_t r = 1; r <= config.receipts; ++r) {
    REQUIRE(items_per_receipt[r] >= 1);
    REQUIRE(items_per_receipt[r] <= 6);
  }

  std::int64_t next_receipt = 1;
  test::FunctionSink receipts([&](std::span<const db::Value> row) {
    REQUIRE(as_int(row[0]) == next_receipt++);
    REQUIRE(as_int(row[1]) >= 1);
    REQUIRE(as_int(row[1]) <= 14);
    REQUIRE(as_int(row[2]) >= 1);
    REQUIRE(as_int(row[2]) <= 12);
  });
  g.write(Table::receipts, receipts);

  std::set<std::int64_t> valued;
  test::FunctionSink valuations([&](std::span<const db::Value> row) {
    const auto item = as_int(row[1]);
    REQUIRE(item >= 1);
    REQUIRE(item <= static_cast<std::int64_t>(config.inventory));
    valued.insert(item);
  });
  g.write(Table::market_valuations, valuations);
  CHECK(valued.size() == config.valuations());  // each item valued once

  test::FunctionSink movements([&](std::span<const db::Value> row) {
    REQUIRE(as_int(row[2]) != as_int(row[3]));
    REQUIRE(as_int(row[3]) >= 1);
    REQUIRE(as_int(row[3]) <= 12);
  });
  g.write(Table::asset_movements, movements);
}

TEST_CASE("Generator: prices within product ranges and totals exact to the cent", "[generate]") {
  const auto config = two_thousand_receipts();
  Generator g(config);
  std::vector<std::int64_t> item_cents(config.receipts + 1, 0);
  bool saw_single = false;
  bool saw_bulk = false;
  test::FunctionSink items([&](std::span<const db::Value> row) {
    const auto& product = products()[static_cast<std::size_t>(as_int(row[2]) - 1)];
    const auto quantity = as_int(row[3]);
    const auto unit = as_cents(row[4]);
    REQUIRE(quantity > 0);
    REQUIRE(unit >= product.min_cents);
    REQUIRE(unit <= product.max_cents);
    REQUIRE(as_cents(row[5]) == quantity * unit);
    item_cents[static_cast<std::size_t>(as_int(row[1]))] += as_cents(row[5]);
    saw_single = saw_single || quantity == 1;
    saw_bulk = saw_bulk || quantity >= 50;
  });
  g.write(Table::receipt_items, items);
  CHECK(saw_single);
  CHECK(saw_bulk);

  std::int64_t spent = 0;
  test::FunctionSink receipts([&](std::span<const db::Value> row) {
    const auto total = as_cents(row[5]);
    REQUIRE(total == item_cents[static_cast<std::size_t>(as_int(row[0]))]);
    spent += total;
  });
  g.write(Table::receipts, receipts);
  CHECK(g.totals().total_spent == spent);

  test::FunctionSink inventory([&](std::span<const db::Value> row) {
    const auto& product = products()[static_cast<std::size_t>(as_int(row[1]) - 1)];
    const auto unit = as_cents(row[5]);
    REQUIRE(unit >= product.min_cents);
    REQUIRE(unit <= product.max_cents);
    REQUIRE(as_cents(row[6]) == as_int(row[4]) * unit);
    REQUIRE(as_cents(row[7]) <= as_cents(row[6]));  // depreciation never adds value
    REQUIRE(as_cents(row[7]) >= 0);
  });
  g.write(Table::inventory, inventory);
}

TEST_CASE("Generator: vendors price by their level inside each range", "[generate]") {
  Generator g(two_thousand_receipts());
  // Harbor Freight (level 8) against McMaster-Carr (level 90), as a share of the range.
  std::map<int, std::pair<std::int64_t, std::int64_t>> position;  // vendor -> (sum, lines)
  std::vector<int> vendor_of(2001, 0);
  test::FunctionSink receipts([&](std::span<const db::Value> row) {
    vendor_of[static_cast<std::size_t>(as_int(row[0]))] = static_cast<int>(as_int(row[1]));
  });
  g.write(Table::receipts, receipts);
  test::FunctionSink items([&](std::span<const db::Value> row) {
    const auto& p = products()[static_cast<std::size_t>(as_int(row[2]) - 1)];
    auto& [sum, lines] = position[vendor_of[static_cast<std::size_t>(as_int(row[1]))]];
    sum += (as_cents(row[4]) - p.min_cents) * 100 / (p.max_cents - p.min_cents);
    ++lines;
  });
  g.write(Table::receipt_items, items);
  const auto average = [&](int vendor_id) {
    const auto [sum, lines] = position.at(vendor_id);
    return static_cast<double>(sum) / static_cast<double>(lines);
  };
  CHECK(average(5) < 20);   // Harbor Freight Tools
  CHECK(average(11) > 80);  // McMaster-Carr
}

TEST_CASE("Generator: spring and summer carry clearly more receipts than winter",
          "[generate]") {
  Generator g(two_thousand_receipts());
  std::array<int, 13> per_month{};
  test::FunctionSink receipts([&](std::span<const db::Value> row) {
    ++per_month[static_cast<std::size_t>(std::get<db::Date>(row[3]).month)];
  });
  g.write(Table::receipts, receipts);
  const int spring_summer = per_month[3] + per_month[4] + per_month[5] + per_month[6] +
                            per_month[7] + per_month[8];
  const int winter = per_month[12] + per_month[1] + per_month[2];
  // Per month, the construction season averages more than twice the winter.
  CHECK(spring_summer / 6 > 2 * (winter / 3));
  CHECK(per_month[6] > per_month[1]);
}

TEST_CASE("Generator: receipts are numbered in date order over the two years", "[generate]") {
  const auto config = two_thousand_receipts();
  Generator g(config);
  Day previous = 0;
  test::FunctionSink receipts([&](std::span<const db::Value> row) {
    const auto day = to_day(std::get<db::Date>(row[3]));
    REQUIRE(day >= previous);
    REQUIRE(day >= config.first_day());
    REQUIRE(day <= config.last_day());
    previous = day;
  });
  g.write(Table::receipts, receipts);
  CHECK(to_date(previous).year == 2024);
}

TEST_CASE("Generator: market valuations between +20% and +50% of cost", "[generate]") {
  Generator g(two_thousand_receipts());
  std::map<std::int64_t, std::pair<std::int64_t, Day>> unit_cost;  // id -> (cents, acquired)
  test::FunctionSink inventory([&](std::span<const db::Value> row) {
    unit_cost[as_int(row[0])] = {as_cents(row[5]), to_day(std::get<db::Date>(row[3]))};
  });
  g.write(Table::inventory, inventory);
  std::int64_t gains = 0;
  test::FunctionSink valuations([&](std::span<const db::Value> row) {
    const auto [cost, acquired] = unit_cost.at(as_int(row[1]));
    const auto percent = std::get<db::Decimal>(row[3]);
    REQUIRE(percent.scale == 2);
    REQUIRE(percent.units >= 2000);
    REQUIRE(percent.units <= 5000);
    const auto market = as_cents(row[4]);
    // Within half a cent of cost * (1 + percent), so within 20%..50% up to that rounding.
    REQUIRE(std::abs(market * 10000 - cost * (10000 + percent.units)) <= 5000);
    REQUIRE(to_day(std::get<db::Date>(row[2])) >= acquired);
    gains += as_cents(row[5]);
  });
  g.write(Table::market_valuations, valuations);
  CHECK(gains > 0);
}

TEST_CASE("Generator: the same seed gives the same rows, another seed others", "[generate]") {
  const auto checksum = [](std::uint64_t seed) {
    auto config = two_thousand_receipts();
    config.seed = seed;
    Generator g(config);
    test::ChecksumSink sink;
    for (const auto& spec : tables()) {
      g.write(spec.table, sink);
    }
    return sink.checksum;
  };
  CHECK(checksum(42) == checksum(42));
  CHECK(checksum(42) != checksum(43));
}
