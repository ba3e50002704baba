#pragma once
// The columns a statement declares, for the rules about column types: CREATE TABLE's columns,
// ALTER TABLE ... ADD COLUMN and ALTER COLUMN ... TYPE.
#include <optional>
#include <string>
#include <vector>

#include "lint/rule.hpp"

namespace migrator::lint::rules {

struct DeclaredColumn {
  std::string table;
  std::string column;
  PgNode type_node;  // its TypeName, where a finding stands
  ColumnType type;   // "int4", "varchar" {20}, "serial"...
  bool key = false;  // the table's (single-column) primary key, or an identity column
};
std::vector<DeclaredColumn> declared_columns(const StatementContext& ctx);

// True when the statement's text is the field's one text for every dialect and the plan
// runs on SQLite too: a PostgreSQL-only type there would not be portable.
bool runs_on_sqlite_too(const StatementContext& ctx);

}  // namespace migrator::lint::rules

namespace migrator::lint::rules {

// A rule about the type each declared column is given (the type-style rules): judge() says
// what is wrong with one column and how to fix it, or nothing.
class DeclaredTypeRule : public Rule {
 public:
  using Rule::Rule;
  void check(const StatementContext& ctx, FindingSink& out) const override;

 protected:
  struct Verdict {
    std::string message;
    std::string fix;
  };
  virtual std::optional<Verdict> judge(const DeclaredColumn& column, const StatementContext& ctx) const = 0;
};

}  // namespace migrator::lint::rules
