#include "lint/traced_connection.hpp"

#include <algorithm>

#include "db/sql_position.hpp"
#include "lint/inline_allow.hpp"
#include "lint/pg_parse.hpp"
#include "runner/operation.hpp"
#include "util/line_col.hpp"
#include "util/sql_comments.hpp"
#include "util/sql_quote.hpp"

namespace migrator::lint {
namespace {

using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

// The first line of a statement, at most 80 characters, for a table a person reads.
std::string summary(std::string_view sql) {
  auto start = sql.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) {
    return "";
  }
  std::string line(sql.substr(start, sql.find('\n', start) - start));
  if (line.size() > 80) {
    line = line.substr(0, 77) + "...";
  }
  return line;
}

// What PostgreSQL's documentation gives as the lock of a statement that runs outside a
// transaction block (its locks are released before anyone can look): the CONCURRENTLY forms
// and VACUUM take SHARE UPDATE EXCLUSIVE; nothing is claimed for anything else.
std::string documented_lock(std::string_view sql) {
  std::string upper;
  for (const char c : sql.substr(0, 400)) {
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (upper.find("CONCURRENTLY") != std::string::npos || upper.find("VACUUM") != std::string::npos) {
    return "ShareUpdateExclusiveLock";
  }
  return "";
}

// The table a statement outside a transaction names after ON (CREATE INDEX ... ON t).
std::string named_table(std::string_view sql) {
  std::string lower;
  for (const char c : sql) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const auto on = lower.find(" on ");
  if (on == std::string::npos) {
    return "";
  }
  auto start = lower.find_first_not_of(" \t\r\n", on + 4);
  if (start != std::string::npos && lower.compare(start, 5, "only ") == 0) {
    start = lower.find_first_not_of(" \t\r\n", start + 5);
  }
  const auto end = lower.find_first_of(" \t\r\n(", start);
  return start == std::string::npos ? "" : std::string(sql.substr(start, end - start));
}

}  // namespace

TracedConnection::TracedConnection(db::Connection& inner, Trace& trace) : m_inner(inner), m_trace(trace) {}

void TracedConnection::migration_starts(const plan::Migration& m, bool rollback) {
  m_version = m.version;
  m_rollback = rollback;
  m_relations.clear();
  m_oid_list.clear();
  if (!m_enabled) {
    return;
  }
  // The user's relations (tables, partitioned tables, indexes, materialized views,
  // sequences), not migrator's own history.
  const auto rows = m_inner.query(
      "SELECT c.oid::text, n.nspname, c.relname, c.relkind::text, c.relfilenode::text "
      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE c.relkind IN ('r', 'p', 'i', 'm', 'S') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
      "AND n.nspname NOT LIKE 'pg_toast%' AND c.relname NOT LIKE 'migrator\\_%'");
  for (const auto& row : rows.rows) {
    m_relations[*row[0]] = {*row[1] + "." + *row[2], util::sql_identifier(*row[1]) + "." + util::sql_identifier(*row[2]),
                            row[3].value_or("r").front(), row[4].value_or("0")};
    m_oid_list += (m_oid_list.empty() ? "" : ", ") + *row[0];
  }
  m_trace.migrations.push_back({m.version, rollback, m.loc, {}});
}

void TracedConnection::step_starts(const plan::Step& step) {
  m_step = &step;
  const auto* action = m_rollback ? (step.rollback ? &*step.rollback : nullptr) : &step.action;
  const auto* sql = action != nullptr ? std::get_if<plan::Sql>(action) : nullptr;
  const auto* text = sql != nullptr ? sql->for_dialect(core::Dialect::postgres) : nullptr;
  m_step_sql = text != nullptr ? text->text : "";
  m_step_loc = text != nullptr ? text->loc : core::SourceLoc{};
  // A built-in operation (set_not_null...) runs the SQL it describes: traced as the step's.
  const auto* op = action != nullptr ? std::get_if<plan::Operation>(action) : nullptr;
  if (const auto* handler = op != nullptr ? runner::find_operation(op->kind) : nullptr) {
    m_step_sql = handler->describe(*op, core::Dialect::postgres, 1.0);
    m_step_loc = op->loc;
  }
}

void TracedConnection::step_done() { m_step = nullptr; }

std::vector<std::pair<std::string, std::string>> TracedConnection::tables() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [oid, relation] : m_relations) {
    if (relation.kind == 'r' || relation.kind == 'p') {
      out.emplace_back(relation.name, relation.quoted);
    }
  }
  return out;
}

