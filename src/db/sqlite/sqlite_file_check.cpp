#include "db/sqlite/sqlite_file_check.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "db/errors.hpp"

namespace migrator::db::sqlite {
namespace {

constexpr std::string_view k_path_hint = "give --db the path of an SQLite database file; a new path in an existing directory creates one";

std::string kind_of(std::filesystem::file_type type) {
  using std::filesystem::file_type;
  switch (type) {
    case file_type::regular: return "a file";
    case file_type::directory: return "a directory";
    case file_type::character: return "a character device";
    case file_type::block: return "a block device";
    case file_type::fifo: return "a FIFO";
    case file_type::socket: return "a socket";
    default: return "not a regular file";
  }
}

}  // namespace

core::ConnectError not_a_database_error(const std::string& path, std::string_view describe) {
  return connect_error(describe, "\"" + path + "\" is not an SQLite database", k_path_hint);
}

std::string identity_path(const std::string& path, std::string_view describe) {
  if (path == ":memory:") {
    return path;
  }
  std::error_code ec;
  const auto resolved = std::filesystem::weakly_canonical(path, ec);
  if (ec) {
    return path;
  }
  struct stat info {};
  if (::stat(resolved.c_str(), &info) == 0 && info.st_nlink > 1) {
    throw connect_error(describe,
                        "\"" + path + "\" has " + std::to_string(info.st_nlink) +
                            " hard links: SQLite names its journal after the path, so a database written "
                            "through two names can be corrupted, and two runs would not see each other's lock",
                        "remove the other links (find / -samefile " + path + "), or make them symbolic links");
  }
  return resolved.string();
}

void check_database_file(const std::string& path, std::string_view describe) {
  if (path == ":memory:" || path.starts_with("file:")) {
    return;
  }
  std::error_code ec;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    const auto status = std::filesystem::status(parent, ec);
    if (status.type() == std::filesystem::file_type::not_found) {
      throw connect_error(describe, "the directory \"" + parent.string() + "\" does not exist",
                          "create it (mkdir -p " + parent.string() + ") or give --db another path");
    }
    if (status.type() != std::filesystem::file_type::directory) {
      throw connect_error(describe, "\"" + parent.string() + "\" is " +
                                        (ec ? "unreadable: " + ec.message() : kind_of(status.type())) +
                                        ", not a directory",
                          k_path_hint);
    }
  }
  const auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found) {
    return;
  }
  if (status.type() != std::filesystem::file_type::regular) {
    throw connect_error(describe, "\"" + path + "\" is " + (ec ? "unreadable: " + ec.message() : kind_of(status.type())) +
                                      ", not a database file",
                        k_path_hint);
  }
  if (::access(path.c_str(), R_OK) != 0) {
    throw connect_error(describe, "\"" + path + "\" cannot be read (permission denied)",
                        "give this user read and write access to the file and its directory");
  }
}

}  // namespace migrator::db::sqlite
