#pragma once
// What a migration costs without migrator: its statement alone in a transaction, no history,
// no lock, no checks. The runner and dbmate benches measure migrator against this.
#include <functional>
#include <string>

#include "db/connection.hpp"

namespace migrator::bench {

// The migration both benches time: migration i creates its own one-column table, the
// cheapest migration there is, so what is measured is the tool's overhead.
inline std::string create_sql(int i) { return "CREATE TABLE bench_t" + std::to_string(i) + " (id integer);"; }
inline std::string drop_sql(int i) { return "DROP TABLE bench_t" + std::to_string(i) + ";"; }

// Runs `sql(i)` for i = first..last (last..first when `backwards`), one transaction each, on
// `db`; the seconds it took.
double bare_migrations(db::Connection& db, int first, int last, bool backwards,
                       const std::function<std::string(int)>& sql);

}  // namespace migrator::bench
