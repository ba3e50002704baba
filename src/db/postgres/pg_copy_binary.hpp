#pragma once
// COPY's binary format (PostgreSQL docs, COPY, "Binary Format"): every field goes through its
// type's receive function, which costs the server less than parsing text. Only the types
// below are encoded; a table with any other column type is loaded in text format.
#include <postgres_ext.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/value.hpp"

namespace migrator::db::postgres {

// text, varchar and bpchar are all `text`: the server applies their length and padding.
enum class BinaryType : std::uint8_t { int2, int4, int8, numeric, float4, float8, boolean, date, text };

// The encoding of a column of type `type` (a domain's base type), or nullopt.
std::optional<BinaryType> binary_type(Oid type);

struct BinaryColumn {
  std::string name;       // as the caller named it
  std::string type_name;  // the server's, for messages ("numeric(12,2)")
  BinaryType type = BinaryType::text;
};

void append_binary_header(std::string& out);
void append_binary_trailer(std::string& out);
void append_field_count(std::string& out, std::size_t fields);

// Appends one field (its length and bytes). A value the column cannot take exactly is a
// SqlError naming `table` and the column: 42804 for a kind the type does not take (text into
// an integer column), 22003 for a number out of the type's range, 22008 for a date that is
// not on the calendar of years 1 to 9999.
void append_binary_field(std::string& out, const Value& value, const BinaryColumn& column,
                         std::string_view table);

// Days from 2000-01-01 (proleptic Gregorian), or nullopt for a date outside 0001-01-01 ..
// 9999-12-31 or not on the calendar.
std::optional<std::int32_t> days_since_2000(const Date& date);

}  // namespace migrator::db::postgres
