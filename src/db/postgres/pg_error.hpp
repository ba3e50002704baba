#pragma once
// libpq errors to migrator's: a refused statement is SqlError (SQLSTATE, the server's
// message with its DETAIL, HINT and CONTEXT lines, the position); a broken connection
// (SQLSTATE class 08, a FATAL error, CONNECTION_BAD) is core::ConnectError.
#include <libpq-fe.h>

#include <string>
#include <string_view>

namespace migrator::db::postgres {

// SQLSTATE of a cancelled statement (PQcancel, statement_timeout).
inline constexpr std::string_view k_query_canceled = "57014";

// The SQLSTATE `result` reports ("" for none).
std::string sql_state(const PGresult* result);

// Throws what `result` reports; with a null `result`, what the connection reports.
// `fallback_position` is SqlError's position when the server names none; `sent_before` is
// how many characters were sent ahead of the SQL the position is to count in (a held-back
// BEGIN), taken off the server's position.
[[noreturn]] void throw_error(const PGresult* result, PGconn* conn, std::string_view describe,
                              int fallback_position = 0, int sent_before = 0);

}  // namespace migrator::db::postgres
