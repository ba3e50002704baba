#pragma once
// unbatched-update and unbatched-delete: one statement that changes every row of an existing
// table holds all their row locks until the migration commits, and leaves as many dead rows.
#include "lint/rules/helpers.hpp"

namespace migrator::lint::rules {

class UnbatchedWrite final : public Rule {
 public:
  UnbatchedWrite(std::string_view id, std::string_view summary, std::string_view statement_type,
                 std::string_view verb, std::string_view fix)
      : Rule(id, Severity::error, summary), m_statement_type(statement_type), m_verb(verb), m_fix(fix) {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto node = pg_tree(ctx);
    if (!node.is(m_statement_type) || node["whereClause"]) {
      return;
    }
    const auto table = relation_name(node["relation"]);
    if (ctx.schema.is_new_table(table)) {
      return;
    }
    const auto scope = ctx.migration().transaction ? "until the migration commits" : "until it ends";
    report(out, ctx.at_statement(),
           std::string(m_verb) + " of every row of " + quote_name(table) +
               " in one statement: it locks them all " + scope + ", and leaves as many dead rows",
           std::string(m_fix));
  }

 private:
  std::string_view m_statement_type;
  std::string_view m_verb;
  std::string_view m_fix;
};

}  // namespace migrator::lint::rules
