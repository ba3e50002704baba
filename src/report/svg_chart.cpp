#include "report/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace migrator::report {
namespace {

constexpr double k_width = 820;
constexpr double k_label_width = 330;  // row labels, right-aligned against the plot
constexpr double k_plot_left = k_label_width + 10;
constexpr double k_plot_width = 380;   // leaves room for the value after the longest bar
constexpr double k_title_height = 44;
constexpr double k_bar_height = 18;
constexpr double k_bar_gap = 4;
constexpr double k_row_gap = 14;
constexpr double k_axis_height = 52;

// Tick values for a linear axis from 0 to at least `max`: 1, 2 or 5 times a power of ten.
std::vector<double> linear_ticks(double max) {
  const double rough = max / 5;
  const double power = std::pow(10.0, std::floor(std::log10(rough)));
  double step = power;
  for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
    if (power * factor >= rough) {
      step = power * factor;
      break;
    }
  }
  std::vector<double> ticks;
  for (double t = 0; t < max + step * 0.999; t += step) {
    ticks.push_back(t);
  }
  return ticks;
}

// Powers of ten around [min, max].
std::vector<double> log_ticks(double min, double max) {
  std::vector<double> ticks;
  for (double t = std::pow(10.0, std::floor(std::log10(min))); t <= max * 10.0001; t *= 10) {
    ticks.push_back(t);
    if (t >= max) {
      break;
    }
  }
  return ticks;
}

// A row label in lines of at most k_label_chars characters, broken between words (a word
// longer than a line stays whole): 13px text is about 7px a character, the label column 330px.
constexpr std::size_t k_label_chars = 44;
constexpr double k_label_line_height = 16;

std::vector<std::string> label_lines(const std::string& label) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start < label.size()) {
    auto end = label.find(' ', start);
    end = end == std::string::npos ? label.size() : end;
    const auto word = label.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > k_label_chars) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  if (!line.empty() || lines.empty()) {
    lines.push_back(line);
  }
  return lines;
}

std::string tick_text(double value) {
  if (value >= 1e6) {
    return fmt::format("{:g}M", value / 1e6);
  }
  if (value >= 1e3) {
    return fmt::format("{:g}k", value / 1e3);
  }
  return fmt::format("{:g}", value);
}

}  // namespace

std::string xml_escaped(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string svg_bar_chart(const BarChart& chart) {
  double max = 0;
  double min_positive = 0;
  for (const auto& row : chart.rows) {
    for (const double v : row.values) {
      if (v > 0) {
        max = std::max(max, v);
        min_positive = min_positive > 0 ? std::min(min_positive, v) : v;
      }
    }
  }
  const auto ticks = max <= 0 ? std::vector<double>{0, 1}
                              : chart.log_scale ? log_ticks(min_positive, max) : linear_ticks(max);
  const double low = chart.log_scale ? ticks.front() : 0;
  const double high = ticks.back() > low ? ticks.back() : low + 1;
  const auto x_of = [&](double v) {
    if (v <= 0) {
      return 0.0;
    }
    const double fraction = chart.log_scale ? (std::log10(v) - std::log10(low)) / (std::log10(high) - std::log10(low))
                                            : (v - low) / (high - low);
    return std::clamp(fraction, 0.0, 1.0) * k_plot_width;
  };

  const auto bars_per_row = std::max<std::size_t>(1, chart.series.size());
  const double bars_height = static_cast<double>(bars_per_row) * (k_bar_height + k_bar_gap) - k_bar_gap;
  const auto row_height = [&](const ChartRow& row) {
    return std::max(bars_height, static_cast<double>(label_lines(row.label).size()) * k_label_line_height);
  };
  const bool legend = chart.series.size() > 1;
  const double top = k_title_height + (legend ? 22 : 0);
  double plot_height = 0;
  for (const auto& row : chart.rows) {
    plot_height += row_height(row) + k_row_gap;
  }
  const double height = top + plot_height + k_axis_height;

  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"{2}\">\n<title>{2}</title>\n"
      "<text class=\"chart-title\" x=\"0\" y=\"22\">{2}</text>\n",
      k_width, height, xml_escaped(chart.title));
  if (legend) {
    double x = 0;
    for (const auto& s : chart.series) {
      svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>"
                         "<text class=\"legend\" x=\"{}\" y=\"{}\">{}</text>\n",
                         x, k_title_height - 4, s.colour, x + 17, k_title_height + 7, xml_escaped(s.name));
      x += 30 + 7.5 * static_cast<double>(s.name.size());
    }
  }
  // Grid lines and tick labels.
  for (const double t : ticks) {
    const double x = k_plot_left + x_of(t == 0 ? 0 : t);
    svg += fmt::format("<line class=\"grid\" x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\"/>"
                       "<text class=\"tick\" x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
                       x, top - 6, top + plot_height, top + plot_height + 16, tick_text(t));
  }
  svg += fmt::format("<text class=\"axis-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                     k_plot_left + k_plot_width / 2, top + plot_height + 40, xml_escaped(chart.axis_label));
  double y = top;
  for (const auto& row : chart.rows) {
    const double this_row = row_height(row);
    const auto lines = label_lines(row.label);
    // The label's lines centred on the row, the bars too.
    double line_y = y + this_row / 2 - static_cast<double>(lines.size() - 1) * k_label_line_height / 2 + 5;
    svg += "<text class=\"row-label\" text-anchor=\"end\">";
    for (const auto& line : lines) {
      svg += fmt::format("<tspan x=\"{}\" y=\"{:.1f}\">{}</tspan>", k_label_width, line_y, xml_escaped(line));
      line_y += k_label_line_height;
    }
    svg += "</text>\n";
    const double bars_top = y + (this_row - bars_height) / 2;
    for (std::size_t i = 0; i < row.values.size(); ++i) {
      const double bar_y = bars_top + static_cast<double>(i) * (k_bar_height + k_bar_gap);
      const double w = std::max(row.values[i] > 0 ? 1.5 : 0.0, x_of(row.values[i]));
      const auto& colour = i < chart.series.size() ? chart.series[i].colour : "#4e79a7";
      svg += fmt::format("<rect class=\"bar\" x=\"{}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\"/>",
                         k_plot_left, bar_y, w, k_bar_height, colour);
      const auto text = i < row.texts.size() ? row.texts[i] : "";
      svg += fmt::format("<text class=\"value\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n", k_plot_left + w + 6,
                         bar_y + k_bar_height - 4, xml_escaped(text));
    }
    y += this_row + k_row_gap;
  }
  return svg + "</svg>\n";
}

}  // namespace migrator::report
