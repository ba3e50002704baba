#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class ConstraintNotValid final : public Rule {
 public:
  ConstraintNotValid()
      : Rule("constraint-not-valid", Severity::error,
             "a FOREIGN KEY or CHECK added to an existing table without NOT VALID, or validated in "
             "the transaction that added it") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto table = existing_altered_table(ctx);
    if (!table) {
      return;
    }
    for (const auto& cmd : alter_commands(pg_tree(ctx))) {
      const auto subtype = cmd.str("subtype");
      if (subtype == "AT_AddConstraint") {
        check_added(ctx, cmd["def"], *table, out);
      } else if (subtype == "AT_AddColumn") {
        check_new_column(ctx, cmd["def"], *table, out);
      } else if (subtype == "AT_ValidateConstraint" && ctx.migration().transaction &&
                 ctx.schema.not_valid_constraints.count(cmd.str("name")) != 0) {
        report(out, ctx.at_statement(),
               "VALIDATE CONSTRAINT " + quote_name(cmd.str("name")) +
                   " runs in the transaction that added it NOT VALID: the ACCESS EXCLUSIVE lock of "
                   "the ADD is held through the whole validation",
               "move VALIDATE CONSTRAINT " + cmd.str("name") + " to a later migration");
      }
    }
  }

 private:
  // ADD COLUMN c integer REFERENCES t (or CHECK (...)): checked against every row as the
  // same written ADD CONSTRAINT is, and NOT VALID cannot be said inline.
  void check_new_column(const StatementContext& ctx, const PgNode& column, const std::string& table,
                        FindingSink& out) const {
    for (const auto* type : {"CONSTR_FOREIGN", "CONSTR_CHECK"}) {
      for (const auto& constraint : column_constraints(column, type)) {
        const bool foreign = std::string_view(type) == "CONSTR_FOREIGN";
        const auto name = column.str("colname");
        report(out, ctx.at_node(constraint),
               std::string(foreign ? "REFERENCES " + quote_name(relation_name(constraint["pktable"])) : "CHECK") +
                   " on the new column " + quote_name(name) + " is checked against every row of " +
                   quote_name(table) + (foreign ? " while writes to both wait" : " while it is locked ACCESS EXCLUSIVE"),
               "add the column without it, then ADD CONSTRAINT ... " +
                   std::string(foreign ? "FOREIGN KEY (" + name + ") REFERENCES ..." : "CHECK (...)") +
                   " NOT VALID, and VALIDATE CONSTRAINT in a later migration");
      }
    }
  }

  void check_added(const StatementContext& ctx, const PgNode& constraint, const std::string& table,
                   FindingSink& out) const {
    const auto type = constraint.str("contype");
    if ((type != "CONSTR_FOREIGN" && type != "CONSTR_CHECK") || constraint.flag("skip_validation")) {
      return;
    }
    const auto name = constraint.str("conname");
    const auto label = name.empty() ? std::string() : " " + quote_name(name);
    const auto message =
        type == "CONSTR_FOREIGN"
            ? "FOREIGN KEY" + label + " is checked against every row of " + quote_name(table) +
                  " while writes to it and to " + quote_name(relation_name(constraint["pktable"])) + " wait"
            : "CHECK" + label + " is checked against every row of " + quote_name(table) +
                  " while it is locked ACCESS EXCLUSIVE";
    report(out, ctx.at_node(constraint), message,
           "add it NOT VALID (new rows are checked at once), then VALIDATE CONSTRAINT " +
               (name.empty() ? std::string("it") : name) +
               " in a later migration: validation lets reads and writes go on");
  }
};

}  // namespace

const Rule& constraint_not_valid() {
  static const ConstraintNotValid rule;
  return rule;
}

}  // namespace migrator::lint::rules
