// bulk_insert on SQLite: one prepared INSERT, bound and stepped per row, inside a SAVEPOINT.
// The savepoint makes a load all-or-nothing, as one COPY is on PostgreSQL; inside an open
// transaction it nests, outside one it is the transaction (without it every row would
// commit, and sync, on its own).
// Decimals are bound as their exact TEXT; the column's affinity decides what is stored
// (NUMERIC/REAL turn 12.50 into the REAL 12.5; INTEGER cents or TEXT keep it exact).
#include <sqlite3.h>

#include <stdexcept>

#include "db/sqlite/sqlite_connection.hpp"
#include "db/sqlite/sqlite_error.hpp"
#include "db/value_text.hpp"
#include "util/overloaded.hpp"

namespace migrator::db::sqlite {
namespace {

using util::Overloaded;

// Errors of the generated INSERT carry no position: that SQL is not the user's.
SqlError bulk_error(::sqlite3* db, int rc, std::string_view sql) {
  const SqlError error = make_error(db, rc, sql, 0);
  return SqlError(error.db_message(), error.code(), 0);
}

std::string insert_sql(std::string_view table, const std::vector<std::string>& columns) {
  std::string sql = "INSERT INTO " + std::string(table) + " (";
  std::string values;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    sql += (i == 0 ? "" : ", ") + columns[i];
    values += i == 0 ? "?" : ", ?";
  }
  return sql + ") VALUES (" + values + ")";
}

class SqliteBulkWriter final : public BulkWriter {
 public:
  SqliteBulkWriter(SqliteConnection& connection, std::string sql, std::size_t columns)
      : m_connection(connection), m_db(connection.handle()), m_sql(std::move(sql)),
        m_columns(columns) {
    const int rc = sqlite3_prepare_v2(m_db, m_sql.c_str(), static_cast<int>(m_sql.size()),
                                      &m_statement, nullptr);
    if (rc != SQLITE_OK) {
      throw bulk_error(m_db, rc, m_sql);
    }
    try {
      m_connection.exec("SAVEPOINT migrator_bulk_insert");
    } catch (...) {
      sqlite3_finalize(m_statement);  // no destructor runs for a throwing constructor
      throw;
    }
    // The whole load is one statement for the statement timeout, as COPY is on PostgreSQL.
    m_connection.arm_deadline();
  }
  SqliteBulkWriter(const SqliteBulkWriter&) = delete;
  SqliteBulkWriter& operator=(const SqliteBulkWriter&) = delete;
  ~SqliteBulkWriter() override {
    sqlite3_finalize(m_statement);
    if (m_savepoint_open) {
      // Abandoned or failed: undo this load only. A destructor must not throw, and the
      // error being unwound is the one to report.
      try {
        m_connection.exec("ROLLBACK TO migrator_bulk_insert; RELEASE migrator_bulk_insert");
      } catch (...) {
      }
    }
  }

  void write(std::span<const Value> row) override {
    if (m_statement == nullptr) {
      throw std::logic_error("bulk_insert: write() after finish()");
    }
    if (row.size() != m_columns) {
      throw std::logic_error("bulk_insert: a row of " + std::to_string(row.size()) +
                             " values for " + std::to_string(m_columns) + " columns");
    }
    for (std::size_t i = 0; i < row.size(); ++i) {
      bind(static_cast<int>(i) + 1, row[i]);
    }
    const int rc = sqlite3_step(m_statement);
    if (rc != SQLITE_DONE) {
      SqlError error = bulk_error(m_db, rc, m_sql);
      sqlite3_reset(m_statement);
      throw error;
    }
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    ++m_rows;
  }

  std::uint64_t finish() override {
    if (m_statement == nullptr) {
      throw std::logic_error("bulk_insert: finish() called twice");
    }
    sqlite3_finalize(m_statement);
    m_statement = nullptr;
    m_connection.exec("RELEASE migrator_bulk_insert");
    m_savepoint_open = false;
    return m_rows;
  }

 private:
  void bind(int index, const Value& value) {
    const int rc = std::visit(
        Overloaded{
            [&](Null) { return sqlite3_bind_null(m_statement, index); },
            [&](bool b) { return sqlite3_bind_int(m_statement, index, b ? 1 : 0); },
            [&](std::int64_t i) { return sqlite3_bind_int64(m_statement, index, i); },
            [&](double d) { return sqlite3_bind_double(m_statement, index, d); },
            [&](std::string_view s) { return bind_text(index, s, SQLITE_STATIC); },
            [&](const Decimal& d) { return bind_text(index, decimal_text(d), SQLITE_TRANSIENT); },
            [&](const Date& d) { return bind_text(index, date_text(d), SQLITE_TRANSIENT); },
        },
        value);
    if (rc != SQLITE_OK) {
      throw bulk_error(m_db, rc, m_sql);
    }
  }

  // SQLITE_STATIC for the caller's text, which lives until the row is stepped;
  // SQLITE_TRANSIENT (SQLite copies) for decimal and date texts, which are temporaries.
  int bind_text(int index, std::string_view text, sqlite3_destructor_type lifetime) {
    // A null pointer would bind NULL; an empty string_view may have one.
    const char* data = text.data() != nullptr ? text.data() : "";
    return sqlite3_bind_text64(m_statement, index, data, text.size(), lifetime, SQLITE_UTF8);
  }

  SqliteConnection& m_connection;
  ::sqlite3* m_db;
  std::string m_sql;
  std::size_t m_columns;
  sqlite3_stmt* m_statement = nullptr;
  std::uint64_t m_rows = 0;
  bool m_savepoint_open = true;
};

}  // namespace

std::unique_ptr<BulkWriter> SqliteConnection::bulk_insert(std::string_view table,
                                                          std::vector<std::string> columns) {
  const std::size_t count = columns.size();
  return std::make_unique<SqliteBulkWriter>(*this, insert_sql(table, columns), count);
}

}  // namespace migrator::db::sqlite
