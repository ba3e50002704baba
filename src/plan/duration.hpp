#pragma once
#include <chrono>
#include <optional>
#include <string_view>

namespace migrator::plan {

// "250ms", "5s", "2min", "1h" or a bare number of seconds; nullopt when malformed.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace migrator::plan
