#include <catch2/catch.hpp>

#include "util/line_diff.hpp"

using migrator::util::line_diff;
using Lines = std::vector<std::string>;

TEST_CASE("line diff: a changed line is shown removed then added, with context", "[util]") {
  CHECK(line_diff("a\nb\nc\nd\ne\n", "a\nb\nC\nd\ne\n", 1) == Lines{"  b", "- c", "+ C", "  d"});
}

TEST_CASE("line diff: unchanged stretches between changes are left out with ...", "[util]") {
  CHECK(line_diff("1\n2\n3\n4\n5\n6\n7", "one\n2\n3\n4\n5\n6\nseven", 1) ==
        Lines{"- 1", "+ one", "  2", "...", "  6", "- 7", "+ seven"});
}

TEST_CASE("line diff: added and removed lines, and equal texts", "[util]") {
  CHECK(line_diff("a\nc", "a\nb\nc", 0) == Lines{"+ b"});
  CHECK(line_diff("a\nb\nc", "a\nc", 0) == Lines{"- b"});
  CHECK(line_diff("", "x", 2) == Lines{"+ x"});
  CHECK(line_diff("same\ntext", "same\ntext", 3).empty());
}
