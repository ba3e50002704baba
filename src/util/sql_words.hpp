#pragma once
// Whether SQL text holds a keyword as a word, read as PostgreSQL's lexer splits words: a
// letter, `_` or a non-ASCII byte, then those, digits and `$`. No tokenizer: comments and
// strings are searched too, so the answer errs only towards "yes". A keyword cannot be
// escaped or split, so "no" is certain: what lets a caller skip a parse or a lookup.
#include <initializer_list>
#include <string_view>

namespace migrator::util {

// `words` in lower case; the text's case does not matter.
bool has_sql_word(std::string_view text, std::initializer_list<std::string_view> words);

}  // namespace migrator::util
