#include "report/html_report.hpp"

#include <catch2/catch.hpp>

#include "support/text.hpp"

using migrator::test::occurrences;

using migrator::report::html_chart_titles;
using migrator::report::html_report;
using nlohmann::json;

namespace {

json document_with(json cases) {
  return {{"migrator", "migrator 0.1.0"},
          {"machine", {{"cores", 2}, {"cpu", "Test CPU"}, {"memory_gb", 23.5}, {"host", "me@box"}}},
          {"database", "sqlite:x.db"},
          {"measured_at", "2026-11-30T12:00:00Z"},
          {"scale", 1.0},
          {"cases", std::move(cases)}};
}

const json k_benchmarks = {
    {"queries", {{{"query", "per vendor"}, {"normalized_ms", 69.0}, {"summary_ms", 1.8}}}},
    {"inserts", {{"rows", 20000}, {"methods", {{{"label", "one INSERT per row"}, {"rows_per_second", 160000.0}}}}}},
    {"index_scan", {{"rows_matched", 765}, {"without_index_ms", 6.5}, {"with_index_ms", 0.2}, {"index_build_ms", 65.0}}},
    {"storage", {{"tables", {{{"table", "receipts"}, {"table_bytes", 4000000}, {"index_bytes", 3000000}}}},
                 {"denormalized_over_normalized", 2.3}}},
    {"migration_steps", {{{"step", "add the nullable column"}, {"median_seconds", 0.005}}}}};

const json k_concurrency = {
    {"writers", 2}, {"readers", 2}, {"receipts", 100000},
    {"phases",
     {{{"name", "the one-liner"}, {"migration_error", "contains null values"}, {"longest_write_ms", 0.1},
       {"longest_read_ms", 0.2}},
      {{"name", "CREATE INDEX"}, {"migration_error", nullptr}, {"longest_write_ms", 334.0}, {"longest_read_ms", 5.8}}}}};


}  // namespace

TEST_CASE("html report: one chart per measured section, machine and date on top, nothing fetched", "[report]") {
  const auto doc = document_with({{"benchmarks", k_benchmarks}, {"concurrency", k_concurrency}});
  const auto html = html_report(doc, "migrator bench");
  CHECK(html.starts_with("<!DOCTYPE html>"));
  CHECK(occurrences(html, "<svg ") == 6);
  CHECK(occurrences(html, "<figure id=") == 6);
  for (const auto* id : {"queries", "inserts", "index", "storage", "migration-steps", "concurrency"}) {
    CHECK(html.find("<figure id=\"" + std::string(id) + "\">") != std::string::npos);
  }
  CHECK(html.find("Test CPU (2 cores, 23.5 GB of memory)") != std::string::npos);
  CHECK(html.find("2026-11-30T12:00:00Z") != std::string::npos);
  CHECK(html.find("sqlite:x.db") != std::string::npos);
  // Self-contained: no script, nothing loaded from anywhere.
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("href=") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html_chart_titles(doc).size() == 6);
  // A migration that failed is marked on its row and says why under the chart.
  CHECK(html.find("the one-liner (failed)") != std::string::npos);
  CHECK(html.find("The one-liner failed: contains null values.") != std::string::npos);
  CHECK(html.find("CREATE INDEX (failed)") == std::string::npos);
  // On SQLite the caption says why every migration holds inserts up, the safe one included.
  CHECK(html.find("SQLite has one writer at a time") != std::string::npos);
  auto on_postgres = doc;
  on_postgres["database"] = "postgresql://me@host/db";
  CHECK(html_report(on_postgres, "migrator bench").find("SQLite has one writer") == std::string::npos);
}

TEST_CASE("html report: absent sections draw nothing, other cases are listed with their figures", "[report]") {
  const auto doc = document_with({{"runner", {{"migrations", 500}, {"note", "a < b"}}}});
  const auto html = html_report(doc, "migrator bench");
  CHECK(occurrences(html, "<svg ") == 0);
  CHECK(html.find("Nothing measured here is drawn") != std::string::npos);
  CHECK(html.find("<h2>runner</h2>") != std::string::npos);
  CHECK(html.find("&quot;note&quot;: &quot;a &lt; b&quot;") != std::string::npos);
  CHECK(html_chart_titles(doc).empty());
}
