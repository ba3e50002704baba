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
  CHECK(check("5q") == "\"5q\" is not a duration: write it like 500ms, 30s, 2min or 1h (at most 596h)");
  // Past PostgreSQL's limit the deadline arithmetic once overflowed and acted as zero.
  CHECK(check("300000000h") == "\"300000000h\" is not a duration: write it like 500ms, 30s, 2min or 1h (at most 596h)");
  CHECK(check("596h").empty());
  CHECK_FALSE(check("597h").empty());
}

TEST_CASE("one_of: the choices, a did-you-mean only for a near miss", "[cli]") {
  const auto check = migrator::cli::one_of({"bash", "zsh"}, "shell");
  CHECK(check("zsh").empty());
  CHECK(check("bsh") == "no shell \"bsh\"; did you mean \"bash\"? (choose one of: bash, zsh)");
  // Two edits in four letters is another word.
  CHECK(check("fish") == "no shell \"fish\"; choose one of: bash, zsh");
  CHECK(check("") == "no shell \"\"; choose one of: bash, zsh");
}

TEST_CASE("with_choices: the value name is the set, as --help shows it", "[cli]") {
  CLI::App app{"toy", "toy"};
  std::string format;
  auto* option = migrator::cli::with_choices(app.add_option("--format", format, "Output"), {"text", "json"}, "format");
  CHECK(option->get_type_name() == "{text,json}");
  CHECK_NOTHROW(app.parse("--format json"));
  CHECK_THROWS_AS(app.parse("--format jsn"), CLI::ValidationError);
}
