#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "generate/statistics.hpp"

using namespace migrator::generate;

TEST_CASE("statistics: money with separators and two decimals", "[generate]") {
  CHECK(format_money(24215674325) == "$242,156,743.25");
  CHECK(format_money(0) == "$0.00");
  CHECK(format_money(5) == "$0.05");
  CHECK(format_money(100000) == "$1,000.00");
  CHECK(format_money(-500) == "-$5.00");
  CHECK(format_decimal(24215674325) == "242156743.25");
  CHECK(format_decimal(-7) == "-0.07");
  CHECK(format_count(100000) == "100,000");
  CHECK(format_count(999) == "999");
  CHECK(format_count(1000000) == "1,000,000");
}

TEST_CASE("statistics: rendered as the seed document prints them", "[generate]") {
  Statistics s;
  s.tables = {{"receipts", 100000}, {"inventory", 50000}};
  s.total_spent = 24215674325;
  s.inventory_value = 15689245000;
  s.inflation_gains = 1245089250;
  const std::vector<std::string> expected{
      "DATABASE STATISTICS",
      "========================================",
      "receipts                    100,000 records",
      "inventory                    50,000 records",
      "",
      "Total Spent:              $242,156,743.25",
      "Inventory Value:          $156,892,450.00",
      "Inflation Gains:           $12,450,892.50",
  };
  CHECK(render_text(s) == expected);
}

TEST_CASE("statistics: JSON keeps money exact as decimal strings", "[generate]") {
  Statistics s;
  s.tables = {{"receipts", 3}};
  s.total_spent = 123456;
  const auto json = to_json(s);
  CHECK(json.dump() == R"({"inflation_gains":"0.00","inventory_value":"0.00",)"
                       R"("tables":[{"rows":3,"table":"receipts"}],"total_spent":"1234.56"})");
}
