#include "util/line_col.hpp"

#include <algorithm>

namespace migrator::util {
namespace {

// A UTF-8 continuation byte (10xxxxxx) does not start a character.
bool starts_char(char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }

}  // namespace

LineCol line_col(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  LineCol at;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++at.line_delta;
      line_start = i + 1;
    }
  }
  at.column = 1 + static_cast<int>(std::count_if(text.begin() + static_cast<std::ptrdiff_t>(line_start),
                                                 text.begin() + static_cast<std::ptrdiff_t>(offset),
                                                 starts_char));
  return at;
}

std::size_t byte_offset_of_char(std::string_view text, std::size_t chars) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (starts_char(text[i])) {
      if (seen == chars) {
        return i;
      }
      ++seen;
    }
  }
  return text.size();
}

std::string_view line_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const auto before = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  const std::size_t start = before == std::string_view::npos ? 0 : before + 1;
  const auto end = text.find('\n', start);
  return text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

}  // namespace migrator::util
