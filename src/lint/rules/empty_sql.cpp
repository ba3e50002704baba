// A step or rollback that runs nothing: real histories hold empty down files and
// whitespace-only ups. They run as no-ops, as in the tools that wrote them; this says so,
// naming the file, because an empty down is most often a rollback nobody wrote.
#include <algorithm>

#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

const plan::Sql* field_sql(const FieldContext& ctx) {
  if (ctx.step == nullptr) {
    return nullptr;
  }
  const auto* action = ctx.field == Field::sql ? &ctx.step->action
                       : ctx.step->rollback     ? &*ctx.step->rollback
                                                : nullptr;
  return action != nullptr ? std::get_if<plan::Sql>(action) : nullptr;
}

// Only a text common to every dialect (and every SQL file) is reported, once: a variant
// written for one dialect that runs nothing ("-- declared in CREATE TABLE on SQLite") says
// so on purpose.
bool reported_here(const FieldContext& ctx) {
  const auto* sql = field_sql(ctx);
  if (sql == nullptr || !sql->common || &*sql->common != &ctx.source) {
    return false;
  }
  const auto& targets = ctx.plan.dialects;
  const bool postgres_linted =
      targets.empty() || std::find(targets.begin(), targets.end(), core::Dialect::postgres) != targets.end();
  return ctx.dialect == core::Dialect::postgres || !postgres_linted;
}

class EmptySql final : public Rule {
 public:
  EmptySql()
      : Rule("empty-sql", Severity::warning,
             "a step or rollback whose SQL runs nothing (an empty file, only blanks or comments)") {}

  bool applies_to(Field field) const override { return field == Field::sql || field == Field::rollback; }

  void check_field(const FieldContext& ctx, FindingSink& out) const override {
    const bool empty = ctx.pg != nullptr ? ctx.pg->statements().empty() && ctx.pg->errors().empty()
                                         : ctx.sqlite != nullptr && ctx.sqlite->empty();
    if (!empty || ctx.exact_loc || !reported_here(ctx)) {
      return;
    }
    // A SQL file is named by its file; a YAML field by its step.
    const bool file = ctx.source.loc.file.extension() == ".sql";
    const auto file_name = ctx.source.loc.file.filename().string();
    if (ctx.field == Field::rollback) {
      report(out, ctx.at(0),
             (file ? "the down migration " + file_name : "the rollback of step " + quote_name(ctx.step->name)) +
                 " runs nothing: rolling back leaves whatever the migration made",
             "write the SQL that undoes it; if there truly is nothing to undo, check --rehearse --db URL "
             "shows it (the schema after the rollback equals the one before)");
    } else {
      report(out, ctx.at(0), (file ? file_name : "step " + quote_name(ctx.step->name)) + " runs nothing",
             "write its SQL, or remove the migration if it is not needed (once applied nowhere)");
    }
  }
};

}  // namespace

const Rule& empty_sql() {
  static const EmptySql rule;
  return rule;
}

}  // namespace migrator::lint::rules
