#include "report/text_observer.hpp"

#include <catch2/catch.hpp>

using migrator::report::format_duration;
using std::chrono::milliseconds;

TEST_CASE("text observer: durations read as a person says them, under a millisecond included", "[report]") {
  CHECK(format_duration(milliseconds(0)) == "<1 ms");  // whole milliseconds are kept: 0 is not nothing
  CHECK(format_duration(milliseconds(7)) == "7 ms");
  CHECK(format_duration(milliseconds(999)) == "999 ms");
  CHECK(format_duration(milliseconds(1234)) == "1.23 s");
  CHECK(format_duration(milliseconds(61'500)) == "1 min 01 s");
}
