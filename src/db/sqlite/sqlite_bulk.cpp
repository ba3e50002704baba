// bulk_insert on SQLite: rows are gathered into batches and written by one prepared
// multi-row INSERT (`VALUES (?, ...), (?, ...), ...`), all inside a SAVEPOINT.
// - The savepoint makes a load all-or-nothing, as one COPY is on PostgreSQL; inside an open
//   transaction it nests, outside one it is the transaction (without it every row would
//   commit, and sync, on its own).
// - A statement of 64 rows runs the statement's fixed cost (start, cursors, halt, reset) once
//   for 64 rows: 1.7x the rows/s of one row a statement on receipt_items (bench
//   construction_receipts). The rows of an unfinished batch go through a statement of their
//   own at finish(). An error of a row therefore surfaces at the write() that completes its
//   batch, or at finish().
// - A larger page cache for the load (sqlite_load_cache.hpp), unless the bulk_load
//   transaction around it holds one already.
// - The file's dirty pages are handed to the kernel's writeback as the load goes
//   (sqlite_writeback.hpp), so that COMMIT's fsync has less left to wait for.
// - Values are copied into the batch, so the caller's text need only live until write()
//   returns, and bound from there without another copy (SQLITE_STATIC).
// - A decimal goes in as the double nearest its exact value when the column has REAL,
//   NUMERIC or INTEGER affinity (which turns the text "12.50" into that same REAL 12.5, and
//   "7.00" into the INTEGER 7, as it does the double 7.0), and as its exact text into TEXT
//   or BLOB columns, which keep it verbatim. Skipping the text saves SQLite parsing it back.
#include <sqlite3.h>

#include <optional>
#include <stdexcept>

#include "db/sqlite/sqlite_affinity.hpp"
#include "db/sqlite/sqlite_connection.hpp"
#include "db/sqlite/sqlite_error.hpp"
#include "db/sqlite/sqlite_load_cache.hpp"
#include "db/sqlite/sqlite_statement.hpp"
#include "db/sqlite/sqlite_writeback.hpp"
#include "db/value_text.hpp"
#include "util/overloaded.hpp"

namespace migrator::db::sqlite {
namespace {

using util::Overloaded;

constexpr std::size_t k_rows_per_statement = 64;

// Errors of the generated INSERT carry no position: that SQL is not the user's.
SqlError bulk_error(::sqlite3* db, int rc, std::string_view sql) {
  const SqlError error = make_error(db, rc, sql, 0);
  return SqlError(error.db_message(), error.code(), 0);
}

std::string insert_sql(std::string_view table, const std::vector<std::string>& columns,
                       std::size_t rows) {
  std::string sql = "INSERT INTO " + std::string(table) + " (";
  std::string tuple = "(";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    sql += (i == 0 ? "" : ", ") + columns[i];
    tuple += i == 0 ? "?" : ", ?";
  }
  sql += ") VALUES ";
  tuple += ")";
  for (std::size_t r = 0; r < rows; ++r) {
    sql += (r == 0 ? "" : ", ") + tuple;
  }
  return sql;
}

// Doubles hold every integer below 2^53 and every power of ten up to 10^22 exactly, so
// units / 10^scale is then one correctly rounded division: the double nearest the decimal.
bool fits_double(const Decimal& d) {
  constexpr std::int64_t k_exact = std::int64_t{1} << 53;
  return d.scale >= 0 && d.scale <= 22 && d.units > -k_exact && d.units < k_exact;
}

double to_double(const Decimal& d) {
  static constexpr double k_powers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  return static_cast<double>(d.units) / k_powers[d.scale];
}

// One value of a pending row, in the form it will be bound in.
struct Slot {
  enum class Kind : std::uint8_t { null, integer, real, text };
  Kind kind = Kind::null;
  std::int64_t integer = 0;
  double real = 0;
  std::string text;  // its capacity is reused from batch to batch
};

class SqliteBulkWriter final : public BulkWriter {
 public:
  SqliteBulkWriter(SqliteConnection& connection, std::string_view table,
                   std::vector<std::string> columns)
      : m_connection(connection), m_db(connection.handle()), m_table(table),
        m_columns(std::move(columns)),
        m_numeric(numeric_affinity(connection, table, m_columns)),
        m_rows_per_statement(rows_per_statement(m_columns.size())),
        m_full_batch(prepare(m_rows_per_statement)),
        m_pending(m_rows_per_statement * m_columns.size()), m_writeback(connection.writeback_fd()) {
    if (!m_connection.in_bulk_load()) {
      m_cache.emplace(m_connection);
    }
    m_connection.exec("SAVEPOINT migrator_bulk_insert");
    // The whole load is one statement for the statement timeout, as COPY is on PostgreSQL.
    m_connection.arm_deadline();
  }
  SqliteBulkWriter(const SqliteBulkWriter&) = delete;
  SqliteBulkWriter& operator=(const SqliteBulkWriter&) = delete;
  ~SqliteBulkWriter() override {
    m_full_batch.reset();
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
    if (m_finished) {
      throw std::logic_error("bulk_insert: write() after finish()");
    }
    if (row.size() != m_columns.size()) {
      throw std::logic_error("bulk_insert: a row of " + std::to_string(row.size()) +
                             " values for " + std::to_string(m_columns.size()) + " columns");
    }
    Slot* slots = &m_pending[m_pending_rows * m_columns.size()];
    for (std::size_t i = 0; i < row.size(); ++i) {
      store(slots[i], row[i], m_numeric[i]);
    }
    if (++m_pending_rows == m_rows_per_statement) {
      run(m_full_batch.get(), m_pending_rows);
    }
  }

