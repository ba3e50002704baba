#include "plan/plan_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <fmt/format.h>

#include "util/line_col.hpp"
#include "util/utf8.hpp"

namespace migrator::plan {
namespace {

core::Diagnostic file_problem(const std::filesystem::path& file, std::string message, std::string hint) {
  return {{file, 0, 0}, "", std::move(message), std::move(hint)};
}

core::Diagnostic text_problem(std::string_view text, std::size_t offset, const std::filesystem::path& file,
                              std::string message, std::string hint) {
  const auto at = util::line_col(text, offset);
  return {{file, at.line_delta + 1, at.column}, "", std::move(message), std::move(hint)};
}

}  // namespace

std::string entry_kind(const std::filesystem::file_status& status) {
  using std::filesystem::file_type;
  switch (status.type()) {
    case file_type::regular: return "a file";
    case file_type::directory: return "a directory";
    case file_type::fifo: return "a FIFO";
    case file_type::socket: return "a socket";
    case file_type::character: return "a character device";
    case file_type::block: return "a block device";
    case file_type::not_found: return "missing (a link to nothing?)";
    default: return "not a regular file";
  }
}

namespace {

// What cannot be opened, said as precisely as a look at the path allows.
core::Diagnostic open_problem(const std::filesystem::path& file, int open_errno) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    return file_problem(file, "cannot read: " + ec.message(), "fix the path or its links");
  }
  if (status.type() != std::filesystem::file_type::regular) {
    return file_problem(file, "is " + entry_kind(status) + ", not a file",
                        "a plan holds regular files only: remove or rename this entry");
  }
  return file_problem(file, std::string("cannot read: ") + std::strerror(open_errno), "check the file's permissions");
}

std::filesystem::file_type type_of(const struct stat& info) {
  using std::filesystem::file_type;
  if (S_ISREG(info.st_mode)) return file_type::regular;
  if (S_ISDIR(info.st_mode)) return file_type::directory;
  if (S_ISFIFO(info.st_mode)) return file_type::fifo;
  if (S_ISSOCK(info.st_mode)) return file_type::socket;
  if (S_ISCHR(info.st_mode)) return file_type::character;
  if (S_ISBLK(info.st_mode)) return file_type::block;
  return file_type::unknown;
}

}  // namespace

// Open, fstat, one read, close: a plan of 10,000 files is read on every run, and two stats
// and a read for the end of the file were a fifth of a run that had nothing to apply.
std::optional<std::string> read_plan_file(const std::filesystem::path& file, core::Diagnostics& out) {
  // O_NONBLOCK: a FIFO must not hold the open up; fstat below turns it away.
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    out.push_back(open_problem(file, errno));
    return std::nullopt;
  }
  const std::unique_ptr<const int, void (*)(const int*)> closer(&fd, [](const int* open) { ::close(*open); });
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    out.push_back(file_problem(file, std::string("cannot read: ") + std::strerror(errno), ""));
    return std::nullopt;
  }
  if (!S_ISREG(info.st_mode)) {
    out.push_back(file_problem(file, "is " + entry_kind(std::filesystem::file_status(type_of(info))) + ", not a file",
                               "a plan holds regular files only: remove or rename this entry"));
    return std::nullopt;
  }
  const auto size = static_cast<std::uintmax_t>(info.st_size);
  if (size > k_max_plan_file_bytes) {
    out.push_back(file_problem(file, fmt::format("is {} MiB; a plan file is at most {} MiB", size >> 20,
                                                 k_max_plan_file_bytes >> 20),
                               "keep data out of plans: load it with a generate step or from a file"));
    return std::nullopt;
  }
  // A regular file's size is what fstat says: read that much, and no extra read for the end.
  std::string text(static_cast<std::size_t>(size), '\0');
  std::size_t have = 0;
  while (have < text.size()) {
    const auto got = ::read(fd, text.data() + have, text.size() - have);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0) {
      out.push_back(file_problem(file, std::string("cannot read: ") + std::strerror(errno), ""));
      return std::nullopt;
    }
    if (got == 0) {
      break;  // cut short since fstat: what is there
    }
    have += static_cast<std::size_t>(got);
  }
  text.resize(have);
  return text;
}

std::optional<std::string> read_plan_text(const std::filesystem::path& file, core::Diagnostics& out) {
  auto text = read_plan_file(file, out);
  if (text && !check_plan_text(*text, file, out)) {
    return std::nullopt;
  }
  return text;
}

bool check_plan_text(std::string_view text, const std::filesystem::path& file, core::Diagnostics& out) {
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    out.push_back(text_problem(text, nul, file, "a NUL byte in the file",
                               "plans are text: no database takes a NUL inside SQL; remove it"));
    return false;
  }
  if (const auto bad = util::invalid_utf8_offset(text)) {
    out.push_back(text_problem(text, *bad, file,
                               fmt::format("not UTF-8: byte 0x{:02X} here", static_cast<unsigned char>(text[*bad])),
                               "save the file as UTF-8"));
    return false;
  }
  return true;
}

std::string value_problem(std::string_view value) {
  if (value.find('\0') != std::string_view::npos) {
    return "holds a NUL character (\"\\0\"), which no database takes in SQL or names";
  }
  if (util::invalid_utf8_offset(value)) {
    return "is not valid UTF-8";
  }
  return {};
}

}  // namespace migrator::plan
