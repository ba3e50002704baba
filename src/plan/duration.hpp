#pragma once
#include <chrono>
#include <optional>
#include <string_view>

namespace migrator::plan {

// The longest duration taken: PostgreSQL's limit for lock_timeout and statement_timeout
// (INT_MAX milliseconds, 596 hours). Longer values once overflowed the deadline arithmetic
// and acted as zero.
inline constexpr std::chrono::milliseconds k_max_duration{2'147'483'647};

// What to write instead, for every message that refuses a duration.
inline constexpr const char* k_duration_hint = "write it like 500ms, 30s, 2min or 1h (at most 596h)";

// "250ms", "5s", "2min", "1h" or a bare number of seconds; nullopt when malformed, negative
// or longer than k_max_duration.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace migrator::plan
