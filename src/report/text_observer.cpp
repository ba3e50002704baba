#include "report/text_observer.hpp"

#include "runner/checks.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>

#include "plan/sql_formats.hpp"
#include "report/text_table.hpp"
#include "runner/checks.hpp"
#include "util/terminal.hpp"

namespace migrator::report {
namespace {

constexpr std::size_t k_name_width = 50;

std::string pad_to(const std::string& text, std::size_t width) {
  const auto w = display_width(text);
  return w >= width ? text + "  " : text + std::string(width - w, ' ');
}

}  // namespace

std::string format_duration(std::chrono::milliseconds elapsed) {
  const auto ms = elapsed.count();
  if (ms <= 0) {
    return "<1 ms";  // times are kept in whole milliseconds: 0 means under one, not nothing
  }
  if (ms < 1000) {
    return fmt::format("{} ms", ms);
  }
  if (ms < 60'000) {
    return fmt::format("{:.2f} s", static_cast<double>(ms) / 1000.0);
  }
  return fmt::format("{} min {:02} s", ms / 60'000, (ms / 1000) % 60);
}

std::string wrap(std::string_view text, std::size_t width, std::string_view indent) {
  std::string out;
  std::string line(indent);
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find_first_of(" \n", start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const auto word = text.substr(start, end - start);
    if (!word.empty()) {
      if (line.size() > indent.size() && line.size() + 1 + word.size() > width) {
        out += line + "\n";
        line = std::string(indent);
      }
      line += (line.size() > indent.size() ? " " : "") + std::string(word);
    }
    start = end + 1;
  }
  return out + line;
}

TextObserver::TextObserver(std::FILE* out, TextOptions options)
    : m_out(out), m_options(options),
      m_progress(stderr, options.progress && !options.quiet && !options.silent) {}

TextObserver::~TextObserver() {
  flush_checks();  // a failed step never reports done: show its checks all the same
  m_progress.clear();
}

void TextObserver::print(const std::string& line) {
  if (m_options.silent) {
    return;
  }
  m_progress.clear();
  std::fprintf(m_out, "%s\n", line.c_str());
  std::fflush(m_out);
}

void TextObserver::flush_checks() {
  for (const auto& line : m_pending) {
    print(line);
  }
  m_pending.clear();
}

void TextObserver::on_migration_start(std::string_view /*plan*/, const plan::Migration& m, bool rollback) {
  flush_checks();
  m_rollback = rollback;
  if (m_options.quiet) {
    return;
  }
  // R for a repeatable migration, as Flyway names its files; a diesel migration by its stamp,
  // whose key may have zeros after it (format_diesel.cpp).
  const auto version =
      m.repeatable ? std::string("R") : plan::diesel_stamp(m.file).value_or(core::version_heading(m.version));
  const auto title = fmt::format("{}  {}{}", version, rollback ? "rolling back: " : "", m.name);
  print("\n" + util::styled(title, util::Style::bold, m_options.colour));
  if (!m.description.empty() && !rollback) {
    const auto width = static_cast<std::size_t>(std::min(util::terminal_width(fileno(m_out)), 100));
    print(util::styled(wrap(m.description, width, "     "), util::Style::dim, m_options.colour));
  }
}

const std::string& TextObserver::shown_name(const plan::Step& step) const {
  return m_rollback && !step.rollback_name.empty() ? step.rollback_name : step.name;
}

void TextObserver::on_step_start(const plan::Migration&, const plan::Step& step) {
  flush_checks();
  m_in_step = true;
  if (m_options.verbose && !m_options.quiet) {
    print(util::styled("     … " + shown_name(step), util::Style::dim, m_options.colour));
  }
  m_progress.update(shown_name(step), 0, 0);  // its time keeps moving on the terminal until it is done
}

void TextObserver::on_check_start(const plan::Check& check) {
  m_progress.update("checking: " + check.name, 0, 0);
}

void TextObserver::on_step_done(const plan::Migration&, const plan::Step& step,
                                std::chrono::milliseconds elapsed) {
  m_in_step = false;
  if (!m_options.quiet) {
    const auto mark = util::styled(m_rollback ? "↶" : "✓", util::Style::green, m_options.colour);
    const auto time = util::styled(format_duration(elapsed), util::Style::dim, m_options.colour);
    print("     " + mark + " " + pad_to(shown_name(step), k_name_width) + time);
  }
  flush_checks();
}

void TextObserver::on_check(const plan::Check& check, const runner::CheckOutcome& outcome) {
  (outcome.passed ? m_passed : m_failed) += 1;
  if (m_options.quiet && outcome.passed) {
    return;
  }
  const auto indent = outcome.invariant ? "     " : "         ";
  const auto mark = outcome.passed ? util::styled("✓", util::Style::green, m_options.colour)
                                   : util::styled("✗", util::Style::red, m_options.colour);
  const auto& name = check.name;
  std::string value;
  if (outcome.invariant) {
    const bool same = runner::values_equal(outcome.expected, outcome.observed);
    value = outcome.passed && same ? outcome.observed + " before and after"
                                   : "before " + outcome.expected + ", after " + outcome.observed;
  } else {
    value = outcome.passed ? outcome.observed
                           : "expected " + outcome.expected + ", got " + outcome.observed;
  }
  if (!outcome.passed) {
    value = util::styled(value, util::Style::red, m_options.colour);
  }
  const auto line = indent + mark + " " + pad_to(name, k_name_width - (outcome.invariant ? 0 : 4)) + value;
  if (m_in_step) {
    m_pending.push_back(line);
  } else {
    print(line);
  }
}

void TextObserver::on_progress(std::string_view what, std::uint64_t done, std::uint64_t total) {
  m_progress.update(what, done, total);
}

void TextObserver::on_message(std::string_view text) {
  print(util::styled("     ! " + std::string(text), util::Style::yellow, m_options.colour));
}

// --quiet prints nothing but errors: a server's NOTICE (dozens per migration on real
// histories) is no error; its WARNING still shows.
void TextObserver::on_server_notice(std::string_view text) {
  if (!m_options.quiet || text.starts_with("WARNING")) {
    on_message(text);
  }
}

void TextObserver::on_output(std::string_view line) {
  if (!m_options.quiet) {
    m_pending.push_back("         " + std::string(line));  // under its step, like its checks
  }
}

void TextObserver::on_dry_run_sql(const plan::Step& step, std::string_view sql) {
  print(util::styled("     -- " + step.name, util::Style::dim, m_options.colour));
  std::string body(sql);
  while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) {
    body.pop_back();
  }
  std::string indented = "     ";
  for (const char c : body) {
    indented += c;
    if (c == '\n') {
      indented += "     ";
    }
  }
  print(indented);
}

}  // namespace migrator::report
