#include "db/postgres/pg_statements.hpp"

#include <pg_query.h>

#include <string>

namespace migrator::db::postgres {

std::vector<StatementSpan> split_statements(std::string_view sql) {
  const std::string text(sql);
  PgQuerySplitResult result = pg_query_split_with_parser(text.c_str());
  std::vector<StatementSpan> spans;
  if (result.error == nullptr) {
    for (int i = 0; i < result.n_stmts; ++i) {
      spans.push_back({static_cast<std::size_t>(result.stmts[i]->stmt_location),
                       static_cast<std::size_t>(result.stmts[i]->stmt_len)});
    }
  }
  pg_query_free_split_result(result);
  if (spans.empty()) {
    spans.push_back({0, sql.size()});
  }
  return spans;
}

}  // namespace migrator::db::postgres
