#include "util/sql_words.hpp"

#include <algorithm>
#include <cctype>

namespace migrator::util {
namespace {

// Anything else (`$$`, a digit) starts no word, so a keyword just after it is seen.
bool word_start(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalpha(u) != 0 || c == '_' || u >= 0x80;
}

bool word_byte(char c) { return word_start(c) || std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '$'; }

bool same_word(std::string_view lower, std::string_view word) {
  return lower.size() == word.size() && std::equal(lower.begin(), lower.end(), word.begin(), [](char a, char b) {
           return a == std::tolower(static_cast<unsigned char>(b));
         });
}

}  // namespace

bool has_sql_word(std::string_view text, std::initializer_list<std::string_view> words) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (!word_start(text[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < text.size() && word_byte(text[i])) {
      ++i;
    }
    const auto word = text.substr(start, i - start);
    if (std::any_of(words.begin(), words.end(), [&](std::string_view w) { return same_word(w, word); })) {
      return true;
    }
  }
  return false;
}

}  // namespace migrator::util
