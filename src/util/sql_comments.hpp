#pragma once
// Where the SQL after blanks and comments begins: PostgreSQL's -- line comments and nesting
// /* */ block comments. The parser places a statement after the previous `;`, comments
// included; messages and edits want its first token.
#include <cstddef>
#include <string_view>

namespace migrator::util {

// The offset of the first token at or after `offset`: skips blanks and SQL comments.
std::size_t skip_blanks_and_comments(std::string_view text, std::size_t offset);

}  // namespace migrator::util
