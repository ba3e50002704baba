#pragma once
// Facts about PostgreSQL statements that several rules (and the schema tracker) need.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lint/pg_node.hpp"

namespace migrator::lint {

// The table a RangeVar names, without its schema ("receipts" for public.receipts).
std::string relation_name(const PgNode& range_var);

// The AlterTableCmd nodes of an AlterTableStmt (empty for anything else).
std::vector<PgNode> alter_commands(const PgNode& statement);

// A column type as written: "varchar" with modifiers {20}, "numeric" {10, 2}.
struct ColumnType {
  std::string name;
  std::vector<std::int64_t> mods;
  bool array = false;
  std::string str() const;  // varchar(20)
};
ColumnType column_type(const PgNode& type_name);

// The column of a CHECK (column IS NOT NULL) constraint; nullopt for any other constraint.
std::optional<std::string> not_null_check_column(const PgNode& constraint);

// The constraints of a ColumnDef with contype `contype` (e.g. "CONSTR_NOTNULL").
std::vector<PgNode> column_constraints(const PgNode& column_def, std::string_view contype);

// Why a statement cannot run inside a transaction block (or, for a DO block or CALL that
// commits, should not): "CREATE INDEX CONCURRENTLY"; nullopt when it can.
std::optional<std::string> needs_no_transaction(const PgNode& statement);

// "CREATE INDEX CONCURRENTLY" when the statement uses CONCURRENTLY in a way PostgreSQL refuses
// inside a transaction block; nullopt otherwise.
std::optional<std::string> concurrently_clause(const PgNode& statement);

// What a statement locks ACCESS EXCLUSIVE (ALTER TABLE, DROP, TRUNCATE, RENAME, DROP INDEX,
// LOCK TABLE, REINDEX...); empty when it takes no such lock.
struct LockTarget {
  std::string name;
  bool index = false;  // DROP INDEX names the index; the lock is on its table
};
std::vector<LockTarget> access_exclusive_targets(const PgNode& statement);

// True for an ALTER TABLE with a subcommand that reads every row or rewrites the table: a
// type change, SET NOT NULL, a CHECK or FOREIGN KEY added without NOT VALID.
bool alter_scans_or_rewrites(const PgNode& statement);

// True for a statement that is over at once whatever the tables' sizes: it only changes the
// catalog (RENAME, COMMENT, CREATE VIEW, GRANT, DROP CONSTRAINT, SET DEFAULT, a plain ADD
// COLUMN...) or reads no table (SELECT 1).
bool is_instant(const PgNode& statement);

// True for the volatile built-in functions usual in defaults (random, gen_random_uuid,
// nextval, clock_timestamp...); now() and CURRENT_TIMESTAMP are stable.
bool is_volatile_builtin(std::string_view name);

// How a person names the statement: "ALTER TABLE", "DROP INDEX", "TRUNCATE".
std::string statement_label(const PgNode& statement);

// The value of SET [LOCAL] lock_timeout or set_config('lock_timeout', ...); nullopt otherwise.
std::optional<std::string> lock_timeout_setting(const PgNode& statement);

// A SELECT that changes nothing: no INTO, no FOR UPDATE/SHARE, no data-modifying WITH.
bool is_read_only_select(const PgNode& statement);

}  // namespace migrator::lint
