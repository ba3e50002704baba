#pragma once
// A fleet run as a person and a script see it: while it runs, a line per finished target and,
// on a terminal, the running ones redrawn under them; at the end one table (target, from ->
// to, migrations, time, state, first error line) and a verdict; the same as JSON.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <string>

#include "fleet/fleet.hpp"

namespace migrator::report {

class FleetProgress : public fleet::FleetObserver {
 public:
  // `live`: redraw the unfinished targets (a terminal); `quiet`: print nothing while it runs.
  FleetProgress(std::FILE* out, const std::vector<fleet::Target>& targets, bool live, bool quiet, bool colour);
  void on_change(std::size_t index, const fleet::Target& target, const fleet::TargetResult& result,
                 std::string_view activity) override;
  // Removes the redrawn lines (before the summary).
  void finish();

 private:
  void erase_block();
  void draw_block();

  std::FILE* m_out;
  const std::vector<fleet::Target>& m_targets;
  std::size_t m_total;
  // A fleet this small has a line for each waiting target too; a larger one counts them.
  bool m_list_waiting;
  std::vector<bool> m_done;
  bool m_live;
  bool m_quiet;
  bool m_colour;
  std::size_t m_finished = 0;
  std::size_t m_failed = 0;
  std::map<std::size_t, std::string> m_running;  // index -> its line
  std::size_t m_drawn_lines = 0;
};

// "  tenant-a  7 -> 9  2 migrations  40 ms" as a finished target's line (no colour: `colour`).
std::string fleet_line(const fleet::Target& target, const fleet::TargetResult& result, bool colour);

// The table and the verdict line. `command` names the work ("apply", "status", ...).
std::string fleet_summary(const std::string& command, const std::vector<fleet::Target>& targets,
                          const fleet::FleetReport& report, bool colour);

nlohmann::json fleet_json(const std::string& command, const std::string& plan, const std::vector<fleet::Target>& targets,
                          const fleet::FleetReport& report);

}  // namespace migrator::report
