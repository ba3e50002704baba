#include "report/fleet_report.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "report/json_report.hpp"
#include "report/text_observer.hpp"
#include "report/text_table.hpp"
#include "util/counted.hpp"
#include "util/terminal.hpp"

namespace migrator::report {
namespace {

using fleet::TargetState;

std::string version_cell(const std::optional<core::Version>& v) { return v ? core::version_text(*v) : "-"; }

std::string versions(const fleet::TargetResult& r) {
  if (r.from == r.to) {
    return version_cell(r.to);
  }
  return version_cell(r.from) + " -> " + version_cell(r.to);
}

util::Style state_style(TargetState state) {
  switch (state) {
    case TargetState::done:
      return util::Style::green;
    case TargetState::failed:
    case TargetState::unreachable:
      return util::Style::red;
    default:
      return util::Style::yellow;
  }
}

constexpr std::size_t k_listed_waiting = 20;

std::string shortened(const std::string& text, std::size_t width) {
  return display_width(text) <= width ? text : text.substr(0, width - 3) + "...";
}

}  // namespace

FleetProgress::FleetProgress(std::FILE* out, const std::vector<fleet::Target>& targets, bool live, bool quiet,
                             bool colour)
    : m_out(out),
      m_targets(targets),
      m_total(targets.size()),
      m_list_waiting(targets.size() <= k_listed_waiting),
      m_done(targets.size(), false),
      m_live(live && !quiet),
      m_quiet(quiet),
      m_colour(colour) {}

std::string fleet_line(const fleet::Target& target, const fleet::TargetResult& result, bool colour) {
  // Padded to the longest state, "unreachable", so that the names line up.
  auto word = std::string(fleet::to_string(result.state));
  word.resize(std::max<std::size_t>(word.size(), 11), ' ');
  const auto state = util::styled(word, state_style(result.state), colour);
  std::string line = state + "  " + target.name + "  " + versions(result);
  if (result.ok()) {
    if (result.migrations > 0) {
      line += "  " + util::counted(result.migrations, "migration");
    }
    if (!result.note.empty()) {
      line += "  " + result.note;
    }
    return line + "  " + format_duration(result.duration);
  }
  return line + ": " + result.error;
}

void FleetProgress::on_change(std::size_t index, const fleet::Target& target, const fleet::TargetResult& result,
                              std::string_view activity) {
  if (m_quiet || result.state == TargetState::skipped) {
    return;  // the summary lists what never started
  }
  erase_block();
  if (result.state == TargetState::running) {
    m_running[index] = "  " + target.name + "  " + std::string(activity);
  } else {
    m_running.erase(index);
    m_done[index] = true;
    ++m_finished;
    m_failed += result.ok() ? 0 : 1;
    std::fprintf(m_out, "%s\n", fleet_line(target, result, m_colour).c_str());
  }
  draw_block();
  std::fflush(m_out);
}

void FleetProgress::erase_block() {
  if (m_drawn_lines > 0) {
    std::fprintf(m_out, "\x1b[%zuA\x1b[J", m_drawn_lines);  // up to the block's first line, then clear below
    m_drawn_lines = 0;
  }
}

void FleetProgress::draw_block() {
  if (!m_live) {
    return;
  }
  const auto width = static_cast<std::size_t>(util::terminal_width(fileno(m_out)));
  const auto draw = [&](const std::string& line) {
    std::fprintf(m_out, "%s\n", shortened(line, width - 1).c_str());
    ++m_drawn_lines;
  };
  for (std::size_t i = 0; i < m_total; ++i) {
    if (const auto running = m_running.find(i); running != m_running.end()) {
      draw(running->second);
    } else if (m_list_waiting && !m_done[i]) {
      draw(util::styled("  " + m_targets[i].name + "  waiting", util::Style::dim, m_colour));
    }
  }
  const auto waiting = m_total - m_finished - m_running.size();
  std::fprintf(m_out, "%s\n",
               util::styled(fmt::format("{} of {} finished ({} failed), {} running, {} waiting", m_finished, m_total,
                                        m_failed, m_running.size(), waiting),
                            util::Style::dim, m_colour)
                   .c_str());
  ++m_drawn_lines;
}

void FleetProgress::finish() {
  erase_block();
  std::fflush(m_out);
}

std::string fleet_summary(const std::string& command, const std::vector<fleet::Target>& targets,
                          const fleet::FleetReport& report, bool colour) {
  bool groups = false;
  for (const auto& t : targets) {
    groups = groups || !t.group.empty();
  }
  const bool status = command == "status";
  const bool reads = status || command == "verify";  // a version each, not a move from one to another
  std::vector<TextTable::Column> columns{{"TARGET"}};
  if (groups) {
    columns.push_back({"GROUP"});
  }
  columns.insert(columns.end(), {{reads ? "VERSION" : "FROM -> TO"},
                                 {status ? "PENDING" : reads ? "CHECKS" : "MIGRATIONS", Align::right},
                                 {"TIME", Align::right},
                                 {"STATE"},
                                 {"NOTE"}});
  TextTable table(columns);
  std::map<TargetState, std::size_t> counts;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const auto& r = report.results[i];
    ++counts[r.state];
    std::vector<std::string> row{targets[i].name};
    if (groups) {
      row.push_back(targets[i].group);
    }
    const bool ran = r.state != TargetState::skipped && r.state != TargetState::waiting;
    row.push_back(ran ? versions(r) : "");
    row.push_back(!ran ? "" : std::to_string(status ? r.pending : r.migrations));
    row.push_back(ran ? format_duration(r.duration) : "");
    row.push_back(util::styled(std::string(fleet::to_string(r.state)), state_style(r.state), colour));
    row.push_back(shortened(r.ok() ? r.note : r.error, 72));
    table.add_row(std::move(row));
  }
  std::string verdict = util::counted(targets.size(), "target") + ": ";
  std::vector<std::string> parts;
  for (const auto state : {TargetState::done, TargetState::failed, TargetState::unreachable, TargetState::skipped}) {
    if (counts[state] > 0) {
      parts.push_back(std::to_string(counts[state]) + " " + std::string(fleet::to_string(state)));
    }
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    verdict += (i == 0 ? "" : ", ") + parts[i];
  }
  verdict += " in " + format_duration(report.duration);
  if (report.canary_failed) {
    verdict += "; a canary failed, so no other target was started";
  }
  const bool all_done = counts[TargetState::done] == targets.size();
  return "\n" + table.render(colour) + "\n" +
         util::styled(verdict, all_done ? util::Style::green : util::Style::red, colour) + "\n";
}

