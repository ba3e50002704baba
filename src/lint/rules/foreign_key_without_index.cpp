#include <algorithm>
#include <cctype>

#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

bool mentions_an_index(std::string_view sql) {
  std::string upper(sql);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  return upper.find("INDEX") != std::string::npos || upper.find("UNIQUE") != std::string::npos ||
         upper.find("PRIMARY") != std::string::npos;
}

// The indexes the plan's migrations after `current` create (a key is often added in one
// migration and indexed in the next): parsed only when a key is still without one, and only
// the texts that mention an index.
SchemaState later_indexes(const plan::Plan& plan, const plan::Migration& current) {
  SchemaState later;
  bool after = false;
  for (const auto& m : plan.migrations) {
    if (!after) {
      after = &m == &current;
      continue;
    }
    for (const auto& step : m.steps) {
      const auto* sql = std::get_if<plan::Sql>(&step.action);
      const auto* text = sql != nullptr ? sql->for_dialect(core::Dialect::postgres) : nullptr;
      if (text == nullptr || !mentions_an_index(text->text)) {
        continue;
      }
      const auto parse = PgParse::parse(text->text);
      for (const auto& statement : parse.statements()) {
        later.track(statement, text->loc);
      }
    }
  }
  return later;
}

std::string joined(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) {
    out += (out.empty() ? "" : ", ") + c;
  }
  return out;
}

// Judged at the migration's end: the index is usually created by a later statement of the
// same migration.
class ForeignKeyWithoutIndex final : public Rule {
 public:
  ForeignKeyWithoutIndex()
      : Rule("foreign-key-without-index", Severity::warning,
             "a foreign key whose columns lead no index of their table") {}

  void check_migration(const MigrationContext& ctx, FindingSink& out) const override {
    std::optional<SchemaState> later;
    for (const auto& fk : ctx.schema.added_foreign_keys) {
      if (fk.columns.empty() || ctx.schema.has_index_leading_with(fk.table, fk.columns)) {
        continue;
      }
      if (!later) {
        later = later_indexes(ctx.plan, ctx.migration);
      }
      if (later->has_index_leading_with(fk.table, fk.columns)) {
        continue;
      }
      const auto columns = joined(fk.columns);
      report(out, fk.loc,
             "the foreign key (" + columns + ") of " + quote_name(fk.table) + " to " + quote_name(fk.referenced) +
                 " has no index: every DELETE or key UPDATE in " + quote_name(fk.referenced) +
                 " scans all of " + quote_name(fk.table) + ", and so does a join on it",
             "CREATE INDEX CONCURRENTLY ON " + fk.table + " (" + columns + ") (transaction: false), or in "
             "this migration if the table is new");
    }
  }
};

}  // namespace

const Rule& foreign_key_without_index() {
  static const ForeignKeyWithoutIndex rule;
  return rule;
}

}  // namespace migrator::lint::rules
