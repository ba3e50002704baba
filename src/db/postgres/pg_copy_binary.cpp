#include "db/postgres/pg_copy_binary.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <limits>

#include "db/connection.hpp"
#include "db/value_text.hpp"
#include "util/overloaded.hpp"

namespace migrator::db::postgres {
namespace {

using util::Overloaded;

// Fixed in PostgreSQL's catalog (pg_type.dat).
constexpr Oid k_bool = 16;
constexpr Oid k_int8 = 20;
constexpr Oid k_int2 = 21;
constexpr Oid k_int4 = 23;
constexpr Oid k_text = 25;
constexpr Oid k_float4 = 700;
constexpr Oid k_float8 = 701;
constexpr Oid k_bpchar = 1042;
constexpr Oid k_varchar = 1043;
constexpr Oid k_date = 1082;
constexpr Oid k_numeric = 1700;

constexpr char k_signature[] = "PGCOPY\n\377\r\n";  // and its terminating NUL: 11 bytes
constexpr std::uint16_t k_numeric_negative = 0x4000;
constexpr int k_max_numeric_scale = 0x3FFF;  // NUMERIC_DSCALE_MASK
constexpr std::uint64_t k_pow10[] = {1, 10, 100, 1000, 10000};
constexpr std::int32_t k_days_1970_to_2000 = 10957;

template <class Unsigned>
void append_big_endian(std::string& out, Unsigned value) {
  char bytes[sizeof(Unsigned)];
  for (std::size_t i = 0; i < sizeof(Unsigned); ++i) {
    bytes[i] = static_cast<char>(value >> (8 * (sizeof(Unsigned) - 1 - i)));
  }
  out.append(bytes, sizeof bytes);
}

void append_int16(std::string& out, std::int16_t value) {
  append_big_endian(out, static_cast<std::uint16_t>(value));
}
void append_int32(std::string& out, std::int32_t value) {
  append_big_endian(out, static_cast<std::uint32_t>(value));
}
void append_int64(std::string& out, std::int64_t value) {
  append_big_endian(out, static_cast<std::uint64_t>(value));
}

// What a column type takes, for messages.
std::string_view expected(BinaryType type) {
  switch (type) {
    case BinaryType::int2:
    case BinaryType::int4:
    case BinaryType::int8:
      return "an integer";
    case BinaryType::numeric:
      return "a decimal or an integer";
    case BinaryType::float4:
    case BinaryType::float8:
      return "a number";
    case BinaryType::boolean:
      return "a boolean";
    case BinaryType::date:
      return "a date";
    case BinaryType::text:
      break;
  }
  return "text";
}

std::string describe(const Value& value) {
  return std::visit(
      Overloaded{
          [](Null) { return std::string("NULL"); },
          [](bool b) { return std::string(b ? "the boolean true" : "the boolean false"); },
          [](std::int64_t i) { return "the integer " + std::to_string(i); },
          [](double d) { return "the double " + double_text(d); },
          [](std::string_view s) {
            // At most 40 bytes, cut before a UTF-8 continuation byte, not inside a character.
            std::size_t shown = std::min<std::size_t>(s.size(), 40);
            while (shown < s.size() && shown > 0 && (s[shown] & 0xC0) == 0x80) {
              --shown;
            }
            return "the text \"" + std::string(s.substr(0, shown)) +
                   (shown < s.size() ? "...\"" : "\"");
          },
          [](const Decimal& d) { return "the decimal " + decimal_text(d); },
          [](const Date& d) { return "the date " + date_text(d); },
      },
      value);
}

[[noreturn]] void fail(const char* sqlstate, std::string_view table, const BinaryColumn& column,
                       const std::string& problem, std::string_view next) {
  throw SqlError("bulk load into \"" + std::string(table) + "\": column \"" + column.name +
                     "\" (" + column.type_name + ") " + problem + "; " + std::string(next),
                 sqlstate, 0);
}

[[noreturn]] void wrong_kind(std::string_view table, const BinaryColumn& column,
                             const Value& value) {
  fail("42804", table, column,
       "takes " + std::string(expected(column.type)) + ", not " + describe(value),
       "convert the value or change the column's type");
}

[[noreturn]] void out_of_range(std::string_view table, const BinaryColumn& column,
                               const Value& value) {
  fail("22003", table, column, "cannot hold " + describe(value),
       "widen the column's type or fix the value");
}

// A whole-number decimal written without fraction digits ({7, 0}, {7, -2}), as the text
// format's integer input would read it.
std::optional<std::int64_t> whole_number(const Decimal& d, bool& overflow) {
  overflow = false;
  if (d.scale > 0) {
    return std::nullopt;
  }
  std::int64_t value = d.units;
  for (int i = 0; i < -d.scale && value != 0; ++i) {
    if (__builtin_mul_overflow(value, 10, &value)) {
      overflow = true;
      return std::nullopt;
    }
  }
  return value;
}

void append_integer(std::string& out, std::int64_t value, const BinaryColumn& column,
                    std::string_view table, const Value& original) {
  switch (column.type) {
    case BinaryType::int2:
      if (value < std::numeric_limits<std::int16_t>::min() ||
          value > std::numeric_limits<std::int16_t>::max()) {
        out_of_range(table, column, original);
      }
      append_int32(out, 2);
      append_int16(out, static_cast<std::int16_t>(value));
      return;
    case BinaryType::int4:
      if (value < std::numeric_limits<std::int32_t>::min() ||
          value > std::numeric_limits<std::int32_t>::max()) {
        out_of_range(table, column, original);
      }
      append_int32(out, 4);
      append_int32(out, static_cast<std::int32_t>(value));
      return;
    default:
      append_int32(out, 8);
      append_int64(out, value);
  }
}

// numeric_recv's input: ndigits, weight (of the first base-10000 digit), sign, dscale, then
// the digits, most significant first, without leading or trailing zero digits.
void append_numeric(std::string& out, const Decimal& d) {
  const bool negative = d.units < 0;
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(d.units)
                                     : static_cast<std::uint64_t>(d.units);
  // The last decimal digit of `units` has the exponent -scale; base-10000 digits start at
  // exponents that are multiples of 4, so the lowest one holds `offset` zeros below it.
  const int low_exponent = -d.scale;
  int low_group = low_exponent >= 0 ? low_exponent / 4 : -((3 - low_exponent) / 4);
  const int offset = low_exponent - 4 * low_group;
  std::uint16_t groups[6];  // 20 decimal digits and up to 3 zeros: at most 6 groups
  int count = 0;
  if (magnitude != 0) {
    const std::uint64_t first = k_pow10[4 - offset];
    groups[count++] = static_cast<std::uint16_t>(magnitude % first * k_pow10[offset]);
    magnitude /= first;
    while (magnitude != 0) {
      groups[count++] = static_cast<std::uint16_t>(magnitude % 10000);
      magnitude /= 10000;
    }
  }
  int skip = 0;
  while (skip < count && groups[skip] == 0) {
    ++skip;
    ++low_group;
  }
  const int digits = count - skip;
  append_int32(out, 8 + 2 * digits);
  append_int16(out, static_cast<std::int16_t>(digits));
  append_int16(out, static_cast<std::int16_t>(digits == 0 ? 0 : low_group + digits - 1));
  append_big_endian(out, digits != 0 && negative ? k_numeric_negative : std::uint16_t{0});
  append_int16(out, static_cast<std::int16_t>(d.scale > 0 ? d.scale : 0));
  for (int i = count - 1; i >= skip; --i) {
    append_big_endian(out, groups[i]);
  }
}

// The float nearest the decimal's exact value, as float4in/float8in read its text; nullopt
// when that overflows or underflows to zero, which they reject as out of range too.
template <class Float>
std::optional<Float> nearest(const Decimal& d) {
  std::string text;
  append_decimal_text(text, d);
  Float value{};
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc{}) {
    return std::nullopt;
  }
  return value;
}

void append_float8(std::string& out, double value) {
  append_int32(out, 8);
  append_big_endian(out, std::bit_cast<std::uint64_t>(value));
}

void append_float4(std::string& out, float value) {
  append_int32(out, 4);
  append_big_endian(out, std::bit_cast<std::uint32_t>(value));
}

void append_float(std::string& out, const Value& value, const BinaryColumn& column,
                  std::string_view table) {
  const bool single = column.type == BinaryType::float4;
  if (const auto* d = std::get_if<double>(&value)) {
    if (!single) {
      append_float8(out, *d);
      return;
    }
    const auto f = static_cast<float>(*d);
    if ((std::isinf(f) && std::isfinite(*d)) || (f == 0 && *d != 0)) {
      out_of_range(table, column, value);
    }
    append_float4(out, f);
  } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
    if (single) {
      append_float4(out, static_cast<float>(*i));
    } else {
      append_float8(out, static_cast<double>(*i));
    }
  } else if (const auto* decimal = std::get_if<Decimal>(&value)) {
    if (single) {
      const auto f = nearest<float>(*decimal);
      if (!f) {
        out_of_range(table, column, value);
      }
      append_float4(out, *f);
    } else {
      const auto f = nearest<double>(*decimal);
      if (!f) {
        out_of_range(table, column, value);
      }
      append_float8(out, *f);
    }
  } else {
    wrong_kind(table, column, value);
  }
}

