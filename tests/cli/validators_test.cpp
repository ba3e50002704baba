#include "cli/validators.hpp"

#include <catch2/catch.hpp>

using migrator::cli::positive_number;
using migrator::cli::whole_number_from;

TEST_CASE("positive_number: above zero, read whole, refusals say what the number means",
          "[cli]") {
  const auto check = positive_number("1 = one");
  CHECK(check("2.5").empty());
  CHECK(check("1e3").empty());
  CHECK(check("0") == "\"0\" is not a positive number (1 = one)");
  CHECK(check("-1") == "\"-1\" is not a positive number (1 = one)");
  CHECK(check("2x") == "\"2x\" is not a positive number (1 = one)");
  CHECK(check("") == "\"\" is not a positive number (1 = one)");
}

TEST_CASE("whole_number_from: whole numbers from the minimum up", "[cli]") {
  const auto check = whole_number_from(1, "a version");
  CHECK(check("1").empty());
  CHECK(check("42").empty());
  CHECK(check("0") == "\"0\" is not a whole number from 1 up (a version)");
  CHECK(check("1.5") == "\"1.5\" is not a whole number from 1 up (a version)");
  CHECK(check("v2") == "\"v2\" is not a whole number from 1 up (a version)");
  CHECK(check("99999999999999999999") ==
        "\"99999999999999999999\" is not a whole number from 1 up (a version)");
}

TEST_CASE("duration: the plan's duration forms, refused with an example", "[cli]") {
  const auto check = migrator::cli::duration();
  CHECK(check("500ms").empty());
  CHECK(check("2min").empty());
  CHECK(check("5q") == "\"5q\" is not a duration: write it like 500ms, 30s or 2min");
}
