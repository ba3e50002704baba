#pragma once
// Helpers for the tests of PostgreSQL's bulk loads (pg_copy_test, pg_copy_binary_test).
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace migrator::test {

// The statement the session `pid` ran last, read from another session (`watcher`).
std::string last_statement(db::Connection& watcher, const std::string& pid);

// A value to load and the text the server reads the expected value from (nullopt: NULL).
struct Expected {
  db::Value value;
  std::optional<std::string> reference;
};

// Loads every value into a fresh table `loaded (id int, value <type>, reference text)` by one
// bulk_insert, which must use COPY's binary format, with its reference beside it. Returns
// the rows (id, stored value, the server's reading of the reference) where the two differ,
// in value or in text: none when every value arrived exactly.
std::vector<std::vector<db::Cell>> binary_mismatches(const std::string& url,
                                                     const std::string& type,
                                                     const std::vector<Expected>& cases);

}  // namespace migrator::test
