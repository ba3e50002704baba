#pragma once
// Small helpers for tests that talk to a db::Connection.
#include <memory>
#include <string>
#include <string_view>

#include "db/connection.hpp"

namespace migrator::test {

std::unique_ptr<db::Connection> connect(const std::string& url);

// The single cell `sql` returns ("NULL" for NULL); fails the test on any other shape.
std::string scalar(db::Connection& c, std::string_view sql);

// The SqlError that running `sql` throws; fails the test when it throws none.
db::SqlError sql_error(db::Connection& c, std::string_view sql);

}  // namespace migrator::test
