#include "db/sqlite/sqlite_file_check.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>

#include "db/errors.hpp"

namespace migrator::db::sqlite {
namespace {

constexpr std::string_view k_header{"SQLite format 3\0", 16};
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

// What the first bytes look like, for a person: printable ASCII kept, the rest as '.'.
std::string shown(std::string_view bytes) {
  std::string out;
  for (const char c : bytes) {
    out += c >= ' ' && c <= '~' ? c : '.';
  }
  return out;
}

}  // namespace

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
  std::array<char, 16> head{};
  std::ifstream in(path, std::ios::binary);
  in.read(head.data(), head.size());
  const auto got = static_cast<std::size_t>(in.gcount());
  if (got > 0 && std::string_view(head.data(), got) != k_header.substr(0, got)) {
    throw connect_error(describe, "\"" + path + "\" is not an SQLite database (it begins \"" +
                                      shown(std::string_view(head.data(), got)) + "\")",
                        k_path_hint);
  }
  if (got > 0 && got < k_header.size()) {
    throw connect_error(describe, "\"" + path + "\" is not an SQLite database (" + std::to_string(got) +
                                      " bytes, shorter than SQLite's header)",
                        k_path_hint);
  }
}

}  // namespace migrator::db::sqlite
