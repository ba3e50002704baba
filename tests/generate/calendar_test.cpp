#include <catch2/catch.hpp>

#include "generate/calendar.hpp"

using namespace migrator::generate;

TEST_CASE("calendar: day numbers round-trip and count from 1970-01-01", "[generate]") {
  CHECK(to_day({1970, 1, 1}) == 0);
  CHECK(to_day({2000, 3, 1}) == 11017);
  CHECK(to_day({2024, 12, 31}) - to_day({2024, 1, 1}) == 365);  // a leap year
  for (Day day = to_day({1999, 12, 1}); day < to_day({2031, 1, 1}); ++day) {
    REQUIRE(to_day(to_date(day)) == day);
  }
}

TEST_CASE("calendar: ISO weekdays", "[generate]") {
  CHECK(iso_weekday(to_day({1970, 1, 1})) == 4);  // Thursday
  CHECK(iso_weekday(to_day({2024, 1, 1})) == 1);  // Monday
  CHECK(iso_weekday(to_day({2023, 1, 1})) == 7);  // Sunday
  CHECK(iso_weekday(to_day({1969, 12, 28})) == 7);
}

TEST_CASE("calendar: parse_date accepts real dates only", "[generate]") {
  const auto d = parse_date("2024-02-29");
  REQUIRE(d);
  CHECK(format_date(*d) == "2024-02-29");
  CHECK_FALSE(parse_date("2023-02-29"));
  CHECK_FALSE(parse_date("2023-13-01"));
  CHECK_FALSE(parse_date("2023-1-01"));
  CHECK_FALSE(parse_date("2023-01-01x"));
  CHECK_FALSE(parse_date("yesterday"));
}
