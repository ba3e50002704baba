#pragma once
// What a rollback did to the schema, from the fingerprints (db::Connection::schema_fingerprint)
// before the migration and after its rollback: objects left behind, objects removed, and
// objects there before and after but different, each once. A changed view is one object
// that differs, not one removed and one left behind, and its message is the difference, not
// two whole definitions. A table whose columns are all back but in another order is apart:
// ADD COLUMN puts a column back at the end, and no rollback can do otherwise in PostgreSQL.
#include <string>
#include <vector>

namespace migrator::lint {

struct ChangedObject {
  std::string object;  // "view public.v", "column public.t.c", "index t_a"
  std::string before;  // the text around the first difference, shortened: "... a, b ..."
  std::string after;
};

struct SchemaDiff {
  std::vector<std::string> left;     // after the rollback only (shortened)
  std::vector<std::string> removed;  // before the migration only (shortened)
  std::vector<ChangedObject> changed;
  std::vector<ChangedObject> reordered;  // "columns public.t": the same columns, in another order
  // Every object there is as it was, whatever the order of columns.
  bool same_objects() const { return left.empty() && removed.empty() && changed.empty(); }
  bool empty() const { return same_objects() && reordered.empty(); }
};

// `before` and `after` sorted, as fingerprints are.
SchemaDiff schema_diff(const std::vector<std::string>& before, const std::vector<std::string>& after);

// The object a fingerprint line describes: "view public.v" of "view public.v SELECT ...",
// "index t_a" of "index CREATE INDEX t_a ON ...". Lines of one object share it.
std::string object_of(const std::string& line);

// `line` cut to about `limit` characters at a word, with "..." when cut.
std::string shortened(const std::string& line, std::size_t limit = 120);

}  // namespace migrator::lint
