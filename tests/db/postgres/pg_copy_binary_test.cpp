// COPY's binary format against the server's own text input: every value bulk_insert encodes
// must arrive exactly as the text format (the server parsing the value's text) would store it.
#include "db/postgres/pg_copy_binary.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>

#include "db/postgres/pg_copy_support.hpp"
#include "db/value_text.hpp"
#include "support/db.hpp"
#include "support/postgres.hpp"

using migrator::db::Date;
using migrator::db::Decimal;
using migrator::db::Null;
using migrator::db::SqlError;
using migrator::db::Value;
using migrator::test::binary_mismatches;
using migrator::test::connect;
using migrator::test::Expected;
using migrator::test::PostgresDatabase;
using migrator::test::scalar;

namespace {

constexpr auto k_int64_min = std::numeric_limits<std::int64_t>::min();
constexpr auto k_int64_max = std::numeric_limits<std::int64_t>::max();

Expected decimal(Decimal d) { return {d, migrator::db::decimal_text(d)}; }
Expected date(Date d) { return {d, migrator::db::date_text(d)}; }
Expected integer(std::int64_t i) { return {i, std::to_string(i)}; }
Expected real(double d) { return {d, migrator::db::double_text(d)}; }

// The SqlError that writing `row` into `table (columns)` throws at write(); the load is
// then abandoned.
SqlError write_error(migrator::db::Connection& c, const std::string& table,
                     std::vector<std::string> columns, const std::vector<Value>& row) {
  auto writer = c.bulk_insert(table, std::move(columns));
  try {
    writer->write(row);
  } catch (const SqlError& e) {
    return e;
  }
  FAIL("write() took a value the column cannot hold");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("pg_copy_binary: days since 2000-01-01 on the proleptic Gregorian calendar", "[db]") {
  using migrator::db::postgres::days_since_2000;
  CHECK(days_since_2000({2000, 1, 1}) == 0);
  CHECK(days_since_2000({1999, 12, 31}) == -1);
  CHECK(days_since_2000({2000, 3, 1}) == 60);
  CHECK(days_since_2000({1970, 1, 1}) == -10957);
  CHECK(days_since_2000({1, 1, 1}) == -730119);
  CHECK(days_since_2000({9999, 12, 31}) == 2921939);
  for (const Date bad : {Date{2023, 2, 29}, Date{1900, 2, 29}, Date{0, 1, 1}, Date{10000, 1, 1},
                         Date{2024, 13, 1}, Date{2024, 0, 10}, Date{2024, 4, 31},
                         Date{2024, 1, 0}, Date{-5, 1, 1}}) {
    CHECK_FALSE(days_since_2000(bad).has_value());
  }
}

TEST_CASE("postgres bulk_insert: binary numerics equal the server's numeric input",
          "[db][postgres]") {
  PostgresDatabase database;
  std::vector<Expected> cases;
  for (const std::int64_t units :
       {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{7}, std::int64_t{9999},
        std::int64_t{10000}, std::int64_t{-10000}, std::int64_t{99990000}, std::int64_t{100000000},
        std::int64_t{123456789}, std::int64_t{1000000000000}, k_int64_min, k_int64_min + 1,
        k_int64_max, std::int64_t{5000000000000000000}}) {
    for (int scale = -9; scale <= 24; ++scale) {
      cases.push_back(decimal({units, scale}));
    }
  }
  std::mt19937_64 random(20240229);
  for (int i = 0; i < 3000; ++i) {
    const auto units = static_cast<std::int64_t>(random()) >> (random() % 64);
    cases.push_back(decimal({units, static_cast<int>(random() % 40) - 8}));
  }
  cases.push_back(decimal({1, 1000}));
  cases.push_back(decimal({-3, -1000}));
  // int64 into numeric is the decimal with scale 0.
  cases.push_back(integer(k_int64_min));
  cases.push_back(integer(-42));
  cases.push_back({Null{}, std::nullopt});
  CHECK(binary_mismatches(database.url(), "numeric", cases).empty());
  // A typmod rounds on the server as it does text: 12.505 into numeric(12,2) is 12.51.
  std::vector<Expected> money;
  for (std::int64_t cents = -100005; cents <= 100005; cents += 777) {
    money.push_back(decimal({cents, 3}));
    money.push_back(decimal({cents, 2}));
  }
  CHECK(binary_mismatches(database.url(), "numeric(12,2)", money).empty());
}

TEST_CASE("postgres bulk_insert: binary dates equal the server's date input", "[db][postgres]") {
  PostgresDatabase database;
  std::vector<Expected> cases;
  for (const Date d :
       {Date{2000, 1, 1}, Date{1999, 12, 31}, Date{2000, 2, 29}, Date{2000, 3, 1},
        Date{2024, 2, 29}, Date{1900, 2, 28}, Date{1900, 3, 1}, Date{1600, 2, 29},
        Date{1970, 1, 1}, Date{1, 1, 1}, Date{1, 12, 31}, Date{4, 2, 29}, Date{9999, 12, 31},
        Date{2100, 2, 28}, Date{1582, 10, 10}}) {
    cases.push_back(date(d));
  }
  std::mt19937 random(1582);
  for (int i = 0; i < 3000; ++i) {
    cases.push_back(date({static_cast<int>(random() % 9999) + 1,
                          static_cast<int>(random() % 12) + 1,
                          static_cast<int>(random() % 28) + 1}));
  }
  cases.push_back({Null{}, std::nullopt});
  CHECK(binary_mismatches(database.url(), "date", cases).empty());
}

TEST_CASE("postgres bulk_insert: binary integers fill int2, int4 and int8 to their limits",
          "[db][postgres]") {
  PostgresDatabase database;
  const auto limits = [](std::int64_t low, std::int64_t high) {
    std::vector<Expected> cases = {integer(low), integer(low + 1), integer(-1), integer(0),
                                   integer(1), integer(high - 1), integer(high),
                                   {Null{}, std::nullopt}};
    // A whole decimal without fraction digits is the integer it writes.
    cases.push_back({Decimal{7, 0}, "7"});
    cases.push_back({Decimal{-3, -2}, "-300"});
    return cases;
  };
  CHECK(binary_mismatches(database.url(), "smallint", limits(-32768, 32767)).empty());
  CHECK(binary_mismatches(database.url(), "integer",
                          limits(std::numeric_limits<std::int32_t>::min(),
                                 std::numeric_limits<std::int32_t>::max()))
            .empty());
  CHECK(binary_mismatches(database.url(), "bigint", limits(k_int64_min, k_int64_max)).empty());
}

TEST_CASE("postgres bulk_insert: an integer out of its column's range is refused at write()",
          "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  c->exec("CREATE TABLE counts (small smallint, medium integer, large bigint)");
  const auto small = write_error(*c, "counts", {"small"}, {std::int64_t{32768}});
  CHECK(small.code() == "22003");
  CHECK(std::string(small.what()) ==
        "bulk load into \"counts\": column \"small\" (smallint) cannot hold the integer 32768; "
        "widen the column's type or fix the value");
  CHECK(write_error(*c, "counts", {"small"}, {std::int64_t{-32769}}).code() == "22003");
  CHECK(write_error(*c, "counts", {"medium"}, {std::int64_t{2147483648}}).code() == "22003");
  CHECK(write_error(*c, "counts", {"medium"}, {std::int64_t{-2147483649}}).code() == "22003");
  CHECK(write_error(*c, "counts", {"large"}, {Decimal{k_int64_max, -1}}).code() == "22003");
  // A decimal with fraction digits is not an integer, even 7.00.
  const auto fraction = write_error(*c, "counts", {"medium"}, {Decimal{700, 2}});
  CHECK(fraction.code() == "42804");
  CHECK_THAT(fraction.what(), Catch::Contains("(integer) takes an integer, not the decimal 7.00"));
  CHECK(scalar(*c, "SELECT count(*) FROM counts") == "0");
}

TEST_CASE("postgres bulk_insert: binary floats keep -0, infinities, NaN and every bit",
          "[db][postgres]") {
  PostgresDatabase database;
  constexpr double k_inf = std::numeric_limits<double>::infinity();
  std::vector<Expected> doubles = {
      real(0.1),  real(-0.0), real(0.0),    real(k_inf), real(-k_inf),
      real(std::nan("")),     real(5e-324), real(std::numeric_limits<double>::max()),
      real(1e21), real(-2.5e-300),
      {std::int64_t{9007199254740993}, "9007199254740993"},  // the nearest double
      {Decimal{1, 1}, "0.1"},
      {Decimal{12345678901234567, 3}, "12345678901234.567"},
      {Decimal{k_int64_min, 5}, migrator::db::decimal_text({k_int64_min, 5})},
      {Decimal{1, 300}, migrator::db::decimal_text({1, 300})},
      {Null{}, std::nullopt}};
  std::mt19937_64 random(754);
  for (int i = 0; i < 1000; ++i) {
    doubles.push_back(real(std::bit_cast<double>(random())));
  }
  CHECK(binary_mismatches(database.url(), "double precision", doubles).empty());
  std::vector<Expected> floats = {real(0.1),  real(-0.0),        real(1.5),  real(-2.25),
                                  real(k_inf), real(std::nan("")), real(3e38), real(1e-30),
                                  {std::int64_t{16777217}, "16777217"},
                                  {Decimal{1, 1}, "0.1"},
                                  {Null{}, std::nullopt}};
  CHECK(binary_mismatches(database.url(), "real", floats).empty());
  auto c = connect(database.url());
  CHECK(scalar(*c, "SELECT value::text FROM loaded WHERE id = 1") == "-0");
  c->exec("CREATE TABLE measures (single real, twice double precision)");
  CHECK(write_error(*c, "measures", {"single"}, {1e300}).code() == "22003");
  CHECK(write_error(*c, "measures", {"single"}, {1e-300}).code() == "22003");
  CHECK(write_error(*c, "measures", {"twice"}, {Decimal{1, 400}}).code() == "22003");
  CHECK(write_error(*c, "measures", {"twice"}, {Decimal{k_int64_max, -400}}).code() == "22003");
  CHECK(write_error(*c, "measures", {"twice"}, {std::string_view("1.5")}).code() == "42804");
}

TEST_CASE("postgres bulk_insert: binary text arrives byte for byte, numbers as their text",
          "[db][postgres]") {
  PostgresDatabase database;
  const std::vector<std::string> texts = {
      "", "plain", "tab\there", "new\nline", "cr\r", "back\\slash", "\\N", "'quoted'",
      "Zürich — 東京 ✓", "  spaced  ", std::string(100000, 'x') + "ü"};
  std::vector<Expected> cases;
  for (const auto& text : texts) {
    cases.push_back({std::string_view(text), text});
  }
  // Other kinds go in as the text format writes them.
  cases.push_back({std::int64_t{-9000000001}, "-9000000001"});
  cases.push_back({Decimal{1250, 2}, "12.50"});
  cases.push_back({Date{24, 2, 29}, "0024-02-29"});
  cases.push_back({0.1, "0.1"});
  cases.push_back({true, "t"});
  cases.push_back({Null{}, std::nullopt});
  CHECK(binary_mismatches(database.url(), "text", cases).empty());
  cases.pop_back();
  cases.erase(cases.begin() + 10);  // longer than varchar(40)
  CHECK(binary_mismatches(database.url(), "varchar(40)", cases).empty());
  // char(n) pads, as its text input does.
  CHECK(binary_mismatches(database.url(), "char(12)",
                          {{std::string_view("ab"), "ab"}, {std::string_view("東京"), "東京"}})
            .empty());
  auto c = connect(database.url());
  CHECK(scalar(*c, "SELECT octet_length(value) FROM loaded WHERE id = 0") == "12");
}

TEST_CASE("postgres bulk_insert: binary booleans and a row of NULLs", "[db][postgres]") {
  PostgresDatabase database;
  CHECK(binary_mismatches(database.url(), "boolean",
                          {{true, "t"}, {false, "f"}, {Null{}, std::nullopt}})
            .empty());
  auto c = connect(database.url());
  c->exec("CREATE TABLE nothing (a smallint, b int, c bigint, d numeric, e real, "
          "f double precision, g boolean, h date, i text, j varchar(3), k char(2))");
  auto writer = c->bulk_insert("nothing", {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"});
  const std::vector<Value> nulls(11, Null{});
  writer->write(nulls);
  CHECK(writer->finish() == 1);
  CHECK(scalar(*c, "SELECT count(*) FROM nothing WHERE num_nulls(a, b, c, d, e, f, g, h, i, j, "
                   "k) = 11") == "1");
}

TEST_CASE("postgres bulk_insert: a value of the wrong kind names the column and the kind",
          "[db][postgres]") {
  PostgresDatabase database;
  auto c = connect(database.url());
  c->exec("CREATE TABLE wrong (n int, amount numeric(12,2), flag boolean, day date)");
  const auto text = write_error(*c, "wrong", {"n"}, {std::string_view("12")});
  CHECK(text.code() == "42804");
  CHECK(std::string(text.what()) ==
        "bulk load into \"wrong\": column \"n\" (integer) takes an integer, not the text "
        "\"12\"; convert the value or change the column's type");
  CHECK_THAT(write_error(*c, "wrong", {"amount"}, {0.1}).what(),
             Catch::Contains("column \"amount\" (numeric(12,2)) takes a decimal or an "
                             "integer, not the double 0.1"));
  CHECK_THAT(write_error(*c, "wrong", {"flag"}, {std::int64_t{1}}).what(),
             Catch::Contains("takes a boolean, not the integer 1"));
  CHECK_THAT(write_error(*c, "wrong", {"day"}, {std::string_view("2024-02-29")}).what(),
             Catch::Contains("takes a date, not the text \"2024-02-29\""));
  const auto leap = write_error(*c, "wrong", {"day"}, {Date{2023, 2, 29}});
  CHECK(leap.code() == "22008");
  CHECK(std::string(leap.what()) ==
        "bulk load into \"wrong\": column \"day\" (date) cannot hold the date 2023-02-29, not a "
        "day between 0001-01-01 and 9999-12-31; fix the value");
  // A long text is shortened in the message, never inside a character.
  CHECK_THAT(write_error(*c, "wrong", {"n"}, {std::string_view("Zürich, Zürich, Zürich, Zürich, "
                                                               "xyZürich")})
                 .what(),
             Catch::Contains("not the text \"Zürich, Zürich, Zürich, Zürich, xyZ...\";"));
  CHECK(write_error(*c, "wrong", {"day"}, {Date{10000, 1, 1}}).code() == "22008");
  CHECK(write_error(*c, "wrong", {"day"}, {Date{0, 12, 31}}).code() == "22008");
}
