#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "core/migration_version.hpp"

namespace core = migrator::core;

namespace {

core::Version key(const std::string& text) {
  const auto parts = core::version_parts(text);
  REQUIRE(parts);
  const auto version = core::dotted_version(*parts);
  REQUIRE(version);
  return *version;
}

}  // namespace

TEST_CASE("migration version: dotted keys order as Flyway orders versions", "[core]") {
  // Part by part, numerically: 1.10 after 1.9, a longer version after its prefix.
  const std::vector<std::string> ordered{"0", "0.1", "1", "1.0.1", "1.1", "1.1.1", "1.2", "1.9", "1.10",
                                         "2", "2.0.3", "10", "2024.1.15.1200", "20240101120000",
                                         "20240101120000.1"};
  for (std::size_t i = 0; i + 1 < ordered.size(); ++i) {
    INFO(ordered[i] << " < " << ordered[i + 1]);
    CHECK(key(ordered[i]) < key(ordered[i + 1]));
  }
  // Every dotted key sorts above every whole number a plan numbers by (timestamps included):
  // a history can hold both only while apply re-keys it.
  CHECK(key("0") > core::Version{99999999999999999});
  CHECK(core::is_dotted(key("1")));
  CHECK_FALSE(core::is_dotted(20240101120000));
}

TEST_CASE("migration version: a dotted key reads back as the version written", "[core]") {
  for (const std::string text : {"0", "1", "1.1", "2.0.3", "1.10", "7.0.0.1", "20240101120000", "2024.1.15.1200",
                                 "4611686018427387"}) {
    CHECK(core::version_text(key(text)) == text);
  }
  CHECK(core::version_text(key("1_1")) == "1.1");  // Flyway's underscore is a dot
  CHECK(core::version_text(20240101120000) == "20240101120000");
  CHECK(core::version_text(0) == "0");
}

TEST_CASE("migration version: what is not a version, and what does not fit", "[core]") {
  for (const std::string text : {"", "1.", ".1", "1..2", "v1", "1.a", "-1", "1 .2", "99999999999999999999"}) {
    INFO(text);
    CHECK_FALSE(core::version_parts(text));
  }
  // 7 to 10 bits for a small part: seven fit, nine do not; nor do two timestamps.
  CHECK(core::dotted_version(std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6, 7}));
  CHECK_FALSE(core::dotted_version(std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9}));
  CHECK_FALSE(core::dotted_version(std::vector<std::uint64_t>{20240101120000, 20240101120000}));
}

TEST_CASE("migration version: as_dotted reads a whole number as its one-part version", "[core]") {
  CHECK(core::as_dotted(3) == key("3"));
  CHECK(core::as_dotted(key("1.1")) == key("1.1"));
  CHECK(core::as_dotted(20240101120000) == key("20240101120000"));
}

TEST_CASE("migration version: headings pad whole numbers as plan files do", "[core]") {
  CHECK(core::version_heading(3) == "003");
  CHECK(core::version_heading(1234) == "1234");
  CHECK(core::version_heading(key("1.1")) == "1.1");
}
