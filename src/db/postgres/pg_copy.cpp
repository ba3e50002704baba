// bulk_insert on PostgreSQL: COPY ... FROM STDIN, sent in 64 KiB chunks (DEPENDENCIES.md:
// ~25x the rows/s of one INSERT per row). The server reports a bad row only when the COPY
// ends, so finish() is where constraint errors surface.
// - Binary format (pg_copy_binary) when every target column has a type it encodes. The
//   server is a load's bottleneck (the client formats a million rows in well under 0.1 s),
//   and in binary it reads each field with the type's receive function instead of parsing
//   text: no numeric or date parsing. bench construction_receipts, 1,000,000 receipts, two
//   busy shared cores, runs of both builds alternated, receipts rows/s against psql \copy of
//   the same CSV in the same run: binary 525k-632k, 1.07x-1.62x psql (median 1.14x, 6 runs);
//   text 281k-541k, 0.57x-1.19x psql (median 0.85x, 8 runs).
// - Any other column type (jsonb, timestamptz, arrays...) keeps the whole load in the text
//   format below, as does a column the lookup does not find (COPY then says why).
// - Binary refuses at write() what text left to the server: a kind the type does not take
//   (a string into an integer column, which text would have parsed) or a number out of its
//   range, as SqlErrors naming the column; the refused row is left out of the stream.
#include <charconv>
#include <stdexcept>

#include "db/postgres/pg_connection.hpp"
#include "db/postgres/pg_copy_binary.hpp"
#include "db/postgres/pg_error.hpp"
#include "db/value_text.hpp"
#include "util/overloaded.hpp"

