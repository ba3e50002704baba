#include "db/value_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace migrator::db {

void append_decimal_text(std::string& out, const Decimal& value) {
  // The magnitude as unsigned, so that INT64_MIN does not overflow when negated.
  const bool negative = value.units < 0;
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(value.units)
                                           : static_cast<std::uint64_t>(value.units);
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, magnitude).ptr;
  const auto count = static_cast<std::size_t>(end - digits);
  if (negative) {
    out += '-';
  }
  if (value.scale <= 0) {
    out.append(digits, count);
    out.append(static_cast<std::size_t>(-value.scale), '0');
    return;
  }
  const auto scale = static_cast<std::size_t>(value.scale);
  if (count <= scale) {
    out += "0.";
    out.append(scale - count, '0');
    out.append(digits, count);
  } else {
    out.append(digits, count - scale);
    out += '.';
    out.append(digits + (count - scale), scale);
  }
}

std::string decimal_text(const Decimal& value) {
  std::string out;
  append_decimal_text(out, value);
  return out;
}

void append_date_text(std::string& out, const Date& value) {
  if (value.year < 0 || value.year > 9999 || value.month < 0 || value.month > 99 ||
      value.day < 0 || value.day > 99) {
    // Out of the databases' range: let the server reject what snprintf writes.
    char buffer[40];
    const int n = std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", value.year,
                                value.month, value.day);
    out.append(buffer, static_cast<std::size_t>(n));
    return;
  }
  // Digit by digit: this runs for every date of a bulk load, and snprintf is most of its cost.
  const auto digit = [](int v) { return static_cast<char>('0' + v); };
  const char text[10] = {digit(value.year / 1000),       digit(value.year / 100 % 10),
                         digit(value.year / 10 % 10),    digit(value.year % 10),
                         '-',
                         digit(value.month / 10),        digit(value.month % 10),
                         '-',
                         digit(value.day / 10),          digit(value.day % 10)};
  out.append(text, sizeof text);
}

std::string date_text(const Date& value) {
  std::string out;
  append_date_text(out, value);
  return out;
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
