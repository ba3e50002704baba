// The SQLite migration lock: an exclusive flock on "<db>.lock". The kernel drops a flock
// when its process dies, so a killed run never leaves a stale lock behind; the file stays
// (deleting it would race with a process that has just opened it) and only says who holds
// the lock.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <memory>
#include <cerrno>
#include <cstring>
#include <ctime>

#include "db/errors.hpp"
#include "db/lock_poll.hpp"
#include "db/sqlite/sqlite_connection.hpp"

namespace migrator::db::sqlite {
namespace {

class NoLock final : public Lock {};

class FileLock final : public Lock {
 public:
  FileLock(int fd, std::shared_ptr<std::atomic<bool>> held) : m_fd(fd), m_held(std::move(held)) { *m_held = true; }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock() override {
    // Empty the file first, so that nobody reads a released holder's details.
    [[maybe_unused]] const int ignored = ftruncate(m_fd, 0);
    flock(m_fd, LOCK_UN);
    close(m_fd);
    *m_held = false;
  }

 private:
  int m_fd;
  std::shared_ptr<std::atomic<bool>> m_held;
};

std::string read_holder(int fd) {
  std::array<char, 512> buffer{};
  const ssize_t size = pread(fd, buffer.data(), buffer.size(), 0);
  std::string text = size > 0 ? std::string(buffer.data(), static_cast<std::size_t>(size)) : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
    text.pop_back();
  }
  return text.empty() ? "another process (which has not written its details yet)" : text;
}

void write_holder(int fd, std::string_view key) {
  std::array<char, 256> host{};
  gethostname(host.data(), host.size() - 1);
  std::array<char, 32> since{};
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::strftime(since.data(), since.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
  const std::string text = "pid " + std::to_string(getpid()) + " on " + host.data() + " since " +
                           since.data() + " (lock \"" + std::string(key) + "\")\n";
  // Best effort: the details only help a person who waits; the flock is the lock.
  if (ftruncate(fd, 0) == 0) {
    [[maybe_unused]] const ssize_t ignored = pwrite(fd, text.data(), text.size(), 0);
  }
}

}  // namespace

std::optional<std::string> SqliteConnection::migration_lock_holder() const {
  if (path() == ":memory:" || *m_holds_migration_lock) {
    return std::nullopt;  // this connection's own run: whoever keeps it waiting is someone else
  }
  const int fd = ::open((path() + ".lock").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return std::nullopt;  // no run ever locked this database
  }
  std::optional<std::string> holder;
  if (flock(fd, LOCK_SH | LOCK_NB) == 0) {
    flock(fd, LOCK_UN);  // free: nobody holds it
  } else if (errno == EWOULDBLOCK) {
    holder = read_holder(fd);
  }
  close(fd);
  return holder;
}

std::unique_ptr<Lock> SqliteConnection::lock(std::string_view key, std::chrono::milliseconds wait,
                                             const LockWaitCallback& on_wait) {
  if (path() == ":memory:") {
    return std::make_unique<NoLock>();  // no other connection can see this database
  }
  const std::string lock_path = path() + ".lock";
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw connect_error(describe(), "cannot open the lock file \"" + lock_path +
                                        "\": " + std::strerror(errno));
  }
  try {
    poll_lock(
        describe(), wait, on_wait,
        [&] {
          if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
            return true;
          }
          if (errno == EWOULDBLOCK) {
            return false;
          }
          throw connect_error(describe(),
                              "cannot lock \"" + lock_path + "\": " + std::strerror(errno));
        },
        [fd] { return read_holder(fd); });
  } catch (...) {
    close(fd);
    throw;
  }
  write_holder(fd, key);
  return std::make_unique<FileLock>(fd, m_holds_migration_lock);
}

}  // namespace migrator::db::sqlite
