#include "db/value_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace migrator::db {

std::string decimal_text(const Decimal& value) {
  // The magnitude as unsigned, so that INT64_MIN does not overflow when negated.
  const bool negative = value.units < 0;
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(value.units)
                                           : static_cast<std::uint64_t>(value.units);
  const std::string digits = std::to_string(magnitude);
  std::string out = negative ? "-" : "";
  if (value.scale <= 0) {
    out += digits;
    out.append(static_cast<std::size_t>(-value.scale), '0');
    return out;
  }
  // Built piece by piece: GCC 12 misreports string::insert here (-Wrestrict).
  const auto scale = static_cast<std::size_t>(value.scale);
  if (digits.size() <= scale) {
    out += "0.";
    out.append(scale - digits.size(), '0');
    out += digits;
  } else {
    out.append(digits, 0, digits.size() - scale);
    out += '.';
    out.append(digits, digits.size() - scale, scale);
  }
  return out;
}

std::string date_text(const Date& value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", value.year, value.month, value.day);
  return buffer;
}

std::string double_text(double value) {
  if (std::isnan(value)) {
    return "NaN";
  }
  if (std::isinf(value)) {
    return value > 0 ? "Infinity" : "-Infinity";
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

}  // namespace migrator::db
