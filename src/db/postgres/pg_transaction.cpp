// begin() on PostgreSQL: BEGIN, then the connection's timeouts again (a SET made inside a
// transaction that rolled back was undone with it), held back to go with the transaction's
// first statement in one round trip.
#include <stdexcept>

#include "db/postgres/pg_connection.hpp"
#include "db/postgres/pg_statements.hpp"

namespace migrator::db::postgres {
namespace {

class PgTransaction final : public Transaction {
 public:
  explicit PgTransaction(PgConnection& connection) : m_connection(connection) {}

  ~PgTransaction() override {
    if (m_finished || m_connection.drop_deferred_begin() || !m_connection.in_transaction()) {
      return;
    }
    // A destructor must not throw, and it often runs while an error unwinds: that error is
    // the one to report. On a lost connection the server has rolled back already.
    try {
      m_connection.exec("ROLLBACK");
    } catch (...) {
    }
  }

  void commit() override { finish("COMMIT"); }

  void commit_after(std::string_view sql) override { finish(std::string(sql) + ";\nCOMMIT"); }

  void commit_after_step(std::string_view step_sql, const RecordSql& record) override {
    std::string step(step_sql);
    // A round trip saved is nothing beside a megabyte of SQL, which the check would scan.
    constexpr std::size_t k_one_message_limit = 1 << 20;
    if (step.size() > k_one_message_limit || !scans_whole(step) || PgConnection::may_drop_prepared(step)) {
      // What follows would be read as part of an open string or comment, or would EXECUTE a
      // statement the step deallocates: two messages.
      m_connection.exec(step);
      try {
        commit_after(record(false));
      } catch (const SqlError& e) {
        throw e.without_position();
      }
      return;
    }
    try {
      // The newline ends a -- comment on the step's last line; `;` its last statement.
      finish(step + "\n;\n" + record(true) + ";\nCOMMIT");
    } catch (const SqlError& e) {
      if (e.position() > static_cast<int>(step.size())) {
        throw e.without_position();  // the history row's, not the step's
      }
      throw;
    }
  }

 private:
  // Runs `sql`, which ends in COMMIT. A statement before it that fails stops the text there:
  // the transaction stays open, aborted, and the destructor rolls it back.
  void finish(const std::string& sql) {
    if (m_finished) {
      throw std::logic_error("commit() called twice on one transaction");
    }
    const Result result = m_connection.run(sql);
    m_finished = true;
    // COMMIT of a transaction in which a statement failed succeeds, as a ROLLBACK.
    if (std::string_view(PQcmdStatus(result.get())) == "ROLLBACK") {
      throw SqlError("the transaction was rolled back at COMMIT: a statement in it failed",
                     "25P02", 0);
    }
  }

 public:

 private:
  PgConnection& m_connection;
  bool m_finished = false;
};

}  // namespace

// Every mode is a plain BEGIN here: readers take no locks that block writers, and a bulk
// load's foreign keys are the plan's to add after it (construction_receipts, migration 6).
std::unique_ptr<Transaction> PgConnection::begin(TransactionMode /*mode*/) {
  if (in_transaction()) {
    throw std::logic_error("begin() inside a transaction");
  }
  m_deferred_begin = m_timeouts_sql.empty() ? "BEGIN" : "BEGIN; " + m_timeouts_sql;
  return std::make_unique<PgTransaction>(*this);
}

bool PgConnection::in_transaction() {
  return !m_deferred_begin.empty() || PQtransactionStatus(m_conn) != PQTRANS_IDLE;
}

void PgConnection::send_deferred_begin() {
  if (!m_deferred_begin.empty()) {
    run("");  // run() sends it, with nothing after
  }
}

}  // namespace migrator::db::postgres
