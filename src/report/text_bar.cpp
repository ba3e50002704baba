#include "report/text_bar.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "report/text_table.hpp"

namespace migrator::report {

std::string text_bar(double value, double max, int width, bool unicode) {
  if (!(value > 0) || !(max > 0) || width <= 0) {
    return "";
  }
  const double columns = std::min(1.0, value / max) * width;
  if (!unicode) {
    return std::string(static_cast<std::size_t>(std::max(1L, std::lround(columns))), '#');
  }
  // U+2588 FULL BLOCK, then U+2589..U+258F for seven eighths down to one eighth.
  static constexpr std::array<const char*, 8> k_eighths{"",         "\u258F", "\u258E", "\u258D",
                                                        "\u258C", "\u258B", "\u258A", "\u2589"};
  auto eighths = std::max(1L, std::lround(columns * 8));
  std::string bar;
  for (; eighths >= 8; eighths -= 8) {
    bar += "\u2588";
  }
  return bar + k_eighths[static_cast<std::size_t>(eighths)];
}

std::string bar_rows(const std::vector<BarRow>& rows, int width, bool unicode) {
  double max = 0;
  std::size_t label_width = 0;
  for (const auto& row : rows) {
    max = std::max(max, row.value);
    label_width = std::max(label_width, display_width(row.label));
  }
  std::string out;
  for (const auto& row : rows) {
    const auto bar = text_bar(row.value, max, width, unicode);
    out += "  " + row.label + std::string(label_width - display_width(row.label), ' ') + "  " + bar +
           std::string(static_cast<std::size_t>(width) + 1 - std::min<std::size_t>(display_width(bar), width), ' ') +
           row.figure + "\n";
  }
  return out;
}

}  // namespace migrator::report
