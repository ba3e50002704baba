#include "report/text_observer.hpp"

#include <fmt/format.h>

#include "report/text_table.hpp"
#include "util/terminal.hpp"

namespace migrator::report {
namespace {

constexpr std::size_t k_step_width = 46;

std::string pad_to(const std::string& text, std::size_t width) {
  const auto w = display_width(text);
  return w >= width ? text + " " : text + std::string(width - w, ' ');
}

std::string indent_sql(std::string_view sql) {
  std::string out = "       ";
  for (std::size_t i = 0; i < sql.size(); ++i) {
    out += sql[i];
    if (sql[i] == '\n' && i + 1 < sql.size()) {
      out += "       ";
    }
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) {
    out.pop_back();
  }
  return out;
}

}  // namespace

std::string format_duration(std::chrono::milliseconds elapsed) {
  const auto ms = elapsed.count();
  if (ms < 1000) {
    return fmt::format("{} ms", ms);
  }
  if (ms < 60'000) {
    return fmt::format("{:.2f} s", static_cast<double>(ms) / 1000.0);
  }
  return fmt::format("{} min {:02} s", ms / 60'000, (ms / 1000) % 60);
}

TextObserver::TextObserver(std::FILE* out, TextOptions options)
    : m_out(out), m_options(options), m_progress(stderr, options.progress && !options.quiet) {}

TextObserver::~TextObserver() { m_progress.clear(); }

void TextObserver::print(const std::string& line) {
  m_progress.clear();
  std::fprintf(m_out, "%s\n", line.c_str());
  std::fflush(m_out);
}

void TextObserver::on_migration_start(const plan::Migration& m, bool rollback) {
  m_rollback = rollback;
  if (m_options.quiet) {
    return;
  }
  const auto title = fmt::format("{:03}  {}{}", m.version, rollback ? "rolling back: " : "", m.name);
  print("\n" + util::styled(title, util::Style::bold, m_options.colour));
  if (!m.description.empty() && !rollback) {
    print(util::styled("     " + m.description, util::Style::dim, m_options.colour));
  }
}

void TextObserver::on_migration_done(const plan::Migration&, std::chrono::milliseconds) {}

void TextObserver::on_step_start(const plan::Migration&, const plan::Step& step) {
  if (m_options.verbose && !m_options.quiet) {
    print(util::styled("     … " + step.name, util::Style::dim, m_options.colour));
  }
}

void TextObserver::on_step_done(const plan::Migration&, const plan::Step& step,
                                std::chrono::milliseconds elapsed) {
  if (m_options.quiet) {
    return;
  }
  const auto mark = util::styled(m_rollback ? "↶" : "✓", util::Style::green, m_options.colour);
  const auto time = util::styled(format_duration(elapsed), util::Style::dim, m_options.colour);
  print("     " + mark + " " + pad_to(step.name, k_step_width) + time);
}

void TextObserver::on_check(const plan::Check& check, const runner::CheckOutcome& outcome) {
  if (m_options.quiet && outcome.passed) {
    return;
  }
  if (outcome.passed) {
    const auto mark = util::styled("✓", util::Style::green, m_options.colour);
    print("         " + mark + " " + pad_to(check.name, k_step_width - 4) + outcome.observed);
  } else {
    const auto mark = util::styled("✗", util::Style::red, m_options.colour);
    print("         " + mark + " " + pad_to(check.name, k_step_width - 4) +
          util::styled("expected " + outcome.expected + ", got " + outcome.observed,
                       util::Style::red, m_options.colour));
  }
}

void TextObserver::on_progress(std::string_view what, std::uint64_t done, std::uint64_t total) {
  m_progress.update(what, done, total);
}

void TextObserver::on_message(std::string_view text) {
  print(util::styled("     ! " + std::string(text), util::Style::yellow, m_options.colour));
}

void TextObserver::on_dry_run_sql(const plan::Step& step, std::string_view sql) {
  print("     -- " + step.name);
  print(indent_sql(sql));
}

}  // namespace migrator::report
