#include "db/value_text.hpp"

#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <limits>

using migrator::db::Date;
using migrator::db::Decimal;
using migrator::db::date_text;
using migrator::db::decimal_text;
using migrator::db::double_text;

TEST_CASE("decimal_text: exact rendering", "[db]") {
  CHECK(decimal_text(Decimal{1250, 2}) == "12.50");
  CHECK(decimal_text(Decimal{-1250, 2}) == "-12.50");
  CHECK(decimal_text(Decimal{5, 2}) == "0.05");
  CHECK(decimal_text(Decimal{-5, 2}) == "-0.05");
  CHECK(decimal_text(Decimal{0, 2}) == "0.00");
  CHECK(decimal_text(Decimal{0, 0}) == "0");
  CHECK(decimal_text(Decimal{7, 0}) == "7");
  CHECK(decimal_text(Decimal{7, -2}) == "700");
  CHECK(decimal_text(Decimal{123, 3}) == "0.123");
  CHECK(decimal_text(Decimal{std::numeric_limits<std::int64_t>::min(), 2}) ==
        "-92233720368547758.08");
  CHECK(decimal_text(Decimal{std::numeric_limits<std::int64_t>::max(), 19}) ==
        "0.9223372036854775807");
}

TEST_CASE("date_text: ISO dates", "[db]") {
  CHECK(date_text(Date{2024, 2, 29}) == "2024-02-29");
  CHECK(date_text(Date{999, 1, 5}) == "0999-01-05");
  CHECK(date_text(Date{1, 12, 31}) == "0001-12-31");
  // Outside what either database accepts: written as is, for the server to reject.
  CHECK(date_text(Date{12345, 1, 1}) == "12345-01-01");
  CHECK(date_text(Date{2024, 123, 1}) == "2024-123-01");
}

TEST_CASE("append_decimal_text and append_date_text add to what is there", "[db]") {
  std::string out = "x=";
  migrator::db::append_decimal_text(out, Decimal{-1250, 2});
  out += ' ';
  migrator::db::append_date_text(out, Date{2024, 2, 29});
  CHECK(out == "x=-12.50 2024-02-29");
}

TEST_CASE("double_text: shortest text that reads back the same", "[db]") {
  CHECK(double_text(0.1) == "0.1");
  CHECK(double_text(12.0) == "12");
  CHECK(double_text(-2.5e-300) == "-2.5e-300");
  CHECK(double_text(0.1 + 0.2) == "0.30000000000000004");
  CHECK(double_text(std::numeric_limits<double>::infinity()) == "Infinity");
  CHECK(double_text(-std::numeric_limits<double>::infinity()) == "-Infinity");
  CHECK(double_text(std::nan("")) == "NaN");
  for (const double value : {1.0 / 3.0, 1e21, 5e-324, 123456789.125, -0.0}) {
    const std::string text = double_text(value);
    double back = 1;
    std::from_chars(text.data(), text.data() + text.size(), back);
    CHECK(back == value);
  }
}
