#include "report/html_report.hpp"

#include <fmt/format.h>

#include <cctype>
#include <set>

#include "report/svg_chart.hpp"

namespace migrator::report {
namespace {

using nlohmann::json;

constexpr const char* k_blue = "#4e79a7";
constexpr const char* k_orange = "#f28e2b";
constexpr const char* k_green = "#59a14f";
constexpr const char* k_red = "#e15759";

// "12.3 ms", "0.41 ms", "1.52 s"
std::string duration_text(double ms) {
  if (ms >= 1000) {
    return fmt::format("{:.2f} s", ms / 1000);
  }
  return ms >= 10 ? fmt::format("{:.1f} ms", ms) : fmt::format("{:.2f} ms", ms);
}

// "51.97 MB", "612 KB", "8 KB"
std::string size_text(double bytes) {
  if (bytes <= 0) {
    return "none";  // a table without indexes, said as such rather than "0 KB"
  }
  return bytes >= 1048576 ? fmt::format("{:.2f} MB", bytes / 1048576) : fmt::format("{:.0f} KB", bytes / 1024);
}

std::string count_text(double n) {
  auto digits = std::to_string(static_cast<long long>(std::llround(n)));
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return digits;
}

double number(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : 0.0;
}

std::string text(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

// One row per item of `items`: its `label`, and the milliseconds under each of `keys` as its bars.
void add_millisecond_rows(BarChart& chart, const json& items, const char* label, std::initializer_list<const char*> keys) {
  for (const auto& item : items) {
    ChartRow row{text(item, label), {}, {}};
    for (const auto* key : keys) {
      row.values.push_back(number(item, key));
      row.texts.push_back(duration_text(row.values.back()));
    }
    chart.rows.push_back(std::move(row));
  }
}

struct Figure {
  std::string id;  // the figure's anchor: page.html#concurrency
  BarChart chart;
  std::string caption;
};

// Each chart from the sections of the document that hold its figures; absent sections draw nothing.
std::vector<Figure> figures(const json& document) {
  const auto cases = document.value("cases", json::object());
  const bool sqlite = text(document, "database").starts_with("sqlite:");
  std::vector<Figure> out;
  const auto section = [&](const char* c, const char* key) -> const json* {
    if (!cases.contains(c) || !cases[c].contains(key)) {
      return nullptr;
    }
    return &cases[c][key];
  };
  if (const auto* queries = section("benchmarks", "queries")) {
    Figure f{"queries", {"Query time: the normalized tables against the precomputed summary", "milliseconds, median of the runs",
              {{"normalized tables (joins and GROUP BY)", k_blue}, {"spend_summary", k_orange}}, {}, false},
             "The summary answers the same question from rows computed in advance; it is stale until refreshed."};
    add_millisecond_rows(f.chart, *queries, "query", {"normalized_ms", "summary_ms"});
    out.push_back(std::move(f));
  }
  if (const auto* inserts = section("benchmarks", "inserts")) {
    Figure f{"inserts", {"Insert rate by method", "rows per second (log scale)", {{"rows/s", k_green}}, {}, true},
             fmt::format("{} receipts written into an empty table, one transaction per run.",
                         count_text(number(*inserts, "rows")))};
    for (const auto& m : inserts->value("methods", json::array())) {
      const double rate = number(m, "rows_per_second");
      f.chart.rows.push_back({text(m, "label"), {rate}, {count_text(rate) + " rows/s"}});
    }
    out.push_back(std::move(f));
  }
  if (const auto* index = section("benchmarks", "index_scan")) {
    Figure f{"index", {"Index against sequential scan: one vendor's receipts in one month", "milliseconds, median of the runs",
              {{"query time", k_blue}}, {}, false},
             fmt::format("{} rows match; building the index took {}.", count_text(number(*index, "rows_matched")),
                         duration_text(number(*index, "index_build_ms")))};
    const double without = number(*index, "without_index_ms");
    const double with = number(*index, "with_index_ms");
    f.chart.rows.push_back({"without an index (a full scan)", {without}, {duration_text(without)}});
    f.chart.rows.push_back({"with an index on (vendor_id, purchase_date)", {with}, {duration_text(with)}});
    out.push_back(std::move(f));
  }
  if (const auto* storage = section("benchmarks", "storage"); storage != nullptr && storage->contains("tables")) {
    Figure f{"storage", {"Storage per table", "megabytes", {{"table", k_blue}, {"its indexes", k_orange}}, {}, false},
             fmt::format("receipt_items_wide, every dimension repeated on every line, takes {:.1f} times the space "
                         "of the normalized tables it copies.",
                         number(*storage, "denormalized_over_normalized"))};
    for (const auto& t : (*storage)["tables"]) {
      const double table_mb = number(t, "table_bytes") / 1048576.0;
      const double index_mb = number(t, "index_bytes") / 1048576.0;
      f.chart.rows.push_back({text(t, "table"), {table_mb, index_mb},
                              {size_text(number(t, "table_bytes")), size_text(number(t, "index_bytes"))}});
    }
    out.push_back(std::move(f));
  }
  if (const auto* steps = section("benchmarks", "migration_steps")) {
    Figure f{"migration-steps", {"Migration steps: a required column added the safe way", "milliseconds, median of the runs",
              {{"step", k_blue}}, {}, false},
             "Each step in its own transaction, on every receipt (scenarios/tax_amount's steps)."};
    for (const auto& s : *steps) {
      const double ms = number(s, "median_seconds") * 1000;
      f.chart.rows.push_back({text(s, "step"), {ms}, {duration_text(ms)}});
    }
    out.push_back(std::move(f));
  }
  if (const auto* phases = section("concurrency", "phases")) {
    Figure f{"concurrency", {"Writes and reads held up during each migration", "milliseconds: the longest one operation waited",
              {{"longest insert", k_red}, {"longest report", k_blue}}, {}, false},
             fmt::format("{} connections inserting receipts and {} running a report kept a steady pace while each "
                         "migration ran on {} receipts.",
                         number(cases["concurrency"], "writers"), number(cases["concurrency"], "readers"),
                         count_text(number(cases["concurrency"], "receipts")))};
    add_millisecond_rows(f.chart, *phases, "name", {"longest_write_ms", "longest_read_ms"});
    for (std::size_t i = 0; i < phases->size(); ++i) {
      if (const auto error = (*phases)[i].find("migration_error"); error != (*phases)[i].end() && error->is_string()) {
        auto& row = f.chart.rows[i];
        auto sentence = row.label;
        sentence.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence.front())));
        f.caption += fmt::format(" {} failed: {}.", sentence, error->get<std::string>());
        row.label += " (failed)";
      }
    }
    if (sqlite) {
      f.caption += " SQLite has one writer at a time: each insert waits for the commit of whatever migration runs, "
                   "the safe plan's included. What the safe plan buys here is a database never half-migrated; on "
                   "PostgreSQL, row locks let the writes go on.";
    }
    out.push_back(std::move(f));
  }
  if (const auto* year = section("partitioning", "one_year_query")) {
    Figure f{"partitioning", {"One year's spend: partition pruning", "milliseconds, median of the runs", {{"query time", k_blue}},
              {}, false},
             "The same query on receipts partitioned by year, with pruning on and off, and on the old table."};
    for (const auto& c : *year) {
      const double ms = number(c, "seconds") * 1000;
      f.chart.rows.push_back({text(c, "case"), {ms}, {duration_text(ms)}});
    }
    out.push_back(std::move(f));
  }
  return out;
}

