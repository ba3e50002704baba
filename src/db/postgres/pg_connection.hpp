#pragma once
// The PostgreSQL backend: a SOCI session underneath, every statement through libpq's PGconn.
#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "db/connection.hpp"
#include "db/soci_session.hpp"
#include "util/interrupt.hpp"

namespace migrator::db::postgres {

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const Url& url);
  ~PgConnection() override;

  core::Dialect dialect() const override { return core::Dialect::postgres; }
  const std::string& describe() const override { return m_describe; }
  std::string server_version() override;
  void exec(std::string_view sql) override;
  ResultSet query(std::string_view sql) override;
  using Connection::begin;
  std::unique_ptr<Transaction> begin(TransactionMode mode) override;
  bool in_transaction() override;
  void set_timeouts(const Timeouts& timeouts) override;
  bool prepare(std::string_view name, std::string_view parameter_types, std::string_view sql) override;
  std::unique_ptr<Lock> lock(std::string_view key, std::chrono::milliseconds wait,
                             const LockWaitCallback& on_wait) override;
  std::unique_ptr<BulkWriter> bulk_insert(std::string_view table,
                                          std::vector<std::string> columns) override;
  std::vector<std::string> schema_fingerprint() override;
  std::vector<std::string> take_notices() override;

  // libpq's connection, for work that talks to it directly (COPY): a BEGIN begin() still
  // holds back is sent first.
  PGconn* handle() {
    send_deferred_begin();
    return m_conn;
  }
  // SQL that may DEALLOCATE or DISCARD the statements prepare() made: they are looked up again.
  static bool may_drop_prepared(std::string_view sql);
  // Forgets a BEGIN begin() held back and never sent (its transaction ends with nothing run
  // in it); true when there was one.
  bool drop_deferred_begin() { return !std::exchange(m_deferred_begin, std::string()).empty(); }
  // Runs every statement of `sql`; returns the last one's result, or throws SqlError /
  // core::ConnectError.
  Result run(std::string_view sql);
  // The first cell of `sql`'s result ("" when it returned no rows).
  std::string scalar(std::string_view sql);

 private:
  static void on_notice(void* self, const char* message);
  // PQgetResult, paying a cancellation owed while it waits.
  PGresult* next_result();
  void discard_copy_out();

  void send_deferred_begin();

  std::string m_describe;
  std::string m_timeouts_sql;  // re-applied by begin(): a rolled-back SET is undone
  // "BEGIN; SET ..." from begin(), sent with the next statement in one round trip: a
  // migration then costs the server as many round trips as the same SQL run bare (BEGIN, the
  // SQL, COMMIT) while its history row rides with the COMMIT.
  std::string m_deferred_begin;
  // Prepared by prepare(); unknown once a text that may DEALLOCATE or DISCARD them ran
  // (PREPARE and DEALLOCATE are not undone by a rollback): read again from the server.
  std::set<std::string, std::less<>> m_prepared;
  bool m_prepared_known = true;
  std::vector<std::string> m_notices;  // before m_session: the session may report into it
  SessionPtr m_session;
  PGconn* m_conn = nullptr;  // owned by m_session
  // Ctrl-C cancels the running statement (PQcancel, safe from another thread). Declared
  // last: unregistered before the connection closes.
  std::unique_ptr<PGcancel, void (*)(PGcancel*)> m_cancel{nullptr, PQfreeCancel};
  std::optional<util::CancelRegistration> m_cancel_registration;
};

}  // namespace migrator::db::postgres
