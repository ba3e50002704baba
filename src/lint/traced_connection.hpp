#pragma once
// The scratch connection of a traced rehearsal (PostgreSQL): runs what the runner asks, and
// while a step runs, runs its SQL one statement at a time and reads after each what it did
// to the objects that existed before the migration: the locks this session holds on them
// (pg_locks), their files (pg_class.relfilenode: a new one is a rewrite), the rows changed in
// this transaction (pg_stat_xact_user_tables). Everything else (the runner's history, the
// checks) passes through untouched. Reads only what an ordinary owner of the database can.
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "db/connection.hpp"
#include "lint/trace.hpp"
#include "plan/model.hpp"

namespace migrator::lint {

class TracedConnection final : public db::Connection {
 public:
  TracedConnection(db::Connection& inner, Trace& trace);

  // From the rehearsal's observer: which migration, step and direction are running. The
  // relations that exist when a migration starts are the ones whose locks and files count.
  void migration_starts(const plan::Migration& m, bool rollback);
  void step_starts(const plan::Step& step);
  void step_done();
  // Tracing on (the first apply and the rollback of each migration) or off (the rest).
  void enable(bool on) { m_enabled = on; }
  // The tables that existed when the current migration started (for the probe): name and
  // quoted name.
  std::vector<std::pair<std::string, std::string>> tables() const;

  core::Dialect dialect() const override { return m_inner.dialect(); }
  const std::string& describe() const override { return m_inner.describe(); }
  std::string server_version() override { return m_inner.server_version(); }
  void exec(std::string_view sql) override;
  db::ResultSet query(std::string_view sql) override { return m_inner.query(sql); }
  bool prepare(std::string_view name, std::string_view types, std::string_view sql) override {
    return m_inner.prepare(name, types, sql);
  }
  std::unique_ptr<db::Transaction> begin(db::TransactionMode mode) override;
  bool in_transaction() override { return m_inner.in_transaction(); }
  void set_timeouts(const db::Timeouts& timeouts) override { m_inner.set_timeouts(timeouts); }
  void set_busy_wait(std::chrono::milliseconds wait, db::LockWaitCallback on_wait) override {
    m_inner.set_busy_wait(wait, std::move(on_wait));
  }
  std::unique_ptr<db::Lock> lock(std::string_view key, std::chrono::milliseconds wait,
                                 const db::LockWaitCallback& on_wait) override {
    return m_inner.lock(key, wait, on_wait);
  }
  std::unique_ptr<db::BulkWriter> bulk_insert(std::string_view table, std::vector<std::string> columns) override {
    return m_inner.bulk_insert(table, std::move(columns));
  }
  std::vector<std::string> schema_fingerprint() override { return m_inner.schema_fingerprint(); }
  std::vector<std::string> take_notices() override { return m_inner.take_notices(); }

  // The transaction ended (commit or rollback): the locks it held are released now.
  void transaction_ends();

 private:
  struct Relation {
    std::string name;    // schema.name
    std::string quoted;  // "schema"."name"
    char kind = 'r';
    std::string filenode;
  };

  void run_traced(std::string_view statement, std::size_t offset, bool in_transaction,
                  std::vector<std::string> allowed);
  // The rules the `-- migrator:allow` comments in sql[from, to) name.
  static std::vector<std::string> allowed_rules(std::string_view sql, std::size_t from, std::size_t to);
  std::int64_t rows_changed();
  bool has_rows(const std::string& quoted, bool in_transaction);
  core::SourceLoc statement_loc(std::size_t offset) const;

  db::Connection& m_inner;
  Trace& m_trace;
  bool m_enabled = false;
  core::Version m_version = 0;
  bool m_rollback = false;
  const plan::Step* m_step = nullptr;
  std::string m_step_sql;  // the step's text as the plan has it, for lines
  core::SourceLoc m_step_loc;
  std::map<std::string, Relation> m_relations;  // by oid, when the migration started
  std::string m_oid_list;                        // "1, 2, 3" for IN (...)
  std::set<std::pair<std::string, std::string>> m_held;  // (oid, mode) held in this transaction
  // The statements of the open transaction (index in the trace, start): their locks are held
  // until it ends.
  std::vector<std::pair<std::size_t, std::chrono::steady_clock::time_point>> m_open;
};

}  // namespace migrator::lint
