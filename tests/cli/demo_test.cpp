#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "support/browser.hpp"
#include "support/cli.hpp"
#include "support/postgres.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

using migrator::test::migrator_cli;
using migrator::test::occurrences;

namespace {

// What the demo tells on every database, in this order (its figures are the machine's and
// never asserted).
const std::vector<std::string> k_story{
    "1. A normalized schema at scale",
    "DATABASE STATISTICS",
    "2. Reporting at speed: what the normalized model costs, and what a summary saves",
    "Queries: the normalized tables against spend_summary",
    "per vendor, normalized",
    "Inserts: ",
    "one INSERT per row",
    "Index against sequential scan",
    "without the index:",
    "Refreshing spend_summary",
    "Storage (",
    "Migration steps on receipts",
    "3. Adding a required column without stopping production",
    "migrator check ",
    "error[adding-not-null-column]",
    "Concurrency: 2 writers inserting receipts and 2 readers",
    "The longest any insert waited, by migration:",
    "The safe way, through the runner:",
    "\"tax_amount\" is at version 5",
    "4. A safe migration that proves nothing was lost: consolidating vendor names",
    "Rolled back 5 migrations",
    "Further exploration",
};

void check_story(const std::string& out) {
  std::size_t at = 0;
  for (const auto& part : k_story) {
    INFO("told in order: " << part);
    const auto found = out.find(part, at);
    CHECK(found != std::string::npos);
    at = found == std::string::npos ? at : found;
  }
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("cli: demo tells the whole story measured on the default SQLite file, and again", "[cli][demo][sqlite]") {
  migrator::test::TempDir dir;
  const auto first = migrator_cli("demo --scale 0.01", dir.path());
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  check_story(first.out);
  CHECK(first.out.find("a seeded, realistic load of 1,000 receipts") != std::string::npos);
  CHECK(first.out.find("into sqlite:migrator.db") != std::string::npos);
  CHECK(first.out.find("EXPLAIN QUERY PLAN without the index:") != std::string::npos);
  CHECK(first.out.find("bench benchmarks` measures more carefully") != std::string::npos);
  CHECK(first.out.find("SQLite has one writer at a time: every migration here") != std::string::npos);
  CHECK(first.out.find("\"benchmarks\" is at version 2") != std::string::npos);
  CHECK(first.out.find("migrator bench concurrency ") != std::string::npos);  // in the table at the end
  // The load prints the statistics; the demo does not repeat them.
  CHECK(occurrences(first.out, "DATABASE STATISTICS") == 1);
  CHECK(std::filesystem::exists(dir / "migrator.db"));

  // A second run has nothing to load, shows the statistics of what is there, and measures
  // again on the same data: the traffic's receipts went, tax_amount was rolled back and
  // applied again.
  const auto second = migrator_cli("demo --scale 0.01", dir.path());
  REQUIRE(second.exit_code == 0);
  check_story(second.out);
  CHECK(second.out.find("Nothing to apply: \"construction_receipts\" is at version 7") != std::string::npos);
  CHECK(second.out.find("Nothing to apply: \"benchmarks\" is at version 2") != std::string::npos);
  CHECK(occurrences(second.out, "DATABASE STATISTICS") == 1);
  CHECK(second.out.find("receipts                      1,000 records") != std::string::npos);
  CHECK(second.out.find("✓ no receipt lost                                   1000 before and after") !=
        std::string::npos);
}

TEST_CASE("cli: demo --html writes a page whose charts a browser draws", "[cli][demo][sqlite]") {
  migrator::test::TempDir dir;
  const auto page = dir / "demo.html";
  const auto r = migrator_cli("demo --scale 0.01 --html demo.html", dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Page with 6 charts written to demo.html") != std::string::npos);
  const auto html = read_file(page);
  CHECK(html.starts_with("<!DOCTYPE html>"));
  CHECK(html.find("</html>") != std::string::npos);
  CHECK(occurrences(html, "<svg ") == 6);
  CHECK(html.find("<script") == std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "demo.html.tmp"));

  // As a person sees it: rendered, not blank, every chart with its title and its bars.
  migrator::test::screenshot(page, dir / "demo.png", 1000, 2400);
  CHECK(migrator::test::ink_share(dir / "demo.png") > 0.02);
  const auto charts = migrator::test::rendered_charts(page);
  REQUIRE(charts.size() == 6);
  const std::vector<std::string> titles{"Query time", "Insert rate", "Index against sequential scan",
                                        "Storage per table", "Migration steps", "Writes and reads held up"};
  for (std::size_t i = 0; i < charts.size(); ++i) {
    INFO(charts[i].title);
    CHECK(charts[i].title.starts_with(titles[i]));
    CHECK(charts[i].title_width > 100);
    CHECK(charts[i].bars > 0);
    CHECK(charts[i].height > 100);
  }
}

TEST_CASE("cli: demo refuses --html into a directory that is not there, before it starts", "[cli][demo][sqlite]") {
  migrator::test::TempDir dir;
  const auto r = migrator_cli("demo --html no/such/dir/demo.html", dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--html: the directory") != std::string::npos);
  CHECK(r.out.empty());
  CHECK_FALSE(std::filesystem::exists(dir / "migrator.db"));
}

TEST_CASE("cli: demo tells the same story on PostgreSQL, with EXPLAIN ANALYZE and the concurrent index",
          "[cli][demo][postgres]") {
  migrator::test::PostgresDatabase database;
  migrator::test::TempDir dir;
  const auto r = migrator_cli("demo --scale 0.01 --html demo.html --db " + migrator::test::shell_quote(database.url()),
                              dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  check_story(r.out);
  CHECK(r.out.find("EXPLAIN ANALYZE without the index:") != std::string::npos);
  CHECK(r.out.find("CREATE INDEX CONCURRENTLY, the same index") != std::string::npos);
  CHECK(r.out.find("a type change that rewrites") != std::string::npos);
  CHECK(r.out.find("SQLite has one writer at a time: every migration here") == std::string::npos);
  const auto charts = migrator::test::rendered_charts(dir / "demo.html");
  CHECK(charts.size() == 6);
}
