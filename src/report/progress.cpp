#include "report/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>

#include "util/terminal.hpp"

namespace migrator::report {
namespace {

constexpr auto k_redraw = std::chrono::milliseconds(250);

}  // namespace

std::string with_separators(std::uint64_t n) {
  auto digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return digits;
}

ProgressBar::ProgressBar(std::FILE* out, bool enabled)
    : m_out(out), m_enabled(enabled && util::is_terminal(fileno(out))) {
  if (m_enabled) {
    m_ticker = std::thread([this] { tick(); });
  }
}

ProgressBar::~ProgressBar() {
  if (m_ticker.joinable()) {
    {
      const std::lock_guard lock(m_mutex);
      m_stopping = true;
    }
    m_wake.notify_one();
    m_ticker.join();
  }
  clear();
}

void ProgressBar::tick() {
  std::unique_lock lock(m_mutex);
  while (!m_stopping) {
    m_wake.wait_for(lock, k_redraw);
    const auto now = std::chrono::steady_clock::now();
    if (!m_stopping && m_drawn && now - m_last_draw >= k_redraw) {
      draw(now);
    }
  }
}

void ProgressBar::update(std::string_view what, std::uint64_t done, std::uint64_t total) {
  if (!m_enabled) {
    return;
  }
  const std::lock_guard lock(m_mutex);
  const auto now = std::chrono::steady_clock::now();
  const bool same = what == m_what && m_drawn;
  if (what != m_what) {
    m_what = what;
    m_started = now;
  }
  m_done = done;
  m_total = total;
  // At most ten draws a second for the same work; a new line of work shows at once.
  if (same && now - m_last_draw < std::chrono::milliseconds(100) && (total == 0 || done < total)) {
    return;
  }
  draw(now);
}

void ProgressBar::draw(std::chrono::steady_clock::time_point now) {
  m_last_draw = now;
  const double seconds = std::chrono::duration<double>(now - m_started).count();
  const auto elapsed = fmt::format("{:.1f} s", seconds);
  std::string line;
  if (m_total == 0) {
    line = fmt::format("  {}  ...  {}", m_what, elapsed);
  } else {
    const double rate = seconds > 0 ? static_cast<double>(m_done) / seconds : 0;
    constexpr int k_width = 24;
    const double fraction = std::min(1.0, static_cast<double>(m_done) / static_cast<double>(m_total));
    const int filled = static_cast<int>(fraction * k_width);
    const std::string bar = "[" + std::string(static_cast<std::size_t>(filled), '#') +
                            std::string(static_cast<std::size_t>(k_width - filled), '.') + "]";
    std::string left;
    if (rate > 0 && m_total > m_done) {
      const auto remaining = static_cast<long>(static_cast<double>(m_total - m_done) / rate);
      left = fmt::format("  {}:{:02} left", remaining / 60, remaining % 60);
    }
    // No rate before there is one to tell (the first draw, a table done within a tick).
    const std::string speed =
        rate >= 1 && m_done > 0 ? "  " + with_separators(static_cast<std::uint64_t>(rate)) + " rows/s" : "";
    line = fmt::format("  {:<18} {}  {}/{}{}{}  {}", m_what, bar, with_separators(m_done), with_separators(m_total),
                       speed, left, elapsed);
  }
  // Never wider than the terminal: a wrapped line cannot be redrawn in place.
  const auto width = static_cast<std::size_t>(std::max(20, util::terminal_width(fileno(m_out)) - 1));
  if (line.size() > width) {
    line.resize(width);
    while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xC0) == 0x80) {
      line.pop_back();  // the rest of a character cut short
    }
    if (!line.empty() && static_cast<unsigned char>(line.back()) >= 0xC0) {
      line.pop_back();  // its first byte
    }
  }
  std::fprintf(m_out, "\r\x1b[2K%s", line.c_str());
  std::fflush(m_out);
  m_drawn = true;
}

void ProgressBar::clear() {
  const std::lock_guard lock(m_mutex);
  if (m_drawn) {
    std::fprintf(m_out, "\r\x1b[2K");
    std::fflush(m_out);
    m_drawn = false;
  }
}

}  // namespace migrator::report
