#include "plan/plan_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
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

std::optional<std::string> read_plan_file(const std::filesystem::path& file, core::Diagnostics& out) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    out.push_back(file_problem(file, "cannot read: " + ec.message(), "fix the path or its links"));
    return std::nullopt;
  }
  if (status.type() != std::filesystem::file_type::regular) {
    out.push_back(file_problem(file, "is " + entry_kind(status) + ", not a file",
                               "a plan holds regular files only: remove or rename this entry"));
    return std::nullopt;
  }
  const auto size = std::filesystem::file_size(file, ec);
  if (!ec && size > k_max_plan_file_bytes) {
    out.push_back(file_problem(file, fmt::format("is {} MiB; a plan file is at most {} MiB", size >> 20,
                                                 k_max_plan_file_bytes >> 20),
                               "keep data out of plans: load it with a generate step or from a file"));
    return std::nullopt;
  }
  // O_NONBLOCK: were the file swapped for a FIFO since the check above, open must not wait.
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    out.push_back(file_problem(file, std::string("cannot read: ") + std::strerror(errno),
                               "check the file's permissions"));
    return std::nullopt;
  }
  std::string text;
  char buffer[65536];
  for (;;) {
    const auto got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0) {
      out.push_back(file_problem(file, std::string("cannot read: ") + std::strerror(errno), ""));
      ::close(fd);
      return std::nullopt;
    }
    if (got == 0) {
      break;
    }
    text.append(buffer, static_cast<std::size_t>(got));
    if (text.size() > k_max_plan_file_bytes) {
      out.push_back(file_problem(file, fmt::format("is over {} MiB", k_max_plan_file_bytes >> 20), ""));
      ::close(fd);
      return std::nullopt;
    }
  }
  ::close(fd);
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
