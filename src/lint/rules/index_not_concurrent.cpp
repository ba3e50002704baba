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
      const auto constraint = cmd["def"];
      const auto type = constraint.str("contype");
      if (cmd.str("subtype") != "AT_AddConstraint" || !constraint.str("indexname").empty() ||
          (type != "CONSTR_UNIQUE" && type != "CONSTR_PRIMARY" && type != "CONSTR_EXCLUSION")) {
        continue;
      }
      const auto kind = type == "CONSTR_UNIQUE" ? "UNIQUE" : type == "CONSTR_PRIMARY" ? "PRIMARY KEY" : "EXCLUDE";
      report(out, ctx.at_node(constraint),
             std::string("ADD ") + kind + " builds its index on " + quote_name(*table) +
                 " while holding an ACCESS EXCLUSIVE lock: no reads, no writes",
             std::string("CREATE UNIQUE INDEX CONCURRENTLY first (transaction: false), then ADD "
                         "CONSTRAINT ... ") +
                 kind + " USING INDEX, which takes the lock only briefly");
    }
  }
};

}  // namespace

const Rule& index_not_concurrent() {
  static const IndexNotConcurrent rule;
  return rule;
}

}  // namespace migrator::lint::rules
