#pragma once
// An owned prepared statement: finalized when it goes out of scope.
#include <sqlite3.h>

#include <memory>

namespace migrator::db::sqlite {

struct StatementDeleter {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

}  // namespace migrator::db::sqlite
