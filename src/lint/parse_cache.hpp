#pragma once
// Each SQL text of a plan parsed once per lint run: a rule that looks ahead at later
// migrations (foreign-key-without-index) keeps what it parsed here, and the walk takes it
// when it gets there. libpg_query's parse and its JSON are most of check's time; holding
// every parse at once tripled check's memory on a 342-migration history, so the walk takes
// each parse out as it uses it.
#include <cstddef>
#include <map>
#include <optional>
#include <vector>

#include "lint/pg_parse.hpp"
#include "lint/schema_state.hpp"
#include "plan/model.hpp"

namespace migrator::lint {

class ParseCache {
 public:
  // The parse of `text`, kept: `text` must stay where it is until the cache is gone.
  const PgParse& get(const plan::SqlText& text);
  // The parse of `text`, from the cache (then forgotten there) or made now.
  PgParse take(const plan::SqlText& text);

  // The indexes the migrations of `plan` after position `after` create (CREATE INDEX,
  // PRIMARY KEY, UNIQUE), each with its migration's position: read once per run, from the
  // texts that mention an index, whose parses stay here for the walk. The walk goes forward,
  // so what the first call read covers every later one (an earlier `after` reads again).
  struct CreatedIndex {
    std::size_t migration;
    KnownIndex index;
  };
  const std::vector<CreatedIndex>& created_indexes(const plan::Plan& plan, std::size_t after);

 private:
  std::map<const plan::SqlText*, PgParse> m_parses;
  std::optional<std::vector<CreatedIndex>> m_created_indexes;
  std::size_t m_created_after = 0;
};

}  // namespace migrator::lint
