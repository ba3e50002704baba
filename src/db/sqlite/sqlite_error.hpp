#pragma once
// SQLite result codes to SqlError, with the position mapped into the whole text that ran.
#include <cstddef>
#include <string_view>

#include "db/connection.hpp"

struct sqlite3;

namespace migrator::db::sqlite {

// The error `rc` that SQLite just reported on `db`. `statement_offset` is the byte offset in
// `sql` of the statement that was handed to sqlite3_prepare_v2, so that the position points
// into all of `sql`: at the token SQLite names, else at the start of that statement.
SqlError make_error(::sqlite3* db, int rc, std::string_view sql, std::size_t statement_offset);
// What a statement fails with when Ctrl-C or SIGTERM came just before it started.
SqlError cancelled_error(std::string_view sql, std::size_t statement_offset);

// "SQLITE 1555": the extended result code, as SqlError::code() carries it.
std::string code_text(int rc);

}  // namespace migrator::db::sqlite
