#pragma once
// Turns a position in a text into a line and column, the way editors count them: lines from
// the first one (delta 0), columns in characters (UTF-8 code points) from 1.
#include <cstddef>
#include <string_view>

namespace migrator::util {

struct LineCol {
  int line_delta = 0;  // newlines before `offset`
  int column = 1;      // 1-based, in characters, within that line
};

// `offset` is a byte offset; offsets past the end are clamped to the end.
LineCol line_col(std::string_view text, std::size_t offset);

// The byte offset of the `chars`-th character (0-based), as servers and parsers count
// positions in characters; clamped to the end of `text`.
std::size_t byte_offset_of_char(std::string_view text, std::size_t chars);

// The line of `text` that holds byte `offset`, without its newline.
std::string_view line_at(std::string_view text, std::size_t offset);

}  // namespace migrator::util
