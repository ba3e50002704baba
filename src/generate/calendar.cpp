#include "generate/calendar.hpp"

#include <charconv>

#include <fmt/format.h>

namespace migrator::generate {

Day to_day(const db::Date& date) {
  const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (date.month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

db::Date to_date(Day day) {
  const std::int64_t z = day + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const auto d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const auto m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const auto y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  return db::Date{y, m, d};
}

int iso_weekday(Day day) {
  // 1970-01-01 was a Thursday (4).
  const auto shifted = (day + 3) % 7;
  return static_cast<int>((shifted < 0 ? shifted + 7 : shifted) + 1);
}

std::optional<db::Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  const auto number = [&](std::size_t pos, std::size_t len) -> std::optional<int> {
    int value = 0;
    const auto* begin = text.data() + pos;
    const auto [end, ec] = std::from_chars(begin, begin + len, value);
    if (ec != std::errc{} || end != begin + len) {
      return std::nullopt;
    }
    return value;
  };
  const auto y = number(0, 4);
  const auto m = number(5, 2);
  const auto d = number(8, 2);
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1) {
    return std::nullopt;
  }
  const db::Date date{*y, *m, *d};
  const auto round_trip = to_date(to_day(date));  // rejects 2023-02-30
  if (round_trip.month != date.month || round_trip.day != date.day) {
    return std::nullopt;
  }
  return date;
}

std::string format_date(const db::Date& date) {
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

}  // namespace migrator::generate
