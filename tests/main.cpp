// The test binary's entry. Besides running the suite, it is the helper process some tests
// start: a test about locks between processes needs a fresh process (a forked child shares
// SQLite's lock bookkeeping and answers without asking the kernel).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <cstdlib>

namespace {

// MIGRATOR_LOCK_PROBE_DB=path: asks for that database's write lock without waiting. Exits 0
// when SQLite answers BUSY (someone holds it), 1 when it was granted, 2 on any other error.
int probe_write_lock(const char* path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path, &db) != SQLITE_OK) {
    return 2;
  }
  const int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc == SQLITE_BUSY ? 0 : rc == SQLITE_OK ? 1 : 2;
}

}  // namespace

int main(int argc, char* argv[]) {
  if (const char* path = std::getenv("MIGRATOR_LOCK_PROBE_DB")) {
    return probe_write_lock(path);
  }
  return Catch::Session().run(argc, argv);
}
