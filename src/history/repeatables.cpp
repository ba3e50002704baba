// migrator_repeatables: the definitions of repeatable migrations, every one that ran, so
// that rollback can put back the one that was current at a version.
#include "history/cell.hpp"
#include "history/serialize.hpp"
#include "history/store.hpp"
#include "util/sql_quote.hpp"

namespace migrator::history {

using util::sql_quote;

std::vector<RepeatableEntry> Store::repeatable_entries(std::string_view plan) {
  std::vector<RepeatableEntry> out;
  if (!exists(k_repeatables_table)) {
    return out;
  }
  const auto result = m_db.query(
      "SELECT name, seq, checksum, after_version, applied_at, duration_ms, applied_by, file, definition "
      "FROM migrator_repeatables WHERE plan = " + sql_quote(plan) + " ORDER BY name, seq");
  for (const auto& row : result.rows) {
    RepeatableEntry e;
    e.plan = std::string(plan);
    e.name = row[0].value_or("");
    e.seq = static_cast<int>(to_int(row[1]));
    e.checksum = row[2].value_or("");
    e.after_version = to_int(row[3]);
    e.applied_at = row[4].value_or("");
    e.duration_ms = to_int(row[5]);
    e.applied_by = row[6].value_or("");
    e.file = row[7].value_or("");
    e.definition = deserialize(row[8].value_or("{}"));
    e.definition.name = e.name;
    e.definition.sha256 = e.checksum;
    e.definition.repeatable = true;
    out.push_back(std::move(e));
  }
  return out;
}

std::string Store::insert_repeatable_sql(const RepeatableEntry& e) const {
  return "INSERT INTO migrator_repeatables (plan, name, seq, checksum, after_version, applied_at, duration_ms, "
         "applied_by, file, definition) VALUES (" +
         sql_quote(e.plan) + ", " + sql_quote(e.name) + ", " + std::to_string(e.seq) + ", " + sql_quote(e.checksum) +
         ", " + std::to_string(e.after_version) + ", " + sql_quote(e.applied_at) + ", " +
         std::to_string(e.duration_ms) + ", " + sql_quote(e.applied_by) + ", " + sql_quote(e.file) + ", " +
         sql_quote(serialize(e.definition, m_db.dialect())) + ")";
}

std::string Store::remove_repeatables_sql(std::string_view plan, std::string_view name, int from_seq) const {
  return "DELETE FROM migrator_repeatables WHERE plan = " + sql_quote(plan) + " AND name = " + sql_quote(name) +
         " AND seq >= " + std::to_string(from_seq);
}

}  // namespace migrator::history