// As the linter places a statement: the line and column of its first token in the file.
core::SourceLoc TracedConnection::statement_loc(std::size_t offset) const {
  auto loc = m_step_loc;
  if (loc.line > 0) {
    const auto lc = util::line_col(m_step_sql, util::skip_blanks_and_comments(m_step_sql, std::min(offset, m_step_sql.size())));
    loc.line += lc.line_delta;
    loc.column = (loc.column > 0 ? loc.column : 1) + lc.column - 1;
  }
  return loc;
}

void TracedConnection::exec(std::string_view sql) {
  if (!m_enabled || m_step == nullptr || m_oid_list.empty() || sql != m_step_sql) {
    m_inner.exec(sql);  // the runner's own work, or a migration on an empty database
    return;
  }
  const auto parsed = PgParse::parse(sql);
  const auto& statements = parsed.statements();
  // The inline allows before the first statement reach a text run as one.
  const auto first_allows = statements.empty() ? std::vector<std::string>() : allowed_rules(sql, 0, statements[0].offset);
  if (!m_inner.in_transaction()) {
    run_traced(sql, 0, false, first_allows);  // as one: outside a transaction PostgreSQL splits it
    return;
  }
  if (!parsed.errors().empty() || statements.size() <= 1) {
    run_traced(sql, 0, true, first_allows);
    return;
  }
  std::size_t previous_end = 0;
  for (const auto& statement : statements) {
    run_traced(statement.text, statement.offset, true, allowed_rules(sql, previous_end, statement.offset));
    previous_end = statement.offset + statement.text.size();
  }
}

std::vector<std::string> TracedConnection::allowed_rules(std::string_view sql, std::size_t from, std::size_t to) {
  std::vector<std::string> rules;
  from = std::min(from, to);
  for (const auto& allow : inline_allows(sql.substr(from, to - from), from)) {
    rules.push_back(allow.rule);
  }
  return rules;
}

// Whether a table holds a row. In the migration's transaction behind a savepoint: a query of
// the trace's own must never abort the migration's work.
bool TracedConnection::has_rows(const std::string& quoted, bool in_transaction) {
  const auto sql = "SELECT EXISTS (SELECT 1 FROM " + quoted + ")::text";
  try {
    if (!in_transaction) {
      return m_inner.query(sql).rows.at(0).at(0).value_or("") == "true";
    }
    m_inner.exec("SAVEPOINT migrator_trace");
    const bool rows = m_inner.query(sql).rows.at(0).at(0).value_or("") == "true";
    m_inner.exec("RELEASE SAVEPOINT migrator_trace");
    return rows;
  } catch (const db::SqlError&) {
    if (in_transaction) {
      m_inner.exec("ROLLBACK TO SAVEPOINT migrator_trace; RELEASE SAVEPOINT migrator_trace");
    }
    return false;
  }
}

std::int64_t TracedConnection::rows_changed() {
  const auto rows = m_inner.query(
      "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::text FROM pg_stat_xact_user_tables");
  return std::stoll(rows.rows.at(0).at(0).value_or("0"));
}

