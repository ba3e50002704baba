#pragma once
// A migration's version: 64 bits, so that the timestamps dbmate, golang-migrate, diesel and
// Atlas write (20240101120000) are versions too.
#include <cstdint>

namespace migrator::core {

using Version = std::int64_t;

}  // namespace migrator::core
