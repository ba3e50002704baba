#include "util/sql_comments.hpp"

#include <cctype>

namespace migrator::util {

std::size_t skip_blanks_and_comments(std::string_view text, std::size_t offset) {
  while (offset < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[offset])) != 0) {
      ++offset;
    } else if (text.substr(offset, 2) == "--") {
      const auto end = text.find('\n', offset);
      offset = end == std::string_view::npos ? text.size() : end + 1;
    } else if (text.substr(offset, 2) == "/*") {
      int depth = 0;  // PostgreSQL's block comments nest
      do {
        if (text.substr(offset, 2) == "/*") {
          ++depth;
          offset += 2;
        } else if (text.substr(offset, 2) == "*/") {
          --depth;
          offset += 2;
        } else {
          ++offset;
        }
      } while (depth > 0 && offset < text.size());
    } else {
      break;
    }
  }
  return offset;
}

}  // namespace migrator::util
