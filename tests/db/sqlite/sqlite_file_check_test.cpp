// What is wrong with the file a sqlite: URL names, before SQLite opens it (issue 9: 9): each
// case is a connect error (exit 3) that names the problem, never "is the server running?".
#include "db/sqlite/sqlite_file_check.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

#include "core/error.hpp"
#include "support/temp_dir.hpp"

namespace {

using migrator::core::ConnectError;
using migrator::db::sqlite::check_database_file;

// The message and hint check_database_file throws for `path`, or "fine".
std::pair<std::string, std::string> refusal(const std::string& path) {
  try {
    check_database_file(path, "sqlite:" + path);
  } catch (const ConnectError& e) {
    CHECK(e.exit_code() == 3);
    return {e.what(), e.hint()};
  }
  return {"fine", ""};
}

}  // namespace

TEST_CASE("sqlite file check: a new file in an existing directory, an SQLite file and :memory: are fine",
          "[db]") {
  migrator::test::TempDir dir;
  CHECK(refusal((dir / "new.db").string()).first == "fine");
  CHECK(refusal(":memory:").first == "fine");
  dir.write("empty.db", "");  // SQLite takes an empty file as a new database
  CHECK(refusal((dir / "empty.db").string()).first == "fine");
  // Whether a file holds a database is SQLite's to say, when it opens it (the connection
  // test): reading it here would mean a descriptor of our own on it.
  dir.write("notes.db", "hello world, not sqlite");
  CHECK(refusal((dir / "notes.db").string()).first == "fine");
}

TEST_CASE("sqlite file check: a directory that does not exist is named, with the mkdir", "[db]") {
  const auto [message, hint] = refusal("/nonexistent/dir/x.db");
  CHECK(message == "cannot connect to \"sqlite:/nonexistent/dir/x.db\": the directory \"/nonexistent/dir\" does not exist");
  CHECK(hint == "create it (mkdir -p /nonexistent/dir) or give --db another path");
}

TEST_CASE("sqlite file check: a directory, a device or a FIFO is not a database file", "[db]") {
  migrator::test::TempDir dir;
  std::filesystem::create_directories(dir / "adir");
  CHECK_THAT(refusal((dir / "adir").string()).first, Catch::EndsWith("adir\" is a directory, not a database file"));
  CHECK(refusal("/dev/null").first ==
        "cannot connect to \"sqlite:/dev/null\": \"/dev/null\" is a character device, not a database file");
  dir.write("file", "");
  CHECK_THAT(refusal((dir / "file/x.db").string()).first, Catch::EndsWith("file\" is a file, not a directory"));
}
