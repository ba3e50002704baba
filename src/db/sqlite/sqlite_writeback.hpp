#pragma once
// Starts the kernel writing a database file's dirty pages to disk while a bulk load goes on,
// as PostgreSQL's backend_flush_after does with the same call (sync_file_range on Linux).
// A load's cache spills land in the page cache; without this the kernel writes them only at
// COMMIT's fsync, which then waits for the whole file (0.3 s of a 1M-receipt load). Nothing
// here changes what is durable or when: COMMIT's fsync still decides. Elsewhere a no-op.
#include <cstdint>
#include <string>

namespace migrator::db::sqlite {

// A second descriptor of a connection's database file, for the hint above. Linux drops every
// POSIX lock a process holds on a file when it closes *any* descriptor of that file, SQLite's
// own locks included (sqlite.org, "How To Corrupt An SQLite Database File", 2.2): closed at
// the end of a bulk insert, inside its transaction, it silently released the write lock. So
// it is opened once per connection and closed only after SQLite has closed the database
// (SqliteConnection declares it before its session, so it is destroyed after).
class DatabaseFileHandle {
 public:
  DatabaseFileHandle() = default;
  ~DatabaseFileHandle();
  DatabaseFileHandle(const DatabaseFileHandle&) = delete;
  DatabaseFileHandle& operator=(const DatabaseFileHandle&) = delete;

  // The descriptor, opened read-only on first use; -1 for ":memory:" or a file that cannot
  // be opened (then there are no hints, and nothing else changes).
  int fd(const std::string& path);

 private:
  int m_fd = -1;
  bool m_opened = false;
};

class Writeback {
 public:
  // `fd` is the connection's DatabaseFileHandle; not closed here.
  explicit Writeback(int fd) : m_fd(fd) {}

  // Called after each batch of rows; every `k_every` calls, asks for the writeback.
  void after_batch();

 private:
  static constexpr std::uint64_t k_every = 256;  // 16,384 rows at 64 a batch
  int m_fd = -1;
  std::uint64_t m_batches = 0;
};

}  // namespace migrator::db::sqlite
