#include <algorithm>

#include "lint/parse_cache.hpp"
#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

// "a, b": a column list as SQL writes it.
std::string column_list(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) {
    out += (out.empty() ? "" : ", ") + c;
  }
  return out;
}

// A key added in one migration is often indexed in the next: an index a later migration of
// the plan creates counts.
bool indexed_later(const MigrationContext& ctx, const AddedForeignKey& fk) {
  const auto& migrations = ctx.plan.migrations;
  const auto here = static_cast<std::size_t>(
      std::find_if(migrations.begin(), migrations.end(), [&](const auto& m) { return &m == &ctx.migration; }) -
      migrations.begin());  // (a repeatable is after them all)
  SchemaState later;
  for (const auto& created : ctx.parses.created_indexes(ctx.plan, here)) {
    if (created.migration > here) {
      later.indexes["#" + std::to_string(later.indexes.size())] = created.index;
    }
  }
  return later.has_index_leading_with(fk.table, fk.columns);
}

// Judged at the migration's end: the index is usually created by a later statement of the
// same migration.
class ForeignKeyWithoutIndex final : public Rule {
 public:
  ForeignKeyWithoutIndex()
      : Rule("foreign-key-without-index", Severity::warning,
             "a foreign key whose columns lead no index of their table") {}

  void check_migration(const MigrationContext& ctx, FindingSink& out) const override {
    for (const auto& fk : ctx.schema.added_foreign_keys) {
      if (fk.columns.empty() || ctx.schema.has_index_leading_with(fk.table, fk.columns) ||
          indexed_later(ctx, fk)) {
        continue;
      }
      const auto columns = column_list(fk.columns);
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
