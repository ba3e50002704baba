#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

struct Problem {
  std::string what;  // "CREATE INDEX"
  std::string fix;
};

std::optional<Problem> alter_problem(const PgNode& node) {
  for (const auto& cmd : alter_commands(node)) {
    const auto subtype = cmd.str("subtype");
    if (subtype == "AT_AddColumn" && !cmd.flag("missing_ok")) {
      return Problem{"ADD COLUMN", "write ADD COLUMN IF NOT EXISTS"};
    }
    if ((subtype == "AT_DropColumn" || subtype == "AT_DropConstraint") && !cmd.flag("missing_ok")) {
      return Problem{subtype == "AT_DropColumn" ? "DROP COLUMN" : "DROP CONSTRAINT",
                     "write DROP ... IF EXISTS"};
    }
    if (subtype == "AT_AddConstraint") {
      return Problem{"ADD CONSTRAINT",
                     "put it in a transactional migration, or in a DO block that first looks it up in "
                     "pg_constraint"};
    }
  }
  return std::nullopt;
}

// Why running the statement a second time fails or does the work twice; nullopt if it is safe.
std::optional<Problem> non_idempotent(const PgNode& node) {
  const auto type = node.type();
  if (type == "IndexStmt" && !node.flag("if_not_exists")) {
    return Problem{"CREATE INDEX",
                   "write CREATE INDEX CONCURRENTLY IF NOT EXISTS, and drop first an INVALID index "
                   "that an interrupted build left behind"};
  }
  if ((type == "CreateStmt" || type == "CreateSeqStmt") && !node.flag("if_not_exists")) {
    return Problem{type == "CreateStmt" ? "CREATE TABLE" : "CREATE SEQUENCE", "write CREATE ... IF NOT EXISTS"};
  }
  if (type == "CreateTableAsStmt" && !node.flag("if_not_exists")) {
    return Problem{"CREATE TABLE AS", "write CREATE TABLE IF NOT EXISTS ... AS"};
  }
  if (type == "DropStmt" && !node.flag("missing_ok")) {
    return Problem{"DROP", "write DROP ... IF EXISTS"};
  }
  if (type == "RenameStmt") {
    return Problem{"RENAME", "put the rename in a transactional migration"};
  }
  if (type == "InsertStmt" && !node["onConflictClause"]) {
    return Problem{"INSERT", "add ON CONFLICT DO NOTHING (or a WHERE NOT EXISTS)"};
  }
  if (type == "AlterTableStmt") {
    return alter_problem(node);
  }
  return std::nullopt;
}

class NonIdempotentNoTransaction final : public Rule {
 public:
  NonIdempotentNoTransaction()
      : Rule("non-idempotent-no-transaction", Severity::warning,
             "a statement that cannot run twice, in a transaction: false migration") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    if (ctx.migration().transaction) {
      return;
    }
    const auto problem = non_idempotent(pg_tree(ctx));
    if (!problem) {
      return;
    }
    report(out, ctx.at_statement(),
           problem->what + " fails (or repeats its work) when run again, and " +
               migration_name(ctx.migration()) +
               " has no transaction: after an interruption its unfinished step runs again",
           problem->fix);
  }
};

}  // namespace

const Rule& non_idempotent_no_transaction() {
  static const NonIdempotentNoTransaction rule;
  return rule;
}

}  // namespace migrator::lint::rules
