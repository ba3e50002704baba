#pragma once
// Dates as day numbers (days since 1970-01-01), so that "a day between two dates" is integer
// arithmetic. Howard Hinnant's civil-calendar algorithms, valid far beyond any plan's range.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/value.hpp"

namespace migrator::generate {

using Day = std::int64_t;

Day to_day(const db::Date& date);
db::Date to_date(Day day);
// 1 = Monday ... 7 = Sunday (ISO 8601).
int iso_weekday(Day day);
// "2023-01-01"; nullopt for anything that is not a real calendar date in that form.
std::optional<db::Date> parse_date(std::string_view text);
std::string format_date(const db::Date& date);

}  // namespace migrator::generate
