#include "cli/validators.hpp"

#include <catch2/catch.hpp>

using migrator::cli::positive_number;
using migrator::cli::version_from;

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

TEST_CASE("version_from: whole numbers from the minimum up, and dotted versions as their keys", "[cli]") {
  const auto check = version_from(1, "a version");
  const auto transformed = [&](std::string text) {
    const auto error = check(text);
    return error.empty() ? text : "error: " + error;
  };
  CHECK(transformed("1") == "1");
  CHECK(transformed("20240101120000") == "20240101120000");
  CHECK(transformed("1.1") == std::to_string(*migrator::core::dotted_version(std::vector<std::uint64_t>{1, 1})));
  CHECK(transformed("2.0.0") == "2");  // Flyway reads 2.0.0 as 2
  const std::string refused = "\" is not a version from 1 up (a version): a whole number, or a dotted one like 1.1";
  CHECK(transformed("0") == "error: \"0" + refused);
  CHECK(transformed("0.0") == "error: \"0.0" + refused);
  CHECK(transformed("1.") == "error: \"1." + refused);
  CHECK(transformed("v2") == "error: \"v2" + refused);
  CHECK(transformed("1_1") == "error: \"1_1" + refused);  // underscores belong to file names
  CHECK(transformed("99999999999999999999") == "error: \"99999999999999999999" + refused);
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
