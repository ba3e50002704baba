#include "report/progress.hpp"

#include <unistd.h>

#include <algorithm>

#include "util/terminal.hpp"

namespace migrator::report {

std::string with_separators(std::uint64_t n) {
  auto digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return digits;
}

ProgressBar::ProgressBar(std::FILE* out, bool enabled)
    : m_out(out), m_enabled(enabled && util::is_terminal(fileno(out))) {}

void ProgressBar::update(std::string_view what, std::uint64_t done, std::uint64_t total) {
  if (!m_enabled) {
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (what != m_what) {
    m_what = what;
    m_started = now;
  } else if (now - m_last_draw < std::chrono::milliseconds(100) && done < total) {
    return;
  }
  m_last_draw = now;
  const double seconds = std::chrono::duration<double>(now - m_started).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  constexpr int k_width = 24;
  const double fraction = total > 0 ? std::min(1.0, static_cast<double>(done) / static_cast<double>(total)) : 0;
  const int filled = static_cast<int>(fraction * k_width);
  std::string bar = "[" + std::string(static_cast<std::size_t>(filled), '#') +
                    std::string(static_cast<std::size_t>(k_width - filled), '.') + "]";
  std::string left;
  if (rate > 0 && total > done) {
    const auto remaining = static_cast<long>(static_cast<double>(total - done) / rate);
    left = "  " + std::to_string(remaining / 60) + ":" + (remaining % 60 < 10 ? "0" : "") +
           std::to_string(remaining % 60) + " left";
  }
  // No rate before there is one to tell (the first draw, a table done within a tick).
  const std::string speed =
      rate >= 1 && done > 0 ? "  " + with_separators(static_cast<std::uint64_t>(rate)) + " rows/s" : "";
  std::fprintf(m_out, "\r\x1b[2K  %-18s %s  %s/%s%s%s", m_what.c_str(), bar.c_str(),
               with_separators(done).c_str(), with_separators(total).c_str(), speed.c_str(),
               left.c_str());
  std::fflush(m_out);
  m_drawn = true;
}

void ProgressBar::clear() {
  if (m_drawn) {
    std::fprintf(m_out, "\r\x1b[2K");
    std::fflush(m_out);
    m_drawn = false;
  }
}

}  // namespace migrator::report
