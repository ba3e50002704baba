// schema_fingerprint on PostgreSQL: the catalog's own renderings (format_type,
// pg_get_indexdef, pg_get_constraintdef, pg_get_viewdef, pg_get_triggerdef,
// pg_get_functiondef) of what lives in the schemas on search_path (pg_catalog and
// information_schema excepted), and the database's schemas and extensions, without
// migrator's own tables (db/own_tables.hpp) and what belongs to them.
// Whitespace runs become one space: one line each.
#include <algorithm>
#include <regex>

#include "db/own_tables.hpp"
#include "db/postgres/pg_connection.hpp"

namespace migrator::db::postgres {
namespace {

// What `pg_dump --schema-only` would show of the schemas on search_path, a line per object,
// so that a rehearsal sees what a rollback got wrong: tables, their columns and their order,
// constraints, indexes, views, sequences with their settings, triggers, functions with their
// bodies, enum and domain types; and, database-wide, the schemas and extensions there are.
// What an extension owns is its own line's business.
constexpr std::string_view k_fingerprint_sql = R"sql(
WITH ns AS (
  SELECT n.oid, n.nspname FROM pg_namespace AS n WHERE n.nspname = ANY (current_schemas(false))
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
),
extension_member AS (
  SELECT d.classid, d.objid FROM pg_depend AS d WHERE d.deptype = 'e'
),
rel AS (
  SELECT c.oid, c.relkind, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name
  FROM pg_class AS c JOIN ns AS n ON n.oid = c.relnamespace
  WHERE c.relname NOT IN {own_tables}
    AND NOT EXISTS (SELECT 1 FROM extension_member AS e
                    WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid)
    AND NOT EXISTS (  -- sequences, indexes and the like that belong to migrator's tables
      SELECT 1 FROM pg_depend AS d JOIN pg_class AS owner ON owner.oid = d.refobjid
      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
        AND d.refclassid = 'pg_class'::regclass
        AND owner.relname IN {own_tables})
)
SELECT line FROM (
  SELECT 'schema ' || quote_ident(n.nspname) AS line FROM pg_namespace AS n
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'public')
    AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp\_%'
    AND NOT EXISTS (SELECT 1 FROM extension_member AS e
                    WHERE e.classid = 'pg_namespace'::regclass AND e.objid = n.oid)
  UNION ALL
  SELECT 'extension ' || quote_ident(x.extname) || ' ' || x.extversion || ' in ' || quote_ident(n.nspname)
  FROM pg_extension AS x JOIN pg_namespace AS n ON n.oid = x.extnamespace
  WHERE x.extname <> 'plpgsql'
  UNION ALL
  SELECT CASE relkind WHEN 'p' THEN 'partitioned table ' WHEN 'f' THEN 'foreign table '
                      ELSE 'table ' END || name
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
  -- The order of a table's columns, one line a table: a column dropped and added back by a
  -- rollback comes back last (pg_dump shows it so), which is one change, not one per column.
  SELECT 'columns ' || r.name || ' '
         || string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
  FROM rel AS r
  JOIN pg_attribute AS a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE r.relkind IN ('r', 'p', 'f')
  GROUP BY r.name
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
  SELECT 'sequence ' || r.name || ' ' || format_type(s.seqtypid, NULL) || ' start ' || s.seqstart
         || ' increment ' || s.seqincrement || ' min ' || s.seqmin || ' max ' || s.seqmax
         || ' cache ' || s.seqcache || CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END
         || coalesce((SELECT ' owned by ' || quote_ident(owner.relname) || '.' || quote_ident(a.attname)
                      FROM pg_depend AS d JOIN pg_class AS owner ON owner.oid = d.refobjid
                      JOIN pg_attribute AS a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                      WHERE d.classid = 'pg_class'::regclass AND d.objid = r.oid
                        AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                      LIMIT 1), '')
  FROM rel AS r JOIN pg_sequence AS s ON s.seqrelid = r.oid
  UNION ALL
  SELECT 'trigger ' || pg_get_triggerdef(g.oid)
  FROM rel AS r JOIN pg_trigger AS g ON g.tgrelid = r.oid AND NOT g.tgisinternal
  UNION ALL
  SELECT 'function ' || p.oid::regprocedure::text || ' '
         || CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) ELSE 'aggregate' END
  FROM pg_proc AS p JOIN ns AS n ON n.oid = p.pronamespace
  WHERE NOT EXISTS (SELECT 1 FROM extension_member AS e
                    WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid)
  UNION ALL
  SELECT 'type ' || format_type(t.oid, NULL) || CASE t.typtype
           WHEN 'e' THEN ' enum (' || (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
                                       FROM pg_enum AS e WHERE e.enumtypid = t.oid) || ')'
           ELSE ' domain ' || format_type(t.typbasetype, t.typtypmod)
                || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END
                || coalesce(' default ' || t.typdefault, '')
                || coalesce((SELECT ' ' || string_agg(pg_get_constraintdef(c.oid), ' ' ORDER BY c.conname)
                             FROM pg_constraint AS c WHERE c.contypid = t.oid), '')
         END
  FROM pg_type AS t JOIN ns AS n ON n.oid = t.typnamespace
  WHERE t.typtype IN ('e', 'd')
    AND NOT EXISTS (SELECT 1 FROM extension_member AS e
                    WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid)
) AS lines
)sql";

// A time frozen into a definition when it was made ('now'::timestamp in a view, DEFAULT 'now'
// of a column): made again by a rollback, it differs without anything being different. Only
// views and column defaults: a CHECK's date is the rule, not the moment it was written.
std::string without_frozen_times(std::string line) {
  static const std::regex k_frozen(
      R"('[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([+-][0-9]{2}(:[0-9]{2})?)?)?'::(timestamp|date|time))");
  const bool frozen_kind = line.starts_with("view ") || line.starts_with("materialized view ") ||
                           line.starts_with("column ");
  if (!frozen_kind || line.find("'::") == std::string::npos) {
    return line;
  }
  return std::regex_replace(line, k_frozen, "'<a time>'::$5");
}

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
    out.push_back(without_frozen_times(collapse_whitespace(row[0].value_or(""))));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace migrator::db::postgres
