#pragma once
// migrator_history: one row per applied migration, per plan. All reads and writes of the
// table live here; the runner decides when.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/connection.hpp"
#include "core/migration_version.hpp"
#include "history/entry.hpp"

namespace migrator::history {

class Store {
 public:
  static constexpr std::string_view k_table = "migrator_history";

  explicit Store(db::Connection& db) : m_db(db) {}

  // The plans each applied plan requires (plan.yaml requires:, as last applied), so that
  // rollback knows, from the database alone, which plans stand on the one it undoes.
  static constexpr std::string_view k_requires_table = "migrator_plan_requires";

  // Creates the tables when missing, and widens an old history's version column to 64
  // bits. Safe to call concurrently from two processes.
  void ensure_table();
  bool table_exists();

  // Rows of one plan, ascending by version; empty when the table does not exist yet. The
  // definitions are most of what reading a long history costs, and only rollback, recovery,
  // verify, repair and a changed file need them: a row read without its definition throws
  // std::logic_error when asked for it.
  enum class Definitions { none, all };
  std::vector<Entry> entries(std::string_view plan, Definitions definitions);
  // Every row, with the definitions of those above `version`: what rollback --to undoes.
  std::vector<Entry> entries_to_roll_back(std::string_view plan, core::Version version);
  // Only the rows a killed run left applying or rolling back, with their definitions: what
  // every run checks first, without reading a long history twice.
  std::vector<Entry> unfinished_entries(std::string_view plan);
  // Every plan name with history in this database.
  std::vector<std::string> plans();

  void insert(const Entry& entry);
  // The statements insert() and remove() run, for a transaction to commit with
  // (db::Transaction::commit_after): one round trip fewer per migration on PostgreSQL, where
  // they EXECUTE statements prepared once per session (db::Connection::prepare).
  // `add_message_time`: the row goes in the same message as the step it records
  // (db::Transaction::commit_after_step), so duration_ms adds what the server spent on that
  // message so far (PostgreSQL's statement_timestamp() is when the message arrived).
  std::string insert_sql(const Entry& entry, bool add_message_time = false) const;
  std::string remove_sql(std::string_view plan, core::Version version) const;
  void set_progress(std::string_view plan, core::Version version, Status status, int steps_done);
  void set_applied(std::string_view plan, core::Version version, std::int64_t duration_ms);
  void remove(std::string_view plan, core::Version version);
  // Changes the versions of rows (old key, new key), and the versions repeatable migrations
  // ran after, in one transaction: a Flyway plan that gained its first dotted version keys
  // all its versions dotted from then on.
  void rekey(std::string_view plan, const std::vector<std::pair<core::Version, core::Version>>& changes);
  // Replaces the name, checksum, file and definition of an applied row (migrator repair):
  // what it was applied as is kept (applied_at, applied_by, duration).
  void record_definition(const Entry& entry);

  // Repeatable migrations (history/repeatables.cpp): every definition run, oldest first
  // per name, names in order; the statements that add one and drop those after a version.
  static constexpr std::string_view k_repeatables_table = "migrator_repeatables";
  void ensure_repeatables_table();
  std::vector<RepeatableEntry> repeatable_entries(std::string_view plan);
  std::string insert_repeatable_sql(const RepeatableEntry& entry) const;
  std::string remove_repeatables_sql(std::string_view plan, std::string_view name, int from_seq) const;

  // Replaces what `plan` is recorded to require.
  void record_requires(std::string_view plan, const std::vector<std::string>& required);
  // Every recorded (plan, required plan) pair; empty before the first apply.
  std::vector<std::pair<std::string, std::string>> requirements();

 private:
  bool exists(std::string_view table);
  // `definition`: the column's expression (NULL where a row's definition is not read).
  std::vector<Entry> entries_where(std::string_view plan, std::string_view condition, std::string_view definition);
  void create(std::string_view table, const std::string& sql);
  void widen_version_column();
  void add_origin_column();
  bool has_origin_column();

  db::Connection& m_db;
  std::optional<bool> m_has_origin;  // looked up once per store
  bool m_table_seen = false;         // migrator_history was there (it is never dropped)
};

// "user@host" of this process, for the applied_by column.
std::string current_user();
// Now, as ISO-8601 UTC with seconds ("2026-11-24T18:00:00Z").
std::string utc_now();

}  // namespace migrator::history
