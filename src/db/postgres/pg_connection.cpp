#include "db/postgres/pg_connection.hpp"

#include "db/soci.hpp"
#include <soci/postgresql/soci-postgresql.h>

#include "db/errors.hpp"
#include "db/postgres/pg_error.hpp"
#include "db/postgres/pg_statements.hpp"

namespace migrator::db::postgres {
namespace {

// Defaults placed before the URL's own keywords: libpq keeps the last of a repeated
// keyword, so a URL that sets one of these wins. The application name shows in
// pg_stat_activity (and so in lock-holder messages); the timeout keeps an unreachable host
// from hanging the run forever.
constexpr std::string_view k_conninfo_defaults =
    "fallback_application_name='migrator' connect_timeout='10' ";

std::string timeout_setting(std::string_view name, std::chrono::milliseconds value) {
  return "SET " + std::string(name) +
         (value.count() > 0 ? " = '" + std::to_string(value.count()) + "ms'" : " TO DEFAULT");
}

// Characters (not bytes) in UTF-8 text, as server positions count them.
int char_count(std::string_view text) {
  int n = 0;
  for (const char c : text) {
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return n;
}

}  // namespace

PgConnection::PgConnection(const Url& url) : m_describe(url.redacted) {
  try {
    m_session.reset(
        new soci::session(soci::postgresql, std::string(k_conninfo_defaults) + url.conninfo));
  } catch (const soci::soci_error& e) {
    // SOCI puts its own sentence before libpq's reason; libpq never repeats the password.
    std::string reason = e.what();
    const std::string prefix = "Cannot establish connection to the database.\n";
    if (reason.starts_with(prefix)) {
      reason.erase(0, prefix.size());
    }
    throw connect_error(m_describe, reason);
  }
  m_conn = static_cast<soci::postgresql_session_backend*>(m_session->get_backend())->conn_;
  // Without a processor libpq prints NOTICEs to stderr; the runner shows them instead.
  PQsetNoticeProcessor(m_conn, &PgConnection::on_notice, this);
}

PgConnection::~PgConnection() = default;

std::string PgConnection::server_version() {
  // "15.10 (Debian 15.10-0+deb12u1)" -> "PostgreSQL 15.10"
  const char* version = PQparameterStatus(m_conn, "server_version");
  std::string text = version != nullptr ? version : "unknown";
  return "PostgreSQL " + text.substr(0, text.find(' '));
}

Result PgConnection::run(std::string_view sql) {
  Result last;
  for (const auto& span : split_statements(sql)) {
    const auto statement = sql.substr(span.offset, span.length);
    try {
      last = run_one(statement);
    } catch (const SqlError& e) {
      // Positions count characters of the whole text; a run-time error (no position) points
      // at the statement's first word.
      const auto leading = statement.find_first_not_of(" \t\r\n");
      const auto before = char_count(sql.substr(0, span.offset));
      const int position = e.position() > 0 ? before + e.position()
                                            : before + char_count(statement.substr(0, leading)) + 1;
      throw SqlError(e.db_message(), e.code(), position);
    }
  }
  return last;
}

Result PgConnection::run_one(std::string_view sql) {
  const std::string text(sql);  // PQexec needs a terminated string
  Result result(PQexec(m_conn, text.c_str()));
  const ExecStatusType status =
      result != nullptr ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
    return result;
  }
  if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT) {
    // COPY with STDIN/STDOUT needs a data stream a SQL text cannot carry: end it, so the
    // connection stays usable, and say what to use instead.
    if (status == PGRES_COPY_IN) {
      PQputCopyEnd(m_conn, "COPY FROM STDIN is not supported in SQL text");
    }
    while (Result rest{PQgetResult(m_conn)}) {
    }
    throw SqlError("COPY ... FROM STDIN / TO STDOUT cannot run from SQL text; use a generate "
                   "step or COPY with a server-side file",
                   "0A000", 0);
  }
  throw_error(result.get(), m_conn, m_describe);
}

std::string PgConnection::scalar(std::string_view sql) {
  const Result result = run(sql);
  if (PQntuples(result.get()) == 0 || PQnfields(result.get()) == 0) {
    return "";
  }
  return PQgetvalue(result.get(), 0, 0);
}

void PgConnection::exec(std::string_view sql) { run(sql); }

ResultSet PgConnection::query(std::string_view sql) {
  const Result result = run(sql);
  PGresult* r = result.get();
  ResultSet out;
  const int columns = PQnfields(r);
  const int rows = PQntuples(r);
  for (int c = 0; c < columns; ++c) {
    out.columns.emplace_back(PQfname(r, c));
  }
  out.rows.reserve(static_cast<std::size_t>(rows));
  for (int i = 0; i < rows; ++i) {
    auto& row = out.rows.emplace_back();
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(r, i, c)) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(std::string(PQgetvalue(r, i, c),
                                     static_cast<std::size_t>(PQgetlength(r, i, c))));
      }
    }
  }
  return out;
}

void PgConnection::set_timeouts(const Timeouts& timeouts) {
  m_timeouts_sql = timeout_setting("lock_timeout", timeouts.lock_timeout) + "; " +
                   timeout_setting("statement_timeout", timeouts.statement_timeout);
  run(m_timeouts_sql);
}

std::vector<std::string> PgConnection::take_notices() {
  std::vector<std::string> out;
  out.swap(m_notices);
  return out;
}

void PgConnection::on_notice(void* self, const char* message) {
  // "NOTICE:  text\n" -> "NOTICE: text"
  std::string text = message;
  while (!text.empty() && text.back() == '\n') {
    text.pop_back();
  }
  if (const auto colon = text.find(":  "); colon != std::string::npos) {
    text.erase(colon + 1, 1);
  }
  static_cast<PgConnection*>(self)->m_notices.push_back(std::move(text));
}

}  // namespace migrator::db::postgres
