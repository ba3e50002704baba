#include "db/sqlite/sqlite_writeback.hpp"

#include <fcntl.h>
#include <unistd.h>

namespace migrator::db::sqlite {

int DatabaseFileHandle::fd(const std::string& path) {
#ifdef __linux__
  if (!m_opened && path != ":memory:" && !path.empty()) {
    m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  }
#else
  (void)path;
#endif
  m_opened = true;
  return m_fd;
}

DatabaseFileHandle::~DatabaseFileHandle() {
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

void Writeback::after_batch() {
#ifdef __linux__
  if (m_fd >= 0 && ++m_batches % k_every == 0) {
    // Start writing what is dirty, without waiting for it; a failure only loses the hint.
    (void)::sync_file_range(m_fd, 0, 0, SYNC_FILE_RANGE_WRITE);
  }
#endif
}

}  // namespace migrator::db::sqlite
