#include "bench/bare_sql.hpp"

#include <chrono>

#include "bench/bench.hpp"

namespace migrator::bench {

double bare_migrations(db::Connection& db, int first, int last, bool backwards,
                       const std::function<std::string(int)>& sql) {
  const auto start = std::chrono::steady_clock::now();
  for (int n = first; n <= last; ++n) {
    const int i = backwards ? last + first - n : n;
    auto tx = db.begin();
    db.exec(sql(i));
    tx->commit();
  }
  return seconds_since(start);
}

}  // namespace migrator::bench
