#include "db/postgres/pg_copy_support.hpp"

#include <array>
#include <catch2/catch.hpp>

#include "support/db.hpp"

namespace migrator::test {

std::string last_statement(db::Connection& watcher, const std::string& pid) {
  return scalar(watcher, "SELECT query FROM pg_stat_activity WHERE pid = " + pid);
}

std::vector<std::vector<db::Cell>> binary_mismatches(const std::string& url,
                                                     const std::string& type,
                                                     const std::vector<Expected>& cases) {
  auto c = connect(url);
  auto watcher = connect(url);
  c->exec("DROP TABLE IF EXISTS loaded; CREATE TABLE loaded (id int, value " + type +
          ", reference text)");
  const std::string pid = scalar(*c, "SELECT pg_backend_pid()");
  auto writer = c->bulk_insert("loaded", {"id", "value", "reference"});
  std::int64_t id = 0;
  for (const auto& expected : cases) {
    const std::array<db::Value, 3> row = {
        id++, expected.value,
        expected.reference ? db::Value(std::string_view(*expected.reference)) : db::Null{}};
    writer->write(row);
  }
  CHECK(writer->finish() == cases.size());
  CHECK_THAT(last_statement(*watcher, pid), Catch::EndsWith("FROM STDIN (FORMAT binary)"));
  const std::string read = "reference::" + type;
  return c
      ->query("SELECT id, value::text, " + read + "::text FROM loaded WHERE value IS DISTINCT FROM " +
              read + " OR value::text IS DISTINCT FROM " + read + "::text ORDER BY id")
      .rows;
}

}  // namespace migrator::test
