#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class IndexNotConcurrent final : public Rule {
 public:
  IndexNotConcurrent()
      : Rule("index-not-concurrent", Severity::error,
             "CREATE INDEX without CONCURRENTLY (or ADD UNIQUE / PRIMARY KEY building its index) on "
             "an existing table") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto node = pg_tree(ctx);
    if (node.is("IndexStmt") && !node.flag("concurrent")) {
      const auto table = relation_name(node["relation"]);
      if (!ctx.schema.is_new_table(table)) {
        report(out, ctx.at_statement(),
               "CREATE INDEX on " + quote_name(table) + " blocks every write to it while the index builds",
               "CREATE INDEX CONCURRENTLY, in a migration of its own with transaction: false");
      }
      return;
    }
    const auto table = existing_altered_table(ctx);
    if (!table) {
      return;
    }
    for (const auto& cmd : alter_commands(node)) {
      if (cmd.str("subtype") == "AT_AddColumn") {
        check_new_column(ctx, cmd["def"], *table, out);
        continue;
      }
      const auto constraint = cmd["def"];
      const auto type = constraint.str("contype");
      if (cmd.str("subtype") != "AT_AddConstraint" || !constraint.str("indexname").empty() ||
          (type != "CONSTR_UNIQUE" && type != "CONSTR_PRIMARY")) {
        continue;  // (EXCLUDE has no concurrent way: exclusion-constraint's)
      }
      const auto kind = type == "CONSTR_UNIQUE" ? "UNIQUE" : "PRIMARY KEY";
      report(out, ctx.at_node(constraint),
             std::string("ADD ") + kind + " builds its index on " + quote_name(*table) +
                 " while holding an ACCESS EXCLUSIVE lock: no reads, no writes",
             std::string("CREATE UNIQUE INDEX CONCURRENTLY first (transaction: false), then ADD "
                         "CONSTRAINT ... ") +
                 kind + " USING INDEX, which takes the lock only briefly");
    }
  }
 private:
  // ADD COLUMN c text UNIQUE builds the index as ADD CONSTRAINT ... UNIQUE does. (A new column
  // that is the PRIMARY KEY is adding-not-null-column's: its rows are NULL.)
  void check_new_column(const StatementContext& ctx, const PgNode& column, const std::string& table,
                        FindingSink& out) const {
    for (const auto& constraint : column_constraints(column, "CONSTR_UNIQUE")) {
      const auto name = column.str("colname");
      report(out, ctx.at_node(constraint),
             "UNIQUE on the new column " + quote_name(name) + " builds its index on " + quote_name(table) +
                 " while holding an ACCESS EXCLUSIVE lock: no reads, no writes",
             "add the column without UNIQUE, CREATE UNIQUE INDEX CONCURRENTLY on it (transaction: false), then "
             "ADD CONSTRAINT ... UNIQUE USING INDEX");
    }
  }
};

}  // namespace

const Rule& index_not_concurrent() {
  static const IndexNotConcurrent rule;
  return rule;
}

}  // namespace migrator::lint::rules
