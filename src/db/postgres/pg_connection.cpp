#include "db/postgres/pg_connection.hpp"

#include <poll.h>

#include <array>
#include <cerrno>

#include "db/soci.hpp"
#include <soci/postgresql/soci-postgresql.h>

#include "db/errors.hpp"
#include "db/postgres/pg_error.hpp"
#include "db/postgres/pg_statements.hpp"
#include "db/sql_position.hpp"
#include "util/interrupt.hpp"
#include "util/sql_words.hpp"

namespace migrator::db::postgres {
namespace {

// Defaults placed before the URL's own keywords: libpq keeps the last of a repeated
// keyword, so a URL that sets one of these wins. The application name shows in
// pg_stat_activity (and so in lock-holder messages); the timeout keeps an unreachable host
// from hanging the run forever.
// How often a running statement looks whether a signal's cancellation is still owed.
constexpr int k_cancel_look_ms = 100;

constexpr std::string_view k_conninfo_defaults =
    "fallback_application_name='migrator' connect_timeout='10' ";

std::string timeout_setting(std::string_view name, std::chrono::milliseconds value) {
  return "SET " + std::string(name) +
         (value.count() > 0 ? " = '" + std::to_string(value.count()) + "ms'" : " TO DEFAULT");
}

}  // namespace

namespace {

// What to do next, from what libpq said: only a refused or unanswered connection means the
// server may not be running; a wrong password or a missing database is the URL's.
std::string connect_hint(std::string_view reason) {
  const auto has = [&](std::string_view text) { return reason.find(text) != std::string_view::npos; };
  if (has("password authentication failed") || has("no password supplied")) {
    return "check the user name and password in the URL (write @, / and ? in a password as %40, %2F, %3F), "
           "or PGPASSWORD / ~/.pgpass";
  }
  if (const auto at = reason.find("database \""); at != std::string_view::npos && has("\" does not exist")) {
    const auto name_start = at + 10;
    const auto name = std::string(reason.substr(name_start, reason.find('"', name_start) - name_start));
    return "create it first (createdb " + name + ", or CREATE DATABASE " + name +
           " as a user who may) or fix the name in the URL";
  }
  if (has("role \"") && has("\" does not exist")) {
    return "check the user name in the URL: no such role on this server";
  }
  if (has("could not translate host name")) {
    return "check the host name in the URL";
  }
  if (has("timeout expired")) {
    return "the server did not answer in time: is the host reachable? (?connect_timeout=N sets the wait)";
  }
  return {};  // connect_error's own: is the server running and the URL right?
}

}  // namespace

PgConnection::PgConnection(const Url& url) : m_describe(url.redacted) {
  try {
    m_session.reset(
        new soci::session(soci::postgresql, std::string(k_conninfo_defaults) + url.conninfo));
  } catch (const soci::soci_error& e) {
    // libpq's reason never repeats the password.
    const auto reason = connect_failure_reason(e.what());
    throw connect_error(m_describe, reason, connect_hint(reason));
  }
  m_conn = static_cast<soci::postgresql_session_backend*>(m_session->get_backend())->conn_;
  // Without a processor libpq prints NOTICEs to stderr; the runner shows them instead.
  PQsetNoticeProcessor(m_conn, &PgConnection::on_notice, this);
  m_cancel.reset(PQgetCancel(m_conn));
  if (m_cancel) {
    m_cancel_registration.emplace([cancel = m_cancel.get()] {
      std::array<char, 256> error{};
      PQcancel(cancel, error.data(), static_cast<int>(error.size()));
    });
  }
}

PgConnection::~PgConnection() = default;

std::string PgConnection::server_version() {
  // "15.10 (Debian 15.10-0+deb12u1)" -> "PostgreSQL 15.10"
  const char* version = PQparameterStatus(m_conn, "server_version");
  std::string text = version != nullptr ? version : "unknown";
  return "PostgreSQL " + text.substr(0, text.find(' '));
}

bool PgConnection::may_drop_prepared(std::string_view sql) {
  return util::has_sql_word(sql, {"deallocate", "discard"});
}

Result PgConnection::run(std::string_view sql) {
  if (!m_prepared.empty() && may_drop_prepared(sql)) {
    m_prepared_known = false;
  }
  if (m_cancel_registration && m_cancel_registration->take_pending()) {
    // A signal came just before this statement: PQcancel reached an idle session.
    throw SqlError("canceling statement: " + util::interrupt_name(util::interrupt_signal()), std::string(k_query_canceled), 0);
  }
  // A BEGIN begin() held back goes first, in the same message; positions in errors are
  // counted from the start of `sql`.
  const auto begin = std::exchange(m_deferred_begin, std::string());
  const std::size_t prefix = begin.empty() ? 0 : begin.size() + 2;
  const std::string text = begin.empty() ? std::string(sql) : begin + ";\n" + std::string(sql);
  if (PQsendQuery(m_conn, text.c_str()) != 1) {
    throw_error(nullptr, m_conn, m_describe);
  }
  // One result per statement, so the results before a failure say which statement failed
  // (the server names a position only for errors it can pin to a token).
  Result last;
  Result failure;
  int completed = 0;
  bool copy_in = false;
  while (Result result{next_result()}) {
    switch (PQresultStatus(result.get())) {
      case PGRES_COMMAND_OK:
      case PGRES_TUPLES_OK:
      case PGRES_EMPTY_QUERY:
        ++completed;
        last = std::move(result);
        break;
      case PGRES_COPY_IN:
        // No data stream comes with SQL text: fail the COPY (and so the whole text).
        copy_in = true;
        PQputCopyEnd(m_conn, "COPY FROM STDIN cannot run from SQL text");
        break;
      case PGRES_COPY_OUT:
        discard_copy_out();  // a read; nobody is there to show it
        break;
      default:
        if (!failure) {
          failure = std::move(result);
        }
    }
  }
  const auto failed_at = [&] {
    const auto offset = statement_offset(text, completed);
    return offset && *offset >= prefix ? statement_position(sql, *offset - prefix) : 0;
  };
  if (copy_in) {
    throw SqlError("COPY ... FROM STDIN cannot run from SQL text; use a generate step, or COPY "
                   "from a file on the server",
                   "0A000", failed_at());
  }
  if (failure) {
    if (m_cancel_registration && sql_state(failure.get()) == k_query_canceled) {
      m_cancel_registration->settle();
    }
    throw_error(failure.get(), m_conn, m_describe, failed_at(), static_cast<int>(prefix));
  }
  if (!last) {
    throw_error(nullptr, m_conn, m_describe);  // no result at all: the connection failed
  }
  return last;
}

PGresult* PgConnection::next_result() {
  // The signal's PQcancel is lost when it reaches the server before the statement does (an
  // idle session forgets a cancel): if the cancellation is still owed after a look or two,
  // this statement is the one to pay it.
  int owed_looks = 0;
  while (m_cancel_registration && PQisBusy(m_conn) == 1) {
    pollfd socket{PQsocket(m_conn), POLLIN, 0};
    if (socket.fd < 0 || (poll(&socket, 1, k_cancel_look_ms) < 0 && errno != EINTR) || PQconsumeInput(m_conn) == 0) {
      break;  // PQgetResult reports what went wrong
    }
    if (!m_cancel_registration->pending()) {
      owed_looks = 0;
    } else if (++owed_looks == 2) {
      std::array<char, 256> error{};
      PQcancel(m_cancel.get(), error.data(), static_cast<int>(error.size()));
    }
  }
  return PQgetResult(m_conn);
}

void PgConnection::discard_copy_out() {
  char* buffer = nullptr;
  while (PQgetCopyData(m_conn, &buffer, 0) > 0) {
    PQfreemem(buffer);
  }
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
  auto sql = timeout_setting("lock_timeout", timeouts.lock_timeout) + "; " +
             timeout_setting("statement_timeout", timeouts.statement_timeout);
  // begin() sent these already: inside its transaction an unchanged setting costs nothing,
  // and a round trip per migration is most of the runner's own cost on a fast server.
  if (sql == m_timeouts_sql && in_transaction()) {
    return;
  }
  m_timeouts_sql = std::move(sql);
  run(m_timeouts_sql);
}

bool PgConnection::prepare(std::string_view name, std::string_view parameter_types, std::string_view sql) {
  if (!m_prepared_known) {
    m_prepared.clear();
    for (const auto& row : query("SELECT name FROM pg_catalog.pg_prepared_statements").rows) {
      m_prepared.insert(row[0].value_or(""));
    }
    m_prepared_known = true;
  }
  if (m_prepared.count(name) == 0) {
    run("PREPARE " + std::string(name) + " (" + std::string(parameter_types) + ") AS " + std::string(sql));
    m_prepared.emplace(name);
  }
  return true;
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