  std::uint64_t finish() override {
    if (m_finished) {
      throw std::logic_error("bulk_insert: finish() called twice");
    }
    m_finished = true;
    if (m_pending_rows > 0) {
      const Statement rest = prepare(m_pending_rows);
      run(rest.get(), m_pending_rows);
    }
    m_full_batch.reset();
    m_connection.exec("RELEASE migrator_bulk_insert");
    m_savepoint_open = false;
    m_cache.reset();
    return m_rows;
  }

 private:
  std::size_t rows_per_statement(std::size_t columns) const {
    // A statement may hold at most SQLITE_LIMIT_VARIABLE_NUMBER parameters.
    const auto limit = static_cast<std::size_t>(sqlite3_limit(m_db, SQLITE_LIMIT_VARIABLE_NUMBER, -1));
    return std::max<std::size_t>(1, std::min(k_rows_per_statement, limit / std::max<std::size_t>(columns, 1)));
  }

  Statement prepare(std::size_t rows) const {
    const std::string sql = insert_sql(m_table, m_columns, rows);
    sqlite3_stmt* raw = nullptr;
    const int rc =
        sqlite3_prepare_v2(m_db, sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr);
    if (rc != SQLITE_OK) {
      throw bulk_error(m_db, rc, sql);
    }
    return Statement(raw);
  }

  static void store(Slot& slot, const Value& value, bool numeric_column) {
    std::visit(Overloaded{
                   [&](Null) { slot.kind = Slot::Kind::null; },
                   [&](bool b) { set_integer(slot, b ? 1 : 0); },
                   [&](std::int64_t i) { set_integer(slot, i); },
                   [&](double d) {
                     slot.kind = Slot::Kind::real;
                     slot.real = d;
                   },
                   [&](std::string_view s) {
                     slot.kind = Slot::Kind::text;
                     slot.text.assign(s);
                   },
                   [&](const Decimal& d) {
                     if (numeric_column && fits_double(d)) {
                       slot.kind = Slot::Kind::real;
                       slot.real = to_double(d);
                     } else {
                       slot.kind = Slot::Kind::text;
                       slot.text.clear();
                       append_decimal_text(slot.text, d);
                     }
                   },
                   [&](const Date& d) {
                     slot.kind = Slot::Kind::text;
                     slot.text.clear();
                     append_date_text(slot.text, d);
                   },
               },
               value);
  }

  static void set_integer(Slot& slot, std::int64_t value) {
    slot.kind = Slot::Kind::integer;
    slot.integer = value;
  }

  // Binds the first `rows` pending rows to `statement`, runs it, and empties the batch.
  void run(sqlite3_stmt* statement, std::size_t rows) {
    const std::size_t values = rows * m_columns.size();
    for (std::size_t i = 0; i < values; ++i) {
      bind(statement, static_cast<int>(i) + 1, m_pending[i]);
    }
    const int rc = sqlite3_step(statement);
    if (rc != SQLITE_DONE) {
      SqlError error = bulk_error(m_db, rc, sqlite3_sql(statement));
      sqlite3_reset(statement);
      m_pending_rows = 0;
      throw error;
    }
    sqlite3_reset(statement);
    m_writeback.after_batch();
    m_rows += rows;
    m_pending_rows = 0;
  }

  void bind(sqlite3_stmt* statement, int index, const Slot& slot) const {
    int rc = SQLITE_OK;
    switch (slot.kind) {
      case Slot::Kind::null:
        rc = sqlite3_bind_null(statement, index);
        break;
      case Slot::Kind::integer:
        rc = sqlite3_bind_int64(statement, index, slot.integer);
        break;
      case Slot::Kind::real:
        rc = sqlite3_bind_double(statement, index, slot.real);
        break;
      case Slot::Kind::text:
        // The slot's text lives until the statement has run: no copy (SQLITE_STATIC).
        rc = sqlite3_bind_text64(statement, index, slot.text.c_str(), slot.text.size(),
                                 SQLITE_STATIC, SQLITE_UTF8);
        break;
    }
    if (rc != SQLITE_OK) {
      throw bulk_error(m_db, rc, sqlite3_sql(statement));
    }
  }

  SqliteConnection& m_connection;
  ::sqlite3* m_db;
  std::string m_table;
  std::vector<std::string> m_columns;
  std::vector<bool> m_numeric;  // per column: a decimal may go in as a double
  std::size_t m_rows_per_statement;
  Statement m_full_batch;
  std::vector<Slot> m_pending;  // m_rows_per_statement rows of m_columns.size() values
  std::size_t m_pending_rows = 0;
  std::uint64_t m_rows = 0;
  bool m_finished = false;
  bool m_savepoint_open = true;
  std::optional<LoadCache> m_cache;  // outside a bulk_load transaction, which holds its own
  Writeback m_writeback;
};

}  // namespace

std::unique_ptr<BulkWriter> SqliteConnection::bulk_insert(std::string_view table,
                                                          std::vector<std::string> columns) {
  if (m_loaded_tables != nullptr) {
    m_loaded_tables->emplace_back(table);
  }
  return std::make_unique<SqliteBulkWriter>(*this, table, std::move(columns));
}

}  // namespace migrator::db::sqlite
