#pragma once
// Starts the kernel writing a database file's dirty pages to disk while a bulk load goes on,
// as PostgreSQL's backend_flush_after does with the same call (sync_file_range on Linux).
// A load's cache spills land in the page cache; without this the kernel writes them only at
// COMMIT's fsync, which then waits for the whole file (0.3 s of a 1M-receipt load). Nothing
// here changes what is durable or when: COMMIT's fsync still decides. Elsewhere a no-op.
#include <cstdint>
#include <string>

namespace migrator::db::sqlite {

class Writeback {
 public:
  // `path` is the database file; ":memory:" or a file that cannot be opened disables it.
  explicit Writeback(const std::string& path);
  ~Writeback();
  Writeback(const Writeback&) = delete;
  Writeback& operator=(const Writeback&) = delete;

  // Called after each batch of rows; every `k_every` calls, asks for the writeback.
  void after_batch();

 private:
  static constexpr std::uint64_t k_every = 256;  // 16,384 rows at 64 a batch
  int m_fd = -1;
  std::uint64_t m_batches = 0;
};

}  // namespace migrator::db::sqlite
