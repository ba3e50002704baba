#pragma once
// migrator's own tables (history/store.cpp creates them), as a SQL list: schema fingerprints
// leave them out, so that a rehearsal compares only what the plan made.
#include <string>
#include <string_view>

namespace migrator::db {

inline constexpr std::string_view k_own_tables_list =
    "('migrator_history', 'migrator_plan_requires', 'migrator_repeatables')";

// `sql` with each "{own_tables}" replaced by k_own_tables_list.
inline std::string with_own_tables(std::string_view sql) {
  constexpr std::string_view k_marker = "{own_tables}";
  std::string out(sql);
  for (auto at = out.find(k_marker); at != std::string::npos; at = out.find(k_marker, at)) {
    out.replace(at, k_marker.size(), k_own_tables_list);
  }
  return out;
}

}  // namespace migrator::db
