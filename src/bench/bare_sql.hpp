#pragma once
// What a migration costs without migrator: its statement alone in a transaction, no history,
// no lock, no checks. The runner and dbmate benches measure migrator against this.
#include <functional>
#include <string>

#include "db/connection.hpp"

namespace migrator::bench {

// Runs `sql(i)` for i = first..last (last..first when `backwards`), one transaction each, on
// `db`; the seconds it took.
double bare_migrations(db::Connection& db, int first, int last, bool backwards,
                       const std::function<std::string(int)>& sql);

}  // namespace migrator::bench
