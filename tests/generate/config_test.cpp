#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "generate/config.hpp"

using migrator::generate::config_from_args;

TEST_CASE("generate config: defaults are the seed document's data set", "[generate]") {
  const auto c = config_from_args({}, 1.0);
  CHECK(c.receipts == 100000);
  CHECK(c.inventory == 50000);
  CHECK(c.valuations() == 15000);
  CHECK(c.movements() == 10000);
  CHECK(c.first_day() == migrator::generate::to_day({2023, 1, 1}));
  CHECK(c.last_day() == migrator::generate::to_day({2024, 12, 31}));
}

TEST_CASE("generate config: scale multiplies receipts and inventory", "[generate]") {
  const auto c = config_from_args({{"receipts", "2000"}, {"inventory", "1000"}}, 2.5);
  CHECK(c.receipts == 5000);
  CHECK(c.inventory == 2500);
  CHECK(c.valuations() == 750);
  CHECK(c.movements() == 500);
  CHECK(config_from_args({}, 10).receipts == 1000000);
}

TEST_CASE("generate config: arguments are read and checked", "[generate]") {
  const auto c = config_from_args({{"seed", "7"},
                                   {"start_date", "2021-03-01"},
                                   {"years", "3"},
                                   {"valuation_percent", "10"},
                                   {"movement_percent", "0"}},
                                  1.0);
  CHECK(c.seed == 7);
  CHECK(c.last_day() == migrator::generate::to_day({2024, 2, 29}));
  CHECK(c.valuations() == 5000);
  CHECK(c.movements() == 0);
  CHECK_THROWS_AS(config_from_args({{"valuation_percent", "101"}}, 1.0), migrator::core::UsageError);
  CHECK_THROWS_AS(config_from_args({{"years", "0"}}, 1.0), migrator::core::UsageError);
  CHECK_THROWS_WITH(config_from_args({{"start_date", "2023-02-30"}}, 1.0),
                    "generate: \"start_date\" is \"2023-02-30\"");
  CHECK_THROWS_AS(config_from_args({}, 0), migrator::core::UsageError);
}