namespace migrator::db::postgres {
namespace {

using util::Overloaded;

constexpr std::size_t k_chunk_size = 64 * 1024;

// COPY text format: backslash, tab, newline and carriage return are escaped.
void append_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

void append_value(std::string& out, const Value& value) {
  std::visit(Overloaded{
                 [&](Null) { out += "\\N"; },
                 [&](bool b) { out += b ? 't' : 'f'; },
                 [&](std::int64_t i) {
                   char digits[24];
                   out.append(digits, std::to_chars(digits, digits + sizeof digits, i).ptr);
                 },
                 [&](double d) { out += double_text(d); },
                 [&](std::string_view s) { append_escaped(out, s); },
                 [&](const Decimal& d) { append_decimal_text(out, d); },
                 [&](const Date& d) { append_date_text(out, d); },
             },
             value);
}

// The name an identifier in SQL text stands for, as the server folds it: "Quoted" verbatim
// ("" for a quote), anything else in ASCII lower case.
std::string identifier_name(std::string_view identifier) {
  std::string name;
  if (identifier.size() >= 2 && identifier.front() == '"' && identifier.back() == '"') {
    for (std::size_t i = 1; i + 1 < identifier.size(); ++i) {
      name += identifier[i];
      if (identifier[i] == '"') {
        ++i;
      }
    }
    return name;
  }
  for (const char c : identifier) {
    name += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return name;
}

// The columns' types in the order of `columns` (a domain's base type), or nothing when one
// of them is not a type pg_copy_binary encodes, or is not found (COPY then says why).
std::vector<BinaryColumn> binary_columns(PgConnection& connection, std::string_view table,
                                         const std::vector<std::string>& columns) {
  static constexpr char k_sql[] =
      "SELECT a.attname, CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END, "
      "format_type(a.atttypid, a.atttypmod) "
      "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
      "WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped";
  const std::string name(table);
  const char* const values[] = {name.c_str()};
  const Result result(
      PQexecParams(connection.handle(), k_sql, 1, nullptr, values, nullptr, nullptr, 0));
  if (result == nullptr || PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
    throw_error(result.get(), connection.handle(), connection.describe());
  }
  std::vector<BinaryColumn> found;
  for (const auto& column : columns) {
    const std::string wanted = identifier_name(column);
    int row = 0;
    while (row < PQntuples(result.get()) && wanted != PQgetvalue(result.get(), row, 0)) {
      ++row;
    }
    if (row == PQntuples(result.get())) {
      return {};
    }
    const auto type = binary_type(static_cast<Oid>(std::stoul(PQgetvalue(result.get(), row, 1))));
    if (!type) {
      return {};
    }
    found.push_back({column, PQgetvalue(result.get(), row, 2), *type});
  }
  return found;
}

class CopyWriter final : public BulkWriter {
 public:
  CopyWriter(PgConnection& connection, std::string_view table,
             const std::vector<std::string>& columns)
      : m_connection(connection), m_conn(connection.handle()), m_table(table),
        m_columns(columns.size()), m_binary(binary_columns(connection, table, columns)) {
    std::string sql = "COPY " + std::string(table) + " (";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      sql += (i == 0 ? "" : ", ") + columns[i];
    }
    sql += m_binary.empty() ? ") FROM STDIN" : ") FROM STDIN (FORMAT binary)";
    const Result result(PQexec(m_conn, sql.c_str()));
    if (result == nullptr || PQresultStatus(result.get()) != PGRES_COPY_IN) {
      throw_error(result.get(), m_conn, m_connection.describe());
    }
    m_open = true;
    m_buffer.reserve(k_chunk_size + 4096);
    if (!m_binary.empty()) {
      append_binary_header(m_buffer);
    }
  }
  CopyWriter(const CopyWriter&) = delete;
  CopyWriter& operator=(const CopyWriter&) = delete;

  ~CopyWriter() override {
    if (!m_open) {
      return;
    }
    // Abandoned (an exception is unwinding): fail the COPY on purpose, which leaves the
    // connection usable and the enclosing transaction aborted, ready to roll back.
    PQputCopyEnd(m_conn, "bulk load abandoned by migrator");
    while (Result rest{PQgetResult(m_conn)}) {
    }
  }

  void write(std::span<const Value> row) override {
    if (!m_open) {
      throw std::logic_error("bulk_insert: write() after finish()");
    }
    if (row.size() != m_columns) {
      throw std::logic_error("bulk_insert: a row of " + std::to_string(row.size()) +
                             " values for " + std::to_string(m_columns) + " columns");
    }
    if (m_binary.empty()) {
      append_text_row(row);
    } else {
      append_binary_row(row);
    }
    if (m_buffer.size() >= k_chunk_size) {
      flush();
    }
  }

  std::uint64_t finish() override {
    if (!m_open) {
      throw std::logic_error("bulk_insert: finish() called twice");
    }
    if (!m_binary.empty()) {
      append_binary_trailer(m_buffer);
    }
    flush();
    m_open = false;
    if (PQputCopyEnd(m_conn, nullptr) != 1) {
      throw_error(nullptr, m_conn, m_connection.describe());
    }
    // The first result is the COPY's; drain the rest so the connection is ready again.
    Result result(PQgetResult(m_conn));
    while (Result rest{PQgetResult(m_conn)}) {
    }
    if (result == nullptr || PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
      throw_error(result.get(), m_conn, m_connection.describe());
    }
    return std::stoull(PQcmdTuples(result.get()));
  }

 private:
  void append_text_row(std::span<const Value> row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) {
        m_buffer += '\t';
      }
      append_value(m_buffer, row[i]);
    }
    m_buffer += '\n';
  }

  void append_binary_row(std::span<const Value> row) {
    const std::size_t row_start = m_buffer.size();
    try {
      append_field_count(m_buffer, row.size());
      for (std::size_t i = 0; i < row.size(); ++i) {
        append_binary_field(m_buffer, row[i], m_binary[i], m_table);
      }
    } catch (...) {
      // A value the column cannot take: the row is not written, and the stream stays whole.
      m_buffer.resize(row_start);
      throw;
    }
  }

  void flush() {
    if (m_buffer.empty()) {
      return;
    }
    if (PQputCopyData(m_conn, m_buffer.data(), static_cast<int>(m_buffer.size())) != 1) {
      throw_error(nullptr, m_conn, m_connection.describe());
    }
    m_buffer.clear();
  }

  PgConnection& m_connection;
  PGconn* m_conn;
  std::string m_table;
  std::size_t m_columns;
  std::vector<BinaryColumn> m_binary;  // empty: text format
  std::string m_buffer;
  bool m_open = false;
};

}  // namespace

std::unique_ptr<BulkWriter> PgConnection::bulk_insert(std::string_view table,
                                                      std::vector<std::string> columns) {
  return std::make_unique<CopyWriter>(*this, table, columns);
}

}  // namespace migrator::db::postgres
