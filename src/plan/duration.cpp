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
  if (unit == "ms") {
    return std::chrono::milliseconds(amount);
  }
  if (unit.empty() || unit == "s") {
    return std::chrono::seconds(amount);
  }
  if (unit == "min" || unit == "m") {
    return std::chrono::minutes(amount);
  }
  if (unit == "h") {
    return std::chrono::hours(amount);
  }
  return std::nullopt;
}

}  // namespace migrator::plan
