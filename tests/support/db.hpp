#pragma once
// Small helpers for tests that talk to a db::Connection.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"

namespace migrator::test {

std::unique_ptr<db::Connection> connect(const std::string& url);

// The schema of the database at `url`, one line per object (Connection::schema_fingerprint).
std::vector<std::string> schema_fingerprint(const std::string& url);

// The single cell `sql` returns ("NULL" for NULL); fails the test on any other shape.
std::string scalar(db::Connection& c, std::string_view sql);

// The SqlError that running `sql` throws; fails the test when it throws none.
db::SqlError sql_error(db::Connection& c, std::string_view sql);

}  // namespace migrator::test