void TracedConnection::run_traced(std::string_view statement, std::size_t offset, bool in_transaction,
                                  std::vector<std::string> allowed) {
  TracedStatement traced;
  traced.allowed = std::move(allowed);
  traced.version = m_version;
  traced.step = m_step->name;
  traced.rollback = m_rollback;
  traced.loc = statement_loc(offset);
  traced.sql = summary(statement);
  traced.in_transaction = in_transaction;
  traced.lock_timeout = m_inner.query("SELECT current_setting('lock_timeout')").rows.at(0).at(0).value_or("0");
  const auto rows_before = in_transaction ? rows_changed() : 0;

  const auto start = Clock::now();
  try {
    m_inner.exec(statement);
  } catch (const db::SqlError& e) {
    // How long it ran before it failed is the measure of the failure (the transaction is
    // aborted: nothing more can be read in it).
    traced.ms = ms_between(start, Clock::now());
    traced.failed = true;
    traced.rows = -1;
    m_trace.statements.push_back(std::move(traced));
    if (statement.size() == m_step_sql.size()) {
      throw;
    }
    // One statement of the step ran alone: its position shifted to the step's text; where the
    // database named none, the statement's first token (as an untraced run places it).
    throw e.with_position(e.position() > 0 ? db::char_position(m_step_sql, offset) - 1 + e.position()
                                           : db::statement_position(m_step_sql, offset));
  }
  const auto end = Clock::now();
  traced.ms = ms_between(start, end);

  if (in_transaction) {
    traced.rows = rows_changed() - rows_before;
    const auto locks = m_inner.query(
        "SELECT relation::text, mode FROM pg_locks WHERE pid = pg_backend_pid() AND granted AND "
        "locktype = 'relation' AND relation IN (" + m_oid_list + ")");
    for (const auto& row : locks.rows) {
      if (m_held.insert({*row[0], *row[1]}).second) {
        const auto& relation = m_relations[*row[0]];
        traced.locks.push_back({relation.name, *row[1], 0, false, relation.kind == 'r' || relation.kind == 'p' || relation.kind == 'm'});
      }
    }
  } else if (const auto mode = documented_lock(statement); !mode.empty()) {
    const auto table = named_table(statement);
    traced.locks.push_back({table.empty() ? "(its table)" : table, mode, traced.ms, true, true});
  }
  // A relation with a new file was rewritten (or, for an index, rebuilt) by this statement.
  const auto files = m_inner.query("SELECT oid::text, relfilenode::text FROM pg_class WHERE oid IN (" + m_oid_list + ")");
  for (const auto& row : files.rows) {
    auto& relation = m_relations[*row[0]];
    if (row[1].value_or("0") != relation.filenode) {
      relation.filenode = row[1].value_or("0");
      (relation.kind == 'i' ? traced.rebuilt_indexes : traced.rewrote).push_back(relation.name);
      if (relation.kind == 'r' && !traced.rewrote_rows) {
        traced.rewrote_rows = has_rows(relation.quoted, in_transaction);
      }
    }
  }
  m_trace.statements.push_back(std::move(traced));
  if (in_transaction) {
    m_open.push_back({m_trace.statements.size() - 1, start});
  }
}

void TracedConnection::transaction_ends() {
  const auto now = Clock::now();
  for (const auto& [index, started] : m_open) {
    for (auto& lock : m_trace.statements[index].locks) {
      lock.held_ms = ms_between(started, now);
    }
  }
  m_open.clear();
  m_held.clear();
}

namespace {

// Tells the traced connection when the runner's transaction ends, however it ends.
class TracedTransaction final : public db::Transaction {
 public:
  TracedTransaction(std::unique_ptr<db::Transaction> inner, TracedConnection& connection)
      : m_inner(std::move(inner)), m_connection(connection) {}
  ~TracedTransaction() override {
    m_inner.reset();  // rolls back unless committed
    if (!m_ended) {
      m_connection.transaction_ends();
    }
  }
  void commit() override {
    m_inner->commit();
    end();
  }
  void commit_after(std::string_view sql) override {
    m_inner->commit_after(sql);
    end();
  }
  // The step's SQL through the traced connection, so that the trace sees its statements.
  void commit_after_step(std::string_view step_sql, const RecordSql& record) override {
    m_connection.exec(step_sql);
    try {
      commit_after(record(false));
    } catch (const db::SqlError& e) {
      throw e.without_position();  // the history row's, not the step's
    }
  }

 private:
  void end() {
    m_ended = true;
    m_connection.transaction_ends();
  }
  std::unique_ptr<db::Transaction> m_inner;
  TracedConnection& m_connection;
  bool m_ended = false;
};

}  // namespace

std::unique_ptr<db::Transaction> TracedConnection::begin(db::TransactionMode mode) {
  return std::make_unique<TracedTransaction>(m_inner.begin(mode), *this);
}

}  // namespace migrator::lint
