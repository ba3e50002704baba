#include "db/sql_position.hpp"

#include <cctype>

namespace migrator::db {

int char_position(std::string_view text, std::size_t byte_offset) {
  int position = 1;
  for (std::size_t i = 0; i < byte_offset && i < text.size(); ++i) {
    // Count every byte that is not a UTF-8 continuation byte (10xxxxxx).
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++position;
    }
  }
  return position;
}

std::size_t skip_blank(std::string_view text, std::size_t i) {
  while (i < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
    } else if (text.substr(i, 2) == "--") {
      const auto end = text.find('\n', i);
      i = end == std::string_view::npos ? text.size() : end + 1;
    } else if (text.substr(i, 2) == "/*") {
      int depth = 0;
      do {
        if (text.substr(i, 2) == "/*") {
          ++depth;
          i += 2;
        } else if (text.substr(i, 2) == "*/") {
          --depth;
          i += 2;
        } else {
          ++i;
        }
      } while (depth > 0 && i < text.size());
    } else {
      break;
    }
  }
  return i;
}

int statement_position(std::string_view text, std::size_t byte_offset) {
  return char_position(text, skip_blank(text, byte_offset));
}

}  // namespace migrator::db