nlohmann::json fleet_json(const std::string& command, const std::string& plan, const std::vector<fleet::Target>& targets,
                          const fleet::FleetReport& report) {
  const auto optional_version = [](const std::optional<core::Version>& v) {
    return v ? version_json(*v) : nlohmann::json();
  };
  auto rows = nlohmann::json::array();
  std::map<std::string, std::size_t> counts;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const auto& r = report.results[i];
    const std::string state(fleet::to_string(r.state));
    ++counts[state];
    rows.push_back({{"name", targets[i].name},
                    {"group", targets[i].group.empty() ? nlohmann::json() : nlohmann::json(targets[i].group)},
                    {"url", targets[i].url.redacted},
                    {"state", state},
                    {"from", optional_version(r.from)},
                    {"to", optional_version(r.to)},
                    {"migrations", r.migrations},
                    {"pending", r.pending},
                    {"note", r.note},
                    {"duration_ms", r.duration.count()},
                    {"error", r.error.empty() ? nlohmann::json() : nlohmann::json(r.error)},
                    {"exit_code", r.exit_code}});
  }
  nlohmann::json summary{{"targets", targets.size()}, {"duration_ms", report.duration.count()},
                         {"canary_failed", report.canary_failed}, {"exit_code", report.exit_code()}};
  for (const auto* state : {"done", "failed", "unreachable", "skipped"}) {
    summary[state] = counts[state];
  }
  return {{"command", command}, {"plan", plan}, {"targets", rows}, {"summary", summary}, {"ok", report.exit_code() == 0}};
}

}  // namespace migrator::report
