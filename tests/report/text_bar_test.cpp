#include "report/text_bar.hpp"

#include <catch2/catch.hpp>

using migrator::report::bar_rows;
using migrator::report::text_bar;

TEST_CASE("text bar: eighth blocks on UTF-8, hashes otherwise, never empty for a positive value", "[report]") {
  CHECK(text_bar(10, 10, 4, true) == "\u2588\u2588\u2588\u2588");
  CHECK(text_bar(5, 10, 4, true) == "\u2588\u2588");
  CHECK(text_bar(1, 16, 2, true) == "\u258F");           // one eighth of a column
  CHECK(text_bar(3, 16, 2, true) == "\u258D");           // three eighths
  CHECK(text_bar(0.0001, 1000, 40, true) == "\u258F");  // too small to see, still shown
  CHECK(text_bar(5, 10, 4, false) == "##");
  CHECK(text_bar(0.0001, 1000, 40, false) == "#");
  CHECK(text_bar(0, 10, 4, true).empty());
  CHECK(text_bar(20, 10, 4, false) == "####");  // capped at the width
}

TEST_CASE("text bar: rows share one scale, labels and figures aligned", "[report]") {
  const auto text = bar_rows({{"normalized", 200, "200 ms"}, {"summary", 50, "50 ms"}}, 8, false);
  CHECK(text ==
        "  normalized  ######## 200 ms\n"
        "  summary     ##       50 ms\n");
}
