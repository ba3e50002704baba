#include "util/line_col.hpp"

#include <catch2/catch.hpp>

using migrator::util::byte_offset_of_char;
using migrator::util::line_at;
using migrator::util::line_col;

TEST_CASE("line_col: counts lines from 0 and columns from 1", "[util]") {
  const std::string_view text = "SELECT 1;\nSELEC 2;\n";
  CHECK(line_col(text, 0).line_delta == 0);
  CHECK(line_col(text, 0).column == 1);
  CHECK(line_col(text, 7).column == 8);
  CHECK(line_col(text, 10).line_delta == 1);
  CHECK(line_col(text, 10).column == 1);
  CHECK(line_col(text, 16).column == 7);
}

TEST_CASE("line_col: columns count characters, not bytes", "[util]") {
  const std::string_view text = "-- café\nSELECT 'é', x";
  const auto x = text.find('x');
  CHECK(line_col(text, x).line_delta == 1);
  CHECK(line_col(text, x).column == 13);
  CHECK(line_col(text, text.find("x")).column == 13);
}

TEST_CASE("line_col: an offset past the end is the end", "[util]") {
  CHECK(line_col("ab\ncd", 99).line_delta == 1);
  CHECK(line_col("ab\ncd", 99).column == 3);
}

TEST_CASE("line_col: character positions become byte offsets", "[util]") {
  const std::string_view text = "é = 'ü' x";
  CHECK(byte_offset_of_char(text, 0) == 0);
  CHECK(byte_offset_of_char(text, 1) == 2);             // after the two bytes of é
  CHECK(byte_offset_of_char(text, 8) == text.find('x'));
  CHECK(byte_offset_of_char(text, 100) == text.size());
}

TEST_CASE("line_col: the line that holds an offset", "[util]") {
  const std::string_view text = "first\nsecond\nthird";
  CHECK(line_at(text, 0) == "first");
  CHECK(line_at(text, 5) == "first");
  CHECK(line_at(text, 6) == "second");
  CHECK(line_at(text, 15) == "third");
}