void overwrite_int32(std::string& out, std::size_t at, std::int32_t value) {
  const auto bits = static_cast<std::uint32_t>(value);
  for (std::size_t i = 0; i < 4; ++i) {
    out[at + i] = static_cast<char>(bits >> (8 * (3 - i)));
  }
}

// A text column gets exactly what the text format would store: a number or date as its text.
void append_text(std::string& out, const Value& value) {
  if (const auto* s = std::get_if<std::string_view>(&value)) {
    append_int32(out, static_cast<std::int32_t>(s->size()));
    out += *s;
    return;
  }
  const std::size_t length_at = out.size();
  append_int32(out, 0);  // the length, known once the text is written
  std::visit(Overloaded{
                 [&](Null) {},
                 [&](bool b) { out += b ? 't' : 'f'; },
                 [&](std::int64_t i) {
                   char digits[24];
                   out.append(digits, std::to_chars(digits, digits + sizeof digits, i).ptr);
                 },
                 [&](double d) { out += double_text(d); },
                 [&](std::string_view s) { out += s; },
                 [&](const Decimal& d) { append_decimal_text(out, d); },
                 [&](const Date& d) { append_date_text(out, d); },
             },
             value);
  overwrite_int32(out, length_at, static_cast<std::int32_t>(out.size() - length_at - 4));
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

}  // namespace

