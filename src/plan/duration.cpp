#include "plan/duration.hpp"

#include <charconv>
#include <cstdint>

namespace migrator::plan {

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  std::int64_t amount = 0;
  const auto* end = text.data() + text.size();
  const auto [rest, ec] = std::from_chars(text.data(), end, amount);
  if (ec != std::errc{} || amount < 0) {
    return std::nullopt;
  }
  const std::string_view unit(rest, static_cast<std::size_t>(end - rest));
  // Milliseconds per unit; the amount is checked against the limit before multiplying, so
  // nothing overflows.
  std::int64_t unit_ms = 0;
  if (unit == "ms") {
    unit_ms = 1;
  } else if (unit.empty() || unit == "s") {
    unit_ms = 1000;
  } else if (unit == "min" || unit == "m") {
    unit_ms = 60'000;
  } else if (unit == "h") {
    unit_ms = 3'600'000;
  } else {
    return std::nullopt;
  }
  if (amount > k_max_duration.count() / unit_ms) {
    return std::nullopt;
  }
  return std::chrono::milliseconds(amount * unit_ms);
}

}  // namespace migrator::plan
