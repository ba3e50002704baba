// A rollback's effect on the schema, each object once: left behind, removed, or changed.
#include "lint/schema_diff.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

namespace lint = migrator::lint;

namespace {

std::vector<std::string> sorted(std::vector<std::string> lines) {
  std::sort(lines.begin(), lines.end());
  return lines;
}

}  // namespace

TEST_CASE("schema diff: the object of a fingerprint line, on both databases", "[lint]") {
  CHECK(lint::object_of("view public.v SELECT a FROM t") == "view public.v");
  CHECK(lint::object_of("materialized view public.m SELECT 1") == "materialized view public.m");
  CHECK(lint::object_of("column public.t.a integer not null default none") == "column public.t.a");
  CHECK(lint::object_of("constraint public.t t_a_check CHECK ((a > 0))") == "constraint public.t t_a_check");
  CHECK(lint::object_of("index CREATE UNIQUE INDEX t_a ON public.t USING btree (a)") == "index t_a");
  CHECK(lint::object_of("trigger CREATE TRIGGER touch BEFORE UPDATE ON public.t") == "trigger touch");
  CHECK(lint::object_of("index t CREATE INDEX IF NOT EXISTS t_b ON t (b)") == "index t_b");  // SQLite
  CHECK(lint::object_of("table public.t") == "table public.t");
  CHECK(lint::object_of("primary key t (id)") == "primary key t");
}

TEST_CASE("schema diff: a changed view is one change with its difference, not two whole definitions",
          "[lint]") {
  const std::string columns = "a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x, y, z";
  const auto before = sorted({"table public.t", "view public.v SELECT " + columns + " FROM public.t",
                              "index CREATE INDEX t_a ON public.t USING btree (a)"});
  const auto after = sorted({"table public.t", "view public.v SELECT " + columns + ", total FROM public.t",
                             "index CREATE INDEX t_b ON public.t USING btree (b)"});
  const auto diff = lint::schema_diff(before, after);
  REQUIRE(diff.changed.size() == 1);
  CHECK(diff.changed[0].object == "view public.v");
  CHECK(diff.changed[0].before == "..., q, r, s, t, u, v, w, x, y, z FROM public.t");
  CHECK(diff.changed[0].after == "..., q, r, s, t, u, v, w, x, y, z, total FROM public.t");
  CHECK(diff.left == std::vector<std::string>{"index CREATE INDEX t_b ON public.t USING btree (b)"});
  CHECK(diff.removed == std::vector<std::string>{"index CREATE INDEX t_a ON public.t USING btree (a)"});
  CHECK(lint::schema_diff(before, before).empty());
}

TEST_CASE("schema diff: long lines are shortened at a word", "[lint]") {
  const std::string long_view = "view public.v SELECT " + std::string(300, 'x') + " FROM t";
  CHECK(lint::shortened("short line") == "short line");
  const auto cut = lint::shortened("view public.v SELECT a, b, c FROM " + std::string(200, 'y'));
  CHECK(cut.size() <= 124);
  CHECK(cut.ends_with(" ..."));
  const auto diff = lint::schema_diff({}, {long_view});
  REQUIRE(diff.left.size() == 1);
  CHECK(diff.left[0].size() <= 124);
}

TEST_CASE("schema diff: a column order changed only by a column added or dropped is that column alone",
          "[lint]") {
  const auto before = sorted({"table public.t", "columns public.t a, b, c", "column public.t.a int",
                              "column public.t.b int", "column public.t.c int"});
  const auto left = sorted({"table public.t", "columns public.t a, b, c, d", "column public.t.a int",
                            "column public.t.b int", "column public.t.c int", "column public.t.d int"});
  const auto diff = lint::schema_diff(before, left);
  CHECK(diff.changed.empty());
  CHECK(diff.left == std::vector<std::string>{"column public.t.d int"});
  // b dropped and added back: it comes last, a change of order told apart from changed objects.
  const auto moved = sorted({"table public.t", "columns public.t a, c, b", "column public.t.a int",
                             "column public.t.b int", "column public.t.c int"});
  const auto reordered = lint::schema_diff(before, moved);
  CHECK(reordered.changed.empty());
  CHECK(reordered.same_objects());
  CHECK_FALSE(reordered.empty());
  REQUIRE(reordered.reordered.size() == 1);
  CHECK(reordered.reordered[0].object == "columns public.t");
  CHECK(reordered.reordered[0].before == "columns public.t a, b, c");
  CHECK(reordered.reordered[0].after == "columns public.t a, c, b");
  // b added back with another type: the type is a change, the order apart.
  const auto retyped = sorted({"table public.t", "columns public.t a, c, b", "column public.t.a int",
                               "column public.t.b text", "column public.t.c int"});
  const auto both = lint::schema_diff(before, retyped);
  REQUIRE(both.changed.size() == 1);
  CHECK(both.changed[0].object == "column public.t.b");
  CHECK(both.reordered.size() == 1);
}
