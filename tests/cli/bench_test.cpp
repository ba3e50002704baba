#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/cli.hpp"
#include "support/temp_dir.hpp"

using migrator::test::migrator_cli;

// Figures are never asserted (they are the machine's); what is checked is that the benchmark
// runs, loads exactly the data set it names, and reports every figure it promises.
TEST_CASE("cli: bench construction_receipts loads 1x and 10x and reports each table",
          "[cli][bench][sqlite]") {
  migrator::test::TempDir dir;
  const auto r = migrator_cli("bench construction_receipts --scale 0.01 --format json --db sqlite:" +
                              (dir / "bench.db").string());
  REQUIRE(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  const auto& runs = doc["cases"]["construction_receipts"];
  for (const auto& [key, receipts] : {std::pair{"receipts_1000", 1000}, {"receipts_10000", 10000}}) {
    INFO(key);
    const auto& run = runs.at(key);
    CHECK(run["receipts"] == receipts);
    REQUIRE(run["tables"].size() == 9);
    CHECK(run["tables"][4]["table"] == "receipts");
    CHECK(run["tables"][4]["rows"] == receipts);
    std::uint64_t rows = 0;
    for (const auto& t : run["tables"]) {
      rows += t["rows"].get<std::uint64_t>();
    }
    CHECK(run["rows"] == rows);
    CHECK(run["seconds"].get<double>() >= run["writing_seconds"].get<double>());
    CHECK(run["finishing_seconds"].get<double>() > 0);
    CHECK(run["bare_table_receipts"]["rows"] == receipts);
    CHECK(run["peak_rss_mb"].get<double>() > 0);
  }
  // The scratch databases are gone afterwards.
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator{}) == 0);
}

TEST_CASE("cli: bench names the cases it has when asked for another", "[cli][bench][sqlite]") {
  const auto r = migrator_cli("bench nothing --db sqlite::memory:");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no benchmark \"nothing\"") != std::string::npos);
  CHECK(r.err.find("choose one of: ") != std::string::npos);
}
