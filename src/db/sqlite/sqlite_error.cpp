#include "db/sqlite/sqlite_error.hpp"

#include <sqlite3.h>

#include <string>

#include "db/sql_position.hpp"
#include "util/interrupt.hpp"

namespace migrator::db::sqlite {

std::string code_text(int rc) { return "SQLITE " + std::to_string(rc); }

namespace {

std::string cancelled_message() { return "canceling statement: " + util::interrupt_name(util::interrupt_signal()); }

}  // namespace

SqlError make_error(::sqlite3* db, int rc, std::string_view sql, std::size_t statement_offset) {
  // A statement is interrupted by Ctrl-C (util/interrupt) or by migrator's statement-timeout
  // progress handler.
  std::string message = (rc & 0xFF) != SQLITE_INTERRUPT ? sqlite3_errmsg(db)
                        : util::interrupted()           ? cancelled_message()
                                                        : "canceling statement due to statement timeout";
  const int offset = sqlite3_error_offset(db);
  const int position =
      offset < 0 ? statement_position(sql, statement_offset)
                 : char_position(sql, statement_offset + static_cast<std::size_t>(offset));
  return SqlError(std::move(message), code_text(rc), position);
}

SqlError cancelled_error(std::string_view sql, std::size_t statement_offset) {
  return SqlError(cancelled_message(), code_text(SQLITE_INTERRUPT), statement_position(sql, statement_offset));
}

}  // namespace migrator::db::sqlite
