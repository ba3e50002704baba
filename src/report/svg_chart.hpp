#pragma once
// Horizontal bar charts as inline SVG, for the HTML page of measured figures: one group of
// bars per row (a query, a method, a migration), one bar per series, the value printed at the
// end of each bar, an axis with ticks and its label underneath. Linear or log scale.
#include <string>
#include <vector>

namespace migrator::report {

struct ChartSeries {
  std::string name;    // in the legend (no legend for a single series)
  std::string colour;  // CSS colour
};

struct ChartRow {
  std::string label;
  std::vector<double> values;       // one per series; not positive = no bar
  std::vector<std::string> texts;   // printed at the end of each bar
};

struct BarChart {
  std::string title;
  std::string axis_label;  // what the axis measures, with its unit
  std::vector<ChartSeries> series;
  std::vector<ChartRow> rows;
  bool log_scale = false;
};

// The chart as an <svg> element (its title also as <title>, for screen readers).
std::string svg_bar_chart(const BarChart& chart);

// Text with &, <, > and quotes escaped, for HTML and SVG.
std::string xml_escaped(std::string_view text);

}  // namespace migrator::report
