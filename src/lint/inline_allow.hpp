#pragma once
// Suppression written in the SQL, on the line before the statement it is about, for SQL that
// lives in .sql files (dbmate, golang-migrate, Flyway, diesel) as much as in YAML:
//   -- migrator:allow index-not-concurrent: the table is created in this migration
// It reaches that statement only; a step's allow: reaches the whole step.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace migrator::lint {

struct InlineAllow {
  std::string rule;
  std::string reason;      // empty when the comment gives none (reported)
  std::size_t offset = 0;  // of the comment, in the field's text
};

// The `-- migrator:allow RULE: REASON` comments in `text` (what stands between one statement
// and the next); `base` is `text`'s offset in the field, added to each comment's.
std::vector<InlineAllow> inline_allows(std::string_view text, std::size_t base);

}  // namespace migrator::lint
