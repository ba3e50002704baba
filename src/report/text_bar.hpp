#pragma once
// Bars in text output, for figures a person compares at a glance (query times, rows/s):
// Unicode eighth blocks when the locale is UTF-8, '#' otherwise.
#include <string>
#include <vector>

namespace migrator::report {

// A bar of `value` out of `max`, at most `width` columns; never empty for a positive value.
std::string text_bar(double value, double max, int width, bool unicode);

struct BarRow {
  std::string label;
  double value = 0;
  std::string figure;  // printed after the bar, e.g. "69.14 ms"
};

// One line per row: the label padded, the bar scaled to the largest value, the figure.
// Lines are indented by two spaces and end with "\n".
std::string bar_rows(const std::vector<BarRow>& rows, int width, bool unicode);

}  // namespace migrator::report
