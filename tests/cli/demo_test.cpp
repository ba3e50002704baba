#include <catch2/catch.hpp>

#include "support/cli.hpp"
#include "support/temp_dir.hpp"

using migrator::test::migrator_cli;

namespace {

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + 1)) {
    ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("cli: demo tells the four chapters on the default SQLite file, and again",
          "[cli][demo][sqlite]") {
  migrator::test::TempDir dir;
  const auto first = migrator_cli("demo --scale 0.01", dir.path());
  REQUIRE(first.exit_code == 0);
  CHECK(first.out.find("1. A safe migration: consolidating vendor names") != std::string::npos);
  CHECK(first.out.find("Rolled back 5 migrations") != std::string::npos);
  CHECK(first.out.find("a seeded, realistic load of 1,000 receipts") != std::string::npos);
  CHECK(first.out.find("into sqlite:migrator.db") != std::string::npos);
  CHECK(first.out.find("3. Adding a required column without breaking production") !=
        std::string::npos);
  CHECK(first.out.find("\"tax_amount\" is at version 4") != std::string::npos);
  CHECK(first.out.find("4. Reporting at speed: a materialized summary and a denormalized copy") !=
        std::string::npos);
  CHECK(first.out.find("This chapter only builds them.") != std::string::npos);
  CHECK(first.out.find("migrator bench benchmarks    ") != std::string::npos);  // in the Next table
  CHECK(first.out.find("\"benchmarks\" is at version 2") != std::string::npos);
  // The load prints the statistics; the demo does not repeat them.
  CHECK(occurrences(first.out, "DATABASE STATISTICS") == 1);
  CHECK(std::filesystem::exists(dir / "migrator.db"));

  // A second run has nothing to apply, and shows the statistics of what is there.
  const auto second = migrator_cli("demo --scale 0.01", dir.path());
  REQUIRE(second.exit_code == 0);
  CHECK(second.out.find("Nothing to apply: \"construction_receipts\" is at version 7") !=
        std::string::npos);
  CHECK(second.out.find("Nothing to apply: \"benchmarks\" is at version 2") != std::string::npos);
  CHECK(occurrences(second.out, "DATABASE STATISTICS") == 1);
  CHECK(second.out.find("receipts                      1,000 records") != std::string::npos);
}
