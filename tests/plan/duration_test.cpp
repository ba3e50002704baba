#include "plan/duration.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using migrator::plan::parse_duration;
using namespace std::chrono_literals;

TEST_CASE("parse_duration: each unit, and a bare number of seconds", "[plan]") {
  CHECK(parse_duration("250ms") == 250ms);
  CHECK(parse_duration("5s") == 5s);
  CHECK(parse_duration("5") == 5s);
  CHECK(parse_duration("2min") == 2min);
  CHECK(parse_duration("2m") == 2min);
  CHECK(parse_duration("1h") == 1h);
  CHECK(parse_duration("0") == 0ms);
}

TEST_CASE("parse_duration: malformed, negative and absurd values are refused", "[plan]") {
  CHECK_FALSE(parse_duration(""));
  CHECK_FALSE(parse_duration("soon"));
  CHECK_FALSE(parse_duration("-1s"));
  CHECK_FALSE(parse_duration("5 s"));
  CHECK_FALSE(parse_duration("5d"));
  // Once these overflowed (UBSan: signed overflow) and a 300,000,000-hour timeout was zero.
  CHECK_FALSE(parse_duration("300000000h"));
  CHECK_FALSE(parse_duration("9223372036854775807ms"));
  CHECK_FALSE(parse_duration("99999999999999999999"));
  // PostgreSQL's largest timeout, INT_MAX milliseconds, is the last one taken.
  CHECK(parse_duration("2147483647ms") == migrator::plan::k_max_duration);
  CHECK_FALSE(parse_duration("2147483648ms"));
  CHECK(parse_duration("596h") == 596h);
}