constexpr const char* k_style = R"(
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #222; margin: 32px auto;
       max-width: 880px; line-height: 1.45; }
h1 { font-size: 24px; margin-bottom: 4px; }
.meta { color: #555; font-size: 14px; margin-bottom: 28px; }
figure { margin: 0 0 36px 0; }
figcaption { color: #555; font-size: 13px; margin-top: 2px; }
.chart-title { font-size: 16px; font-weight: bold; fill: #222; }
.legend, .row-label { font-size: 13px; fill: #333; }
.value, .tick { font-size: 12px; fill: #555; }
.axis-label { font-size: 12px; fill: #555; }
.grid { stroke: #ddd; stroke-width: 1; }
pre { background: #f6f6f6; padding: 12px; font-size: 12px; overflow-x: auto; }
)";

}  // namespace

std::vector<std::string> html_chart_titles(const nlohmann::json& document) {
  std::vector<std::string> titles;
  for (const auto& f : figures(document)) {
    titles.push_back(f.chart.title);
  }
  return titles;
}

std::string html_report(const nlohmann::json& document, const std::string& title) {
  const auto cases = document.value("cases", json::object());
  const auto machine = document.value("machine", json::object());
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                     xml_escaped(title) + "</title>\n<style>" + k_style + "</style>\n</head>\n<body>\n";
  html += "<h1>" + xml_escaped(title) + "</h1>\n";
  html += fmt::format(
      "<p class=\"meta\">Measured {} on {} ({} cores, {} GB of memory) by {}.<br>Database: {}; data scale {}; "
      "{}.</p>\n",
      xml_escaped(text(document, "measured_at")), xml_escaped(text(machine, "cpu")), number(machine, "cores"),
      number(machine, "memory_gb"), xml_escaped(text(machine, "host")), xml_escaped(text(document, "database")),
      number(document, "scale"), xml_escaped(text(document, "migrator")));
  const auto drawn = figures(document);
  if (drawn.empty()) {
    html += "<p>Nothing measured here is drawn: the charts come from <code>migrator bench benchmarks</code>, "
            "<code>bench concurrency</code>, <code>bench partitioning</code> and <code>migrator demo</code>.</p>\n";
  }
  for (const auto& f : drawn) {
    html += "<figure id=\"" + f.id + "\">\n" + svg_bar_chart(f.chart) + "<figcaption>" + xml_escaped(f.caption) + "</figcaption>\n</figure>\n";
  }
  // The cases with no chart: their figures as they are, so that the page holds everything measured.
  static const std::set<std::string> k_drawn{"benchmarks", "concurrency", "partitioning"};
  for (const auto& [name, figures_of_case] : cases.items()) {
    if (k_drawn.count(name) == 0) {
      html += "<h2>" + xml_escaped(name) + "</h2>\n<p>Not drawn; its figures:</p>\n<pre>" +
              xml_escaped(figures_of_case.dump(2)) + "</pre>\n";
    }
  }
  return html + "</body>\n</html>\n";
}

}  // namespace migrator::report
