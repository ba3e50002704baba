#include "support/db.hpp"

#include <catch2/catch.hpp>

namespace migrator::test {

std::unique_ptr<db::Connection> connect(const std::string& url) {
  return db::open(db::parse_url(url));
}

std::vector<std::string> schema_fingerprint(const std::string& url) { return connect(url)->schema_fingerprint(); }

std::string scalar(db::Connection& c, std::string_view sql) {
  const auto result = c.query(sql);
  REQUIRE(result.rows.size() == 1);
  REQUIRE(result.rows[0].size() == 1);
  return result.rows[0][0].value_or("NULL");
}

db::SqlError sql_error(db::Connection& c, std::string_view sql) {
  try {
    c.exec(sql);
  } catch (const db::SqlError& e) {
    return e;
  }
  FAIL("no SqlError from: " << sql);
  throw std::logic_error("unreachable");
}

}  // namespace migrator::test
