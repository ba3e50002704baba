#include "db/postgres/pg_error.hpp"

#include <cstdlib>
#include <string>

#include "db/connection.hpp"
#include "db/errors.hpp"

namespace migrator::db::postgres {
namespace {

std::string field(const PGresult* result, int code) {
  const char* value = result != nullptr ? PQresultErrorField(result, code) : nullptr;
  return value != nullptr ? value : "";
}

std::string without_trailing_newlines(std::string text) {
  while (!text.empty() && text.back() == '\n') {
    text.pop_back();
  }
  return text;
}

}  // namespace

std::string sql_state(const PGresult* result) { return field(result, PG_DIAG_SQLSTATE); }

void throw_error(const PGresult* result, PGconn* conn, std::string_view describe,
                 int fallback_position, int sent_before) {
  const std::string sqlstate = sql_state(result);
  const std::string severity = field(result, PG_DIAG_SEVERITY_NONLOCALIZED);
  if (PQstatus(conn) == CONNECTION_BAD || sqlstate.starts_with("08") || severity == "FATAL" ||
      severity == "PANIC") {
    std::string reason = field(result, PG_DIAG_MESSAGE_PRIMARY);
    throw lost_connection_error(describe, reason.empty() ? PQerrorMessage(conn) : reason);
  }
  std::string message = field(result, PG_DIAG_MESSAGE_PRIMARY);
  if (message.empty()) {
    message = without_trailing_newlines(
        result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn));
  }
  // The server's own labels, so these lines read as the database's words.
  for (const auto& [code, label] : {std::pair{PG_DIAG_MESSAGE_DETAIL, "DETAIL: "},
                                    std::pair{PG_DIAG_MESSAGE_HINT, "HINT: "},
                                    std::pair{PG_DIAG_CONTEXT, "CONTEXT: "}}) {
    if (const std::string value = field(result, code); !value.empty()) {
      message += "\n" + std::string(label) + value;
    }
  }
  const std::string position = field(result, PG_DIAG_STATEMENT_POSITION);
  const int at = position.empty() ? 0 : std::atoi(position.c_str()) - sent_before;
  throw SqlError(std::move(message), sqlstate, at > 0 ? at : fallback_position);
}

}  // namespace migrator::db::postgres
