#pragma once
// What the linter knows of the schema at a statement, from the statements before it: which
// tables this migration created (most rules are harmless on those), column types declared in
// the plan, CHECK (column IS NOT NULL) constraints, and whether lock_timeout was set.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/source_loc.hpp"
#include "lint/pg_ast.hpp"

namespace migrator::lint {

struct PgStatement;
struct SqliteStatement;

struct NotNullCheck {
  std::string table;
  std::string column;
  bool validated = false;
};

// An index (or the index of a PRIMARY KEY or UNIQUE constraint) and its columns in order.
struct KnownIndex {
  std::string table;
  std::vector<std::string> columns;
};

// A foreign key added by this migration, for foreign-key-without-index at its end.
struct AddedForeignKey {
  std::string table;
  std::vector<std::string> columns;
  std::string referenced;
  core::SourceLoc loc;  // its statement; the linter moves it to the constraint itself
  int offset = -1;      // the constraint's byte offset in the text parsed (-1: unknown)
};

// An ACCESS EXCLUSIVE lock a statement of this migration took on an existing table.
struct HeldLock {
  std::string name;       // the table, or the index whose table it is (DROP INDEX)
  bool index = false;
  std::string statement;  // "ALTER TABLE"
  core::SourceLoc loc;
};

// A statement that needs (or is better run) outside a transaction block.
struct NoTransactionNeed {
  core::SourceLoc loc;
  std::string what;
};

struct SchemaState {
  // Known from the whole plan so far (a table created by an earlier migration exists).
  std::map<std::string, std::map<std::string, ColumnType>> columns;  // table -> column -> type
  std::map<std::string, NotNullCheck> not_null_checks;               // by constraint name
  // Functions the plan created: name -> "immutable", "stable" or "volatile" (PostgreSQL's
  // default when CREATE FUNCTION says none), as a default that calls one rewrites or not.
  std::map<std::string, std::string> function_volatility;
  // LANGUAGE sql functions PostgreSQL inlines where they are called, into an expression that
  // calls nothing volatile: a default calling one is a constant (traced: no rewrite).
  std::set<std::string> inlined_functions;
  // Indexes by name (constraints' by a name of their own): whether a foreign key's columns
  // lead one.
  std::map<std::string, KnownIndex> indexes;

  // This migration only; begin_migration() clears them.
  std::set<std::string> new_tables;
  std::set<std::string> new_indexes;
  std::set<std::string> not_valid_constraints;  // added NOT VALID in this migration
  bool lock_timeout_set = false;
  std::vector<NoTransactionNeed> no_transaction_needs;
  std::map<std::string, int> row_changes;       // UPDATE/DELETE statements per table
  std::vector<AddedForeignKey> added_foreign_keys;
  std::optional<HeldLock> access_exclusive;     // the first one taken (held to the commit)
  int statements_since_access_exclusive = 0;
  std::string previous_scanning_alter;          // the statement before: an ALTER TABLE of this
                                                // existing table that scans or rewrites it

  void begin_migration();
  bool is_new_table(const std::string& table) const { return new_tables.count(table) != 0; }
  // A validated CHECK (column IS NOT NULL) lets SET NOT NULL skip its full-table scan.
  bool has_validated_not_null_check(const std::string& table, const std::string& column) const;
  std::optional<ColumnType> column_type(const std::string& table, const std::string& column) const;
  // True when an index's leading columns are `columns` (in any order).
  bool has_index_leading_with(const std::string& table, const std::vector<std::string>& columns) const;

  // Learns from a forward statement that has run (`loc`: where it stands).
  void track(const PgStatement& statement, const core::SourceLoc& loc);
  void track(const SqliteStatement& statement, const core::SourceLoc& loc);
  // A verify or preserve check's statement, run in the migration's transaction after the
  // steps before it: it counts among the statements run under a held lock.
  void track_check(const PgStatement& statement);

 private:
  void track_alter(const PgNode& statement, const core::SourceLoc& loc);
  void track_function(const PgNode& statement);
  bool inlined_without_volatile(const PgNode& create_function) const;
  void track_keys(const std::string& table, const PgNode& constraint, const std::string& column,
                  const core::SourceLoc& loc);
  void track_locks(const PgNode& statement, const core::SourceLoc& loc);
};

}  // namespace migrator::lint
