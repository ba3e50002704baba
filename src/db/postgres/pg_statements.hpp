#pragma once
// Splitting a SQL text into statements with PostgreSQL's own parser (libpg_query), so each
// runs on its own: a failing statement is then known (and named by line), and statements
// that refuse a transaction block (CREATE INDEX CONCURRENTLY) work in transaction: false
// migrations, which a multi-statement PQexec would wrap in an implicit transaction.
#include <cstddef>
#include <string_view>
#include <vector>

namespace migrator::db::postgres {

struct StatementSpan {
  std::size_t offset;  // bytes from the start of the text, leading blanks and comments included
  std::size_t length;
};

// One span per statement; a single span covering everything when the text does not parse
// (the server then reports the syntax error itself). Not the scanner-based splitter: it
// silently drops a statement that starts with an unknown word ("SELEC 2;").
std::vector<StatementSpan> split_statements(std::string_view sql);

}  // namespace migrator::db::postgres
