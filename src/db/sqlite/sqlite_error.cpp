#include "db/sqlite/sqlite_error.hpp"

#include <sqlite3.h>

#include <string>

namespace migrator::db::sqlite {

int char_position(std::string_view text, std::size_t byte_offset) {
  int position = 1;
  for (std::size_t i = 0; i < byte_offset && i < text.size(); ++i) {
    // Count every byte that is not a UTF-8 continuation byte (10xxxxxx).
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++position;
    }
  }
  return position;
}

std::string code_text(int rc) { return "SQLITE " + std::to_string(rc); }

SqlError make_error(::sqlite3* db, int rc, std::string_view sql, std::size_t statement_offset) {
  // Only migrator's statement-timeout progress handler interrupts a statement.
  std::string message = (rc & 0xFF) == SQLITE_INTERRUPT
                            ? "canceling statement due to statement timeout"
                            : sqlite3_errmsg(db);
  const int offset = sqlite3_error_offset(db);
  // Errors found while running (constraints, say) have no offset: point at the statement,
  // so a multi-statement step still names the line that failed.
  std::size_t at = statement_offset;
  while (at < sql.size() && (sql[at] == ' ' || sql[at] == '\n' || sql[at] == '\t' || sql[at] == '\r')) {
    ++at;
  }
  const int position = char_position(sql, offset < 0 ? at : statement_offset + static_cast<std::size_t>(offset));
  return SqlError(std::move(message), code_text(rc), position);
}

}  // namespace migrator::db::sqlite
