#pragma once
// Positions in SQL text as SqlError reports them: 1-based characters (PostgreSQL's unit),
// pointing at the offending token, or at the start of the failing statement when the
// database names no token (a constraint violation in the 3rd statement of a step).
#include <cstddef>
#include <string_view>

namespace migrator::db {

// The 1-based character (not byte) position of `byte_offset` in UTF-8 `text`.
int char_position(std::string_view text, std::size_t byte_offset);

// The byte offset of the first token at or after `byte_offset`: whitespace and comments
// (--, and /* */ nested as PostgreSQL nests them) skipped.
std::size_t skip_blank(std::string_view text, std::size_t byte_offset);

// char_position of the first token of the statement that begins at `byte_offset`.
int statement_position(std::string_view text, std::size_t byte_offset);

}  // namespace migrator::db
