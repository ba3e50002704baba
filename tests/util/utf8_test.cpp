#include "util/utf8.hpp"

#include <catch2/catch.hpp>

#include <string>

using migrator::util::invalid_utf8_offset;

TEST_CASE("invalid_utf8_offset: well-formed text of one to four bytes a character", "[util]") {
  CHECK_FALSE(invalid_utf8_offset(""));
  CHECK_FALSE(invalid_utf8_offset("SELECT 1"));
  CHECK_FALSE(invalid_utf8_offset("café, € 5, 𝄞, \xEF\xBF\xBD"));
  CHECK_FALSE(invalid_utf8_offset("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  CHECK_FALSE(invalid_utf8_offset(std::string("a\0b", 3)));  // NUL is UTF-8; plans refuse it apart
}

TEST_CASE("invalid_utf8_offset: the first byte that is not UTF-8", "[util]") {
  CHECK(invalid_utf8_offset("ab\xFF") == 2u);            // never a UTF-8 byte
  CHECK(invalid_utf8_offset("a\x80") == 1u);             // a continuation without a lead
  CHECK(invalid_utf8_offset("caf\xC3") == 3u);           // cut short at the end
  CHECK(invalid_utf8_offset("\xC3(") == 0u);             // cut short before ASCII
  CHECK(invalid_utf8_offset("\xC0\xAF") == 0u);          // overlong '/'
  CHECK(invalid_utf8_offset("\xE0\x80\xAF") == 0u);      // overlong, three bytes
  CHECK(invalid_utf8_offset("x\xED\xA0\x80") == 1u);     // a UTF-16 surrogate, U+D800
  CHECK(invalid_utf8_offset("\xF4\x90\x80\x80") == 0u);  // above U+10FFFF
  CHECK(invalid_utf8_offset("\xF8\x88\x80\x80\x80") == 0u);
}
