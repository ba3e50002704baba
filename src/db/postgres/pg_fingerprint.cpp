// schema_fingerprint on PostgreSQL: the catalog's own renderings (format_type,
// pg_get_indexdef, pg_get_constraintdef, pg_get_viewdef, pg_get_triggerdef) of what lives in
// the schemas on search_path (pg_catalog and information_schema excepted), without
// migrator's own tables (db/own_tables.hpp) and what belongs to them.
// Whitespace runs become one space: one line each.
#include <algorithm>

#include "db/own_tables.hpp"
#include "db/postgres/pg_connection.hpp"

namespace migrator::db::postgres {
namespace {

constexpr std::string_view k_fingerprint_sql = R"sql(
WITH rel AS (
  SELECT c.oid, c.relkind, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name
  FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
  WHERE n.nspname = ANY (current_schemas(false))
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND c.relname NOT IN {own_tables}
    AND NOT EXISTS (  -- sequences, indexes and the like that belong to migrator's tables
      SELECT 1 FROM pg_depend AS d JOIN pg_class AS owner ON owner.oid = d.refobjid
      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
        AND d.refclassid = 'pg_class'::regclass
        AND owner.relname IN {own_tables})
)
SELECT line FROM (
  SELECT CASE relkind WHEN 'p' THEN 'partitioned table ' WHEN 'f' THEN 'foreign table '
                      ELSE 'table ' END || name AS line
  FROM rel WHERE relkind IN ('r', 'p', 'f')
  UNION ALL
  SELECT 'column ' || r.name || '.' || quote_ident(a.attname) || ' '
         || format_type(a.atttypid, a.atttypmod)
         || CASE WHEN a.attnotnull THEN ' not null' ELSE ' null' END
         || coalesce(' collate ' || (SELECT quote_ident(co.collname) FROM pg_collation AS co
                                     WHERE co.oid = a.attcollation
                                       AND a.attcollation <> t.typcollation), '')
         || CASE a.attgenerated WHEN 's' THEN ' generated always as ' ELSE ' default ' END
         || coalesce(pg_get_expr(d.adbin, d.adrelid), 'none')
         || CASE a.attidentity WHEN 'a' THEN ' identity always'
                               WHEN 'd' THEN ' identity by default' ELSE '' END
  FROM rel AS r
  JOIN pg_attribute AS a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_type AS t ON t.oid = a.atttypid
  LEFT JOIN pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE r.relkind IN ('r', 'p', 'f')
  UNION ALL
  SELECT 'index ' || pg_get_indexdef(i.indexrelid)
         || CASE WHEN i.indisvalid THEN '' ELSE ' (invalid)' END
  FROM rel AS r JOIN pg_index AS i ON i.indrelid = r.oid
  UNION ALL
  SELECT 'constraint ' || r.name || ' ' || quote_ident(c.conname) || ' '
         || pg_get_constraintdef(c.oid)
  FROM rel AS r JOIN pg_constraint AS c ON c.conrelid = r.oid
  UNION ALL
  SELECT CASE relkind WHEN 'v' THEN 'view ' ELSE 'materialized view ' END || name || ' '
         || pg_get_viewdef(oid, true)
  FROM rel WHERE relkind IN ('v', 'm')
  UNION ALL
  SELECT 'sequence ' || name FROM rel WHERE relkind = 'S'
  UNION ALL
  SELECT 'trigger ' || pg_get_triggerdef(g.oid)
  FROM rel AS r JOIN pg_trigger AS g ON g.tgrelid = r.oid AND NOT g.tgisinternal
) AS lines
)sql";

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) {
      out += ' ';
    }
    space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::vector<std::string> PgConnection::schema_fingerprint() {
  static const auto sql = with_own_tables(k_fingerprint_sql);
  const ResultSet result = query(sql);
  std::vector<std::string> out;
  out.reserve(result.rows.size());
  for (const auto& row : result.rows) {
    out.push_back(collapse_whitespace(row[0].value_or("")));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace migrator::db::postgres
