#include "db/postgres/pg_statements.hpp"

#include <pg_query.h>

namespace migrator::db::postgres {

std::optional<std::size_t> statement_offset(const std::string& sql, int index) {
  PgQuerySplitResult split = pg_query_split_with_parser(sql.c_str());
  std::optional<std::size_t> offset;
  if (split.error == nullptr && index >= 0 && index < split.n_stmts) {
    offset = static_cast<std::size_t>(split.stmts[index]->stmt_location);
  }
  pg_query_free_split_result(split);
  return offset;
}

bool scans_whole(const std::string& sql) {
  PgQuerySplitResult split = pg_query_split_with_scanner(sql.c_str());
  const bool whole = split.error == nullptr;
  pg_query_free_split_result(split);
  return whole;
}

}  // namespace migrator::db::postgres
