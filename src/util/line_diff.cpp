#include "util/line_diff.hpp"

#include <algorithm>

namespace migrator::util {
namespace {

// Past this many cells the longest common subsequence table is not worth its memory: the
// diff shows every line of the first text removed and every line of the second added.
constexpr std::size_t k_max_table = 4'000'000;

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    lines.push_back(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return lines;
}

struct Line {
  char mark;  // '-', '+' or ' '
  std::string_view text;
};

std::vector<Line> edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::vector<Line> out;
  if ((a.size() + 1) * (b.size() + 1) > k_max_table) {
    for (const auto line : a) {
      out.push_back({'-', line});
    }
    for (const auto line : b) {
      out.push_back({'+', line});
    }
    return out;
  }
  // common[i][j]: the longest common subsequence of a[i..] and b[j..].
  const std::size_t width = b.size() + 1;
  std::vector<std::size_t> common((a.size() + 1) * width, 0);
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      common[i * width + j] = a[i] == b[j] ? common[(i + 1) * width + j + 1] + 1
                                           : std::max(common[(i + 1) * width + j], common[i * width + j + 1]);
    }
  }
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      out.push_back({' ', a[i]});
      ++i;
      ++j;
    } else if (i < a.size() && (j == b.size() || common[(i + 1) * width + j] >= common[i * width + j + 1])) {
      out.push_back({'-', a[i++]});  // removals first, as diff(1) shows them
    } else {
      out.push_back({'+', b[j++]});
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> line_diff(std::string_view before, std::string_view after, std::size_t context) {
  const auto script = edit_script(lines_of(before), lines_of(after));
  // Keep every changed line and `context` unchanged ones on each side of it.
  std::vector<bool> keep(script.size(), false);
  for (std::size_t k = 0; k < script.size(); ++k) {
    if (script[k].mark != ' ') {
      const std::size_t from = k >= context ? k - context : 0;
      const std::size_t to = std::min(script.size() - 1, k + context);
      std::fill(keep.begin() + static_cast<std::ptrdiff_t>(from), keep.begin() + static_cast<std::ptrdiff_t>(to) + 1,
                true);
    }
  }
  std::vector<std::string> out;
  bool skipped = false;
  for (std::size_t k = 0; k < script.size(); ++k) {
    if (!keep[k]) {
      skipped = true;
      continue;
    }
    if (skipped && !out.empty()) {
      out.emplace_back("...");
    }
    skipped = false;
    out.push_back(std::string(1, script[k].mark) + " " + std::string(script[k].text));
  }
  return out;
}

}  // namespace migrator::util
