#pragma once
// Reading a history row's integer cells: NULL reads as 0.
#include <cstdint>
#include <string>

#include "db/connection.hpp"

namespace migrator::history {

inline std::int64_t to_int(const db::Cell& cell) { return cell ? std::stoll(*cell) : 0; }

}  // namespace migrator::history
