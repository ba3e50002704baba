#include "report/svg_chart.hpp"

#include <catch2/catch.hpp>

#include "support/text.hpp"

using migrator::test::occurrences;

using migrator::report::BarChart;
using migrator::report::svg_bar_chart;

namespace {


}  // namespace

TEST_CASE("svg chart: title, legend, one bar per value, its figure, the axis label", "[report]") {
  const BarChart chart{"Query <time>", "milliseconds",
                       {{"normalized", "#4e79a7"}, {"summary", "#f28e2b"}},
                       {{"per vendor", {69.1, 1.8}, {"69.1 ms", "1.8 ms"}}, {"per quarter", {52.8, 3.5}, {"52.8 ms", "3.5 ms"}}},
                       false};
  const auto svg = svg_bar_chart(chart);
  CHECK(svg.find("<title>Query &lt;time&gt;</title>") != std::string::npos);
  CHECK(svg.find("class=\"chart-title\"") != std::string::npos);
  CHECK(occurrences(svg, "class=\"bar\"") == 4);
  CHECK(occurrences(svg, "class=\"legend\"") == 2);
  CHECK(svg.find(">69.1 ms<") != std::string::npos);
  CHECK(svg.find(">milliseconds<") != std::string::npos);
  // Linear ticks from 0 past the largest value: 0, 20, ... 80.
  CHECK(svg.find(">0</text>") != std::string::npos);
  CHECK(svg.find(">80</text>") != std::string::npos);
}

TEST_CASE("svg chart: a log scale ticks powers of ten around the values", "[report]") {
  const BarChart chart{"Insert rate", "rows/s (log scale)", {{"rows/s", "green"}},
                       {{"single", {160000}, {"160,000"}}, {"bulk", {800000}, {"800,000"}}}, true};
  const auto svg = svg_bar_chart(chart);
  CHECK(svg.find(">100k</text>") != std::string::npos);
  CHECK(svg.find(">1M</text>") != std::string::npos);
  CHECK(occurrences(svg, "class=\"legend\"") == 0);  // one series: no legend
}

TEST_CASE("svg chart: a long row label breaks between words into lines", "[report]") {
  const BarChart chart{"t", "s", {{"x", "red"}},
                       {{"scenarios/tax_amount: nullable, batched backfill, constraint", {1}, {"1"}}}, false};
  const auto svg = svg_bar_chart(chart);
  CHECK(svg.find("<tspan x=\"330\" y=\"") != std::string::npos);
  CHECK(svg.find(">scenarios/tax_amount: nullable, batched</tspan>") != std::string::npos);
  CHECK(svg.find(">backfill, constraint</tspan>") != std::string::npos);
}

TEST_CASE("svg chart: nothing to draw still draws an axis and no bar", "[report]") {
  const BarChart chart{"empty", "s", {{"x", "red"}}, {{"none", {0}, {""}}}, false};
  const auto svg = svg_bar_chart(chart);
  CHECK(svg.find("width=\"0.0\"") != std::string::npos);
  CHECK(svg.find("class=\"tick\"") != std::string::npos);
}