std::optional<BinaryType> binary_type(Oid type) {
  switch (type) {
    case k_int2:
      return BinaryType::int2;
    case k_int4:
      return BinaryType::int4;
    case k_int8:
      return BinaryType::int8;
    case k_numeric:
      return BinaryType::numeric;
    case k_float4:
      return BinaryType::float4;
    case k_float8:
      return BinaryType::float8;
    case k_bool:
      return BinaryType::boolean;
    case k_date:
      return BinaryType::date;
    case k_text:
    case k_varchar:
    case k_bpchar:
      return BinaryType::text;
    default:
      return std::nullopt;
  }
}

void append_binary_header(std::string& out) {
  out.append(k_signature, sizeof k_signature);
  append_int32(out, 0);  // flags: no OIDs
  append_int32(out, 0);  // no header extension
}

void append_binary_trailer(std::string& out) { append_int16(out, -1); }

void append_field_count(std::string& out, std::size_t fields) {
  append_int16(out, static_cast<std::int16_t>(fields));
}

std::optional<std::int32_t> days_since_2000(const Date& date) {
  static constexpr int k_month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (date.year < 1 || date.year > 9999 || date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > k_month_days[date.month - 1] + (date.month == 2 && is_leap(date.year))) {
    return std::nullopt;
  }
  // Howard Hinnant's days_from_civil: eras of 400 years, years starting in March.
  const int year = date.year - (date.month <= 2);
  const int era = year / 400;  // year >= 0 here
  const int year_of_era = year - era * 400;
  const int day_of_year = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468 - k_days_1970_to_2000;
}

void append_binary_field(std::string& out, const Value& value, const BinaryColumn& column,
                         std::string_view table) {
  if (std::holds_alternative<Null>(value)) {
    append_int32(out, -1);
    return;
  }
  switch (column.type) {
    case BinaryType::int2:
    case BinaryType::int4:
    case BinaryType::int8:
      if (const auto* i = std::get_if<std::int64_t>(&value)) {
        append_integer(out, *i, column, table, value);
        return;
      }
      if (const auto* d = std::get_if<Decimal>(&value)) {
        bool overflow = false;
        if (const auto whole = whole_number(*d, overflow)) {
          append_integer(out, *whole, column, table, value);
          return;
        }
        if (overflow) {
          out_of_range(table, column, value);
        }
      }
      break;
    case BinaryType::numeric:
      if (const auto* d = std::get_if<Decimal>(&value)) {
        if (d->scale > k_max_numeric_scale || d->scale < -k_max_numeric_scale) {
          out_of_range(table, column, value);
        }
        append_numeric(out, *d);
        return;
      }
      if (const auto* i = std::get_if<std::int64_t>(&value)) {
        append_numeric(out, Decimal{*i, 0});
        return;
      }
      break;
    case BinaryType::float4:
    case BinaryType::float8:
      append_float(out, value, column, table);
      return;
    case BinaryType::boolean:
      if (const auto* b = std::get_if<bool>(&value)) {
        append_int32(out, 1);
        out += *b ? '\1' : '\0';
        return;
      }
      break;
    case BinaryType::date:
      if (const auto* d = std::get_if<Date>(&value)) {
        const auto days = days_since_2000(*d);
        if (!days) {
          fail("22008", table, column,
               "cannot hold " + describe(value) + ", not a day between 0001-01-01 and 9999-12-31",
               "fix the value");
        }
        append_int32(out, 4);
        append_int32(out, *days);
        return;
      }
      break;
    case BinaryType::text:
      append_text(out, value);
      return;
  }
  wrong_kind(table, column, value);
}

}  // namespace migrator::db::postgres
