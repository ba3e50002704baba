#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

// Changes PostgreSQL makes without rewriting the table (binary-coercible, no narrower).
bool converts_in_place(const ColumnType& from, const ColumnType& to) {
  if (from.array != to.array) {
    return false;
  }
  // The type it already has (seen on real histories: uuid to uuid, jsonb to jsonb): nothing to
  // rewrite, and PostgreSQL 15 keeps the table's file (its relfilenode), as measured.
  if (from.name == to.name && from.mods == to.mods) {
    return true;
  }
  const bool from_text = from.name == "varchar" || from.name == "text";
  if (from_text && to.name == "text") {
    return true;
  }
  if (from_text && to.name == "varchar") {
    return to.mods.empty() || (from.name == "varchar" && !from.mods.empty() && to.mods[0] >= from.mods[0]);
  }
  if (from.name == "numeric" && to.name == "numeric") {
    if (to.mods.empty()) {
      return true;
    }
    const auto scale = [](const ColumnType& t) { return t.mods.size() > 1 ? t.mods[1] : 0; };
    return !from.mods.empty() && to.mods[0] >= from.mods[0] && scale(to) == scale(from);
  }
  return from.name == "cidr" && to.name == "inet";
}

class ColumnTypeRewrite final : public Rule {
 public:
  ColumnTypeRewrite()
      : Rule("column-type-rewrite", Severity::error,
             "ALTER COLUMN ... TYPE that rewrites an existing table") {}

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto alter = existing_alter(ctx, "AT_AlterColumnType");
    if (!alter) {
      return;
    }
    const auto& table = alter->table;
    for (const auto& cmd : alter->commands) {
      const auto column = cmd.str("name");
      const auto to = column_type(cmd["def"]["typeName"]);
      const auto from = ctx.schema.column_type(table, column);
      const bool using_clause = static_cast<bool>(cmd["def"]["raw_default"]);
      if (!using_clause && from && converts_in_place(*from, to)) {
        continue;
      }
      const auto what = quote_name(table + "." + column);
      const auto message =
          from ? "changing " + what + " from " + from->str() + " to " + to.str() +
                     " rewrites the whole table under an ACCESS EXCLUSIVE lock"
               : "changing " + what + " to " + to.str() +
                     " rewrites the whole table under an ACCESS EXCLUSIVE lock, unless the old type "
                     "converts in place (varchar to a longer varchar or text, numeric to a wider "
                     "precision)";
      report(out, ctx.at_statement(), message,
             "add a new column of type " + to.str() +
                 ", backfill it in batches, move readers and writers to it, then drop the old one");
    }
  }
};

}  // namespace

const Rule& column_type_rewrite() {
  static const ColumnTypeRewrite rule;
  return rule;
}

}  // namespace migrator::lint::rules
