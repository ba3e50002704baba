#include "runner/operations/not_null.hpp"

#include "runner/operations/sqlite_table_sql.hpp"
#include "util/sql_quote.hpp"

namespace migrator::runner::operations {
namespace {

std::string quote_ident(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  return out + "\"";
}

}  // namespace

std::string SetNotNull::describe(const plan::Operation& op, core::Dialect dialect,
                                  double /*scale*/) const {
  const auto& table = op.args.at("table");
  const auto& column = op.args.at("column");
  if (dialect == core::Dialect::postgres) {
    return "ALTER TABLE " + quote_ident(table) + " ALTER COLUMN " + quote_ident(column) +
           (m_not_null ? " SET NOT NULL;" : " DROP NOT NULL;");
  }
  return "-- " + std::string(kind()) + ": edit the definition of " + table + "." + column +
         " in sqlite_schema (writable_schema), then PRAGMA quick_check";
}

void SetNotNull::run(const plan::Operation& op, OperationContext& ctx) const {
  const auto& table = op.args.at("table");
  const auto& column = op.args.at("column");
  if (ctx.db.dialect() == core::Dialect::postgres) {
    ctx.db.exec(describe(op, ctx.db.dialect(), ctx.scale));
    return;
  }
  const auto schema = ctx.db.query(
      "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = " + util::sql_quote(table));
  if (schema.rows.empty() || !schema.rows[0][0]) {
    throw db::SqlError("no such table: " + table, "", 0);
  }
  const auto edited = with_not_null(*schema.rows[0][0], column, m_not_null);
  if (!edited) {
    throw db::SqlError("no such column: " + table + "." + column, "", 0);
  }
  if (m_not_null) {
    const auto nulls = ctx.db.query("SELECT count(*) FROM " + quote_ident(table) + " WHERE " +
                                    quote_ident(column) + " IS NULL");
    const auto count = nulls.rows.at(0).at(0).value_or("0");
    if (count != "0") {
      throw db::SqlError(count + " rows of " + table + " have NULL in " + column +
                             "; backfill them before making the column NOT NULL",
                         "", 0);
    }
  }
  const auto version = ctx.db.query("PRAGMA schema_version").rows.at(0).at(0).value_or("0");
  ctx.db.exec("PRAGMA writable_schema = ON;\nUPDATE sqlite_schema SET sql = " +
              util::sql_quote(*edited) + " WHERE type = 'table' AND name = " +
              util::sql_quote(table) + ";\nPRAGMA schema_version = " +
              std::to_string(std::stoll(version) + 1) + ";\nPRAGMA writable_schema = OFF;");
  const auto check = ctx.db.query("PRAGMA quick_check(" + quote_ident(table) + ")");
  if (check.rows.empty() || check.rows[0][0].value_or("") != "ok") {
    throw db::SqlError("integrity check failed after editing " + table + ": " +
                           check.rows.at(0).at(0).value_or("?"),
                       "", 0);
  }
  // The edit is proven by SQLite's own reading of the schema, not trusted: a text that
  // fooled the edit once recorded the migration as applied with the column unchanged.
  const auto flag = ctx.db.query("SELECT \"notnull\" FROM pragma_table_info(" + util::sql_quote(table) +
                                 ") WHERE lower(name) = lower(" + util::sql_quote(column) + ")");
  const auto is_not_null = !flag.rows.empty() && flag.rows[0][0].value_or("0") == "1";
  if (is_not_null != m_not_null) {
    throw db::SqlError("after editing " + table + ", SQLite reads " + column + " as " +
                           (is_not_null ? "NOT NULL" : "nullable") + "; the definition was not changed as asked",
                       "", 0);
  }
}

}  // namespace migrator::runner::operations
