#include "util/sql_comments.hpp"

#include <catch2/catch.hpp>

TEST_CASE("sql comments: comments and blanks before a statement are skipped", "[util]") {
  CHECK(migrator::util::skip_blanks_and_comments("  -- a\n /* b /* nested */ */ X", 0) == 29);
  CHECK(migrator::util::skip_blanks_and_comments("X", 0) == 0);
  CHECK(migrator::util::skip_blanks_and_comments("-- only a comment", 0) == 17);
}
