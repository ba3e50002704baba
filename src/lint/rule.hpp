#pragma once
// A lint rule: a stable id, a default severity, and checks over one statement, one SQL field
// or one whole migration. Rules hold no state; what they need to know of the statements
// before (tables created in this migration...) is in SchemaState. One rule per file in
// lint/rules/, listed in lint/registry.cpp.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/dialect.hpp"
#include "core/source_loc.hpp"
#include "lint/finding.hpp"
#include "lint/pg_parse.hpp"
#include "lint/schema_state.hpp"
#include "lint/sqlite_scan.hpp"
#include "plan/model.hpp"

namespace migrator::lint {

// Which SQL field of a migration a statement comes from.
enum class Field { sql, rollback, verify, preserve };
std::string_view to_string(Field field);

// One SQL text being linted and where it stands in its file.
struct FieldContext {
  const plan::Plan& plan;
  const plan::Migration& migration;
  const plan::Step* step;      // null for a preserve check
  const plan::Check* check;    // the verify or preserve check, else null
  Field field;
  core::Dialect dialect;
  const plan::SqlText& source;
  bool exact_loc = false;      // SQL written by a built-in operation: every offset is source.loc
  const PgParse* pg = nullptr;                             // for the postgres dialect
  const std::vector<SqliteStatement>* sqlite = nullptr;    // for the sqlite dialect

  // Where byte `offset` of the text stands in the file.
  core::SourceLoc at(std::size_t offset) const;
};

// One statement of a field, with what is known before it runs.
struct StatementContext {
  const FieldContext& field;
  const PgStatement* pg = nullptr;          // exactly one of pg and sqlite is set
  const SqliteStatement* sqlite = nullptr;
  const SchemaState& schema;

  const plan::Migration& migration() const { return field.migration; }
  // Where the statement starts, or where a node of its tree stands (its start if none).
  core::SourceLoc at_statement() const;
  core::SourceLoc at_node(const PgNode& node) const;
  std::string_view text() const;
};

class ParseCache;

// A whole migration after all its statements were seen.
struct MigrationContext {
  const plan::Plan& plan;
  const plan::Migration& migration;
  const SchemaState& schema;
  ParseCache& parses;  // the plan's SQL, parsed once (for rules that look at later migrations)
};

// Collects findings; severities and suppressions are applied by the linter afterwards.
class FindingSink {
 public:
  void add(std::string_view rule, Severity severity, core::SourceLoc loc, std::string message,
           std::string fix);
  Findings take();

 private:
  Findings m_findings;
};

class Rule {
 public:
  Rule(std::string_view id, Severity severity, std::string_view summary)
      : m_id(id), m_severity(severity), m_summary(summary) {}
  virtual ~Rule() = default;
  Rule(const Rule&) = delete;
  Rule& operator=(const Rule&) = delete;

  std::string_view id() const { return m_id; }  // stable, kebab-case; never renamed
  Severity severity() const { return m_severity; }
  std::string_view summary() const { return m_summary; }  // one line: what it catches

  // Fields whose statements this rule reads (default: the forward `sql` only; a rollback
  // undoes a step and is expected to drop and rename what the step made).
  virtual bool applies_to(Field field) const { return field == Field::sql; }
  // True for what only `check --rehearse` finds, running the plan (lint/rehearse.cpp).
  virtual bool rehearsal() const { return false; }
  // True for what the traced rehearsal measures against a limit (a time): whether it fires
  // depends on the data and the machine, so an allow of it that suppressed nothing this time
  // is not stale.
  virtual bool measured() const { return false; }

  virtual void check_field(const FieldContext&, FindingSink&) const {}
  virtual void check(const StatementContext&, FindingSink&) const {}
  virtual void check_migration(const MigrationContext&, FindingSink&) const {}

 protected:
  void report(FindingSink& out, core::SourceLoc loc, std::string message, std::string fix) const {
    out.add(m_id, m_severity, std::move(loc), std::move(message), std::move(fix));
  }

 private:
  std::string_view m_id;
  Severity m_severity;
  std::string_view m_summary;
};

// "receipts" in double quotes, as messages name things.
std::string quote_name(std::string_view name);

}  // namespace migrator::lint
