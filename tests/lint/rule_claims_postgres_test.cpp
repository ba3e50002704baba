// Every rule that says what a statement locks or rewrites, proven on a real server: the
// statement it flags is traced (lint/traced_connection.hpp) and the lock mode PostgreSQL
// granted and whether the table's file was replaced are compared with the rule's claim.
#include <catch2/catch.hpp>

#include <algorithm>

#include "db/url.hpp"
#include "lint/linter.hpp"
#include "lint/rehearse.hpp"
#include "plan/loader.hpp"
#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

namespace lint = migrator::lint;
namespace plan = migrator::plan;

namespace {

// Tables with rows, an index, a function PostgreSQL takes as volatile (PL/pgSQL) and one it
// inlines into a constant (LANGUAGE sql, SELECT 1), a materialized view,
// a domain in use, a partitioned table and a key pointing at u.
const char* const k_setup =
    "steps:\n"
    "  - name: setup\n"
    "    sql: |\n"
    "      CREATE TABLE u (id integer PRIMARY KEY);\n"
    "      INSERT INTO u SELECT generate_series(0, 1000);\n"
    "      CREATE TABLE t (id integer PRIMARY KEY, c text, v varchar(20), ts timestamp, n integer);\n"
    "      INSERT INTO t SELECT g, 'x' || g, 'v' || g, timestamp '2026-01-01', g FROM generate_series(1, 1000) g;\n"
    "      CREATE INDEX t_n ON t (n);\n"
    "      CREATE FUNCTION f() RETURNS integer LANGUAGE plpgsql AS 'BEGIN RETURN 1; END';\n"
    "      CREATE FUNCTION f_sql() RETURNS integer LANGUAGE sql AS 'SELECT 1';\n"
    "      CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS n FROM t;\n"
    "      CREATE DOMAIN d AS integer;\n"
    "      CREATE TABLE t2 (id integer PRIMARY KEY, x d);\n"
    "      INSERT INTO t2 VALUES (1, 1);\n"
    "      CREATE TABLE t3 (u_id integer PRIMARY KEY REFERENCES u (id));\n"
    "      INSERT INTO t3 VALUES (1);\n"
    "      CREATE TABLE pt (id integer, day date) PARTITION BY RANGE (day);\n"
    "      CREATE TABLE pt_1 PARTITION OF pt FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');\n"
    "    irreversible: the test's database is dropped whole\n";

enum class Rewrite { no, yes };

struct Claim {
  const char* rule;
  const char* sql;        // migration 2: the flagged statement (with what it needs first)
  const char* traced;     // how the traced statement starts
  const char* relation;   // where the lock is claimed
  const char* mode;       // the lock PostgreSQL must have granted on it ("": taken before, by
                          // an earlier statement of the same transaction)
  Rewrite rewrite;        // whether `relation`'s file is claimed replaced
  bool flagged = true;    // false: the statement is the rule's fix, and its claim is about it
};

const Claim k_claims[] = {
    {"column-type-rewrite", "ALTER TABLE t ALTER COLUMN n TYPE bigint;", "ALTER TABLE", "public.t",
     "AccessExclusiveLock", Rewrite::yes},
    {"volatile-default-rewrite", "ALTER TABLE t ADD COLUMN r double precision DEFAULT random();", "ALTER TABLE",
     "public.t", "AccessExclusiveLock", Rewrite::yes},
    {"volatile-default-rewrite", "ALTER TABLE t ADD COLUMN k integer DEFAULT f();", "ALTER TABLE", "public.t",
     "AccessExclusiveLock", Rewrite::yes},
    {"volatile-default-rewrite", "ALTER TABLE t ADD COLUMN s bigserial;", "ALTER TABLE", "public.t",
     "AccessExclusiveLock", Rewrite::yes},
    // The same default through a LANGUAGE sql function PostgreSQL inlines: a constant, no rewrite.
    {"volatile-default-rewrite", "ALTER TABLE t ADD COLUMN k integer DEFAULT f_sql();", "ALTER TABLE", "public.t",
     "AccessExclusiveLock", Rewrite::no, false},
    {"index-not-concurrent", "CREATE INDEX t_c ON t (c);", "CREATE INDEX", "public.t", "ShareLock", Rewrite::no},
    {"index-not-concurrent", "ALTER TABLE t ADD CONSTRAINT t_c_key UNIQUE (c);", "ALTER TABLE", "public.t",
     "AccessExclusiveLock", Rewrite::no},
    {"index-not-concurrent", "ALTER TABLE t ADD COLUMN w text UNIQUE;", "ALTER TABLE", "public.t",
     "AccessExclusiveLock", Rewrite::no},
    {"drop-index-not-concurrent", "DROP INDEX t_n;", "DROP INDEX", "public.t", "AccessExclusiveLock", Rewrite::no},
    {"set-not-null", "ALTER TABLE t ALTER COLUMN c SET NOT NULL;", "ALTER TABLE", "public.t", "AccessExclusiveLock",
     Rewrite::no},
    {"constraint-not-valid", "ALTER TABLE t ADD CONSTRAINT t_n_positive CHECK (n >= 0);", "ALTER TABLE", "public.t",
     "AccessExclusiveLock", Rewrite::no},
    {"constraint-not-valid", "ALTER TABLE t2 ADD CONSTRAINT t2_u FOREIGN KEY (id) REFERENCES u (id);", "ALTER TABLE",
     "public.u", "ShareRowExclusiveLock", Rewrite::no},
    {"exclusion-constraint", "ALTER TABLE t ADD CONSTRAINT t_c_excl EXCLUDE USING btree (c WITH =);", "ALTER TABLE",
     "public.t", "AccessExclusiveLock", Rewrite::no},
    {"reindex-not-concurrent", "REINDEX TABLE t;", "REINDEX", "public.t", "ShareLock", Rewrite::no},
    {"detach-partition-not-concurrent", "ALTER TABLE pt DETACH PARTITION pt_1;", "ALTER TABLE", "public.pt",
     "AccessExclusiveLock", Rewrite::no},
    {"vacuum-full-or-cluster", "CLUSTER t USING t_pkey;", "CLUSTER", "public.t", "AccessExclusiveLock", Rewrite::yes},
    {"refresh-not-concurrent", "REFRESH MATERIALIZED VIEW mv;", "REFRESH", "public.mv", "AccessExclusiveLock",
     Rewrite::yes},
    {"domain-constraint", "ALTER DOMAIN d ADD CONSTRAINT d_positive CHECK (VALUE >= 0);", "ALTER DOMAIN",
     "public.t2", "ShareLock", Rewrite::no},
    {"truncate-cascade", "TRUNCATE u CASCADE;", "TRUNCATE", "public.t3", "AccessExclusiveLock", Rewrite::yes},
    {"rename-table", "ALTER TABLE t RENAME TO t_old;", "ALTER TABLE", "public.t", "AccessExclusiveLock", Rewrite::no},
    {"rename-column", "ALTER TABLE t RENAME COLUMN c TO c_old;", "ALTER TABLE", "public.t", "AccessExclusiveLock",
     Rewrite::no},
    {"drop-column", "ALTER TABLE t DROP COLUMN c;", "ALTER TABLE", "public.t", "AccessExclusiveLock", Rewrite::no},
    {"drop-table", "DROP TABLE t3;", "DROP TABLE", "public.t3", "AccessExclusiveLock", Rewrite::no},
    {"unbatched-update", "UPDATE t SET c = c || '!';", "UPDATE", "public.t", "RowExclusiveLock", Rewrite::no},
    // Raising a varchar's limit: ACCESS EXCLUSIVE, no rewrite; lowering it: a rewrite.
    {"prefer-text-field", "ALTER TABLE t ALTER COLUMN v TYPE varchar(40);", "ALTER TABLE", "public.t",
     "AccessExclusiveLock", Rewrite::no},
    {"prefer-text-field", "ALTER TABLE t ALTER COLUMN v TYPE varchar(10);", "ALTER TABLE", "public.t",
     "AccessExclusiveLock", Rewrite::yes},
    // The fix prefer-timestamptz gives: with the session in UTC, nothing is rewritten.
    {"prefer-timestamptz", "SET LOCAL TimeZone = 'UTC';\n      ALTER TABLE t ALTER COLUMN ts TYPE timestamptz;",
     "ALTER TABLE", "public.t", "AccessExclusiveLock", Rewrite::no, false},
    // Two type changes one after the other: the second rewrites the table again.
    {"several-alters-one-table",
     "ALTER TABLE t ALTER COLUMN n TYPE bigint;\n      ALTER TABLE t ALTER COLUMN id TYPE bigint;",
     "ALTER TABLE t ALTER COLUMN id", "public.t", "", Rewrite::yes},
};

void write_claim_plan(const migrator::test::TempDir& dir, const Claim& claim) {
  dir.write("p/plan.yaml", "dialects: [postgres]\n");
  dir.write("p/001_setup.yaml", k_setup);
  dir.write("p/002_claim.yaml", std::string("steps:\n  - name: claim\n    sql: |\n      ") + claim.sql +
                                    "\n    irreversible: the test's database is dropped whole\n");
}

bool flags(const lint::Findings& findings, const std::string& rule) {
  return std::any_of(findings.begin(), findings.end(), [&](const lint::Finding& f) {
    return f.rule == rule && f.loc.file.filename() == "002_claim.yaml";
  });
}

}  // namespace

TEST_CASE("rule claims: each lock and rewrite a rule claims is what PostgreSQL does", "[lint][postgres]") {
  const auto url = migrator::db::parse_url(migrator::test::postgres_admin_url());
  for (const auto& claim : k_claims) {
    INFO("rule " << claim.rule << ": " << claim.sql);
    migrator::test::TempDir dir;
    write_claim_plan(dir, claim);
    const auto p = plan::load(dir / "p", {migrator::core::Dialect::postgres});
    CHECK(flags(lint::Linter().lint(p), claim.rule) == claim.flagged);

    migrator::runner::Observer silent;
    lint::Trace trace;
    lint::rehearse(p, url, silent, {&trace, {60000, 60000}, "", nullptr});
    const auto it = std::find_if(trace.statements.begin(), trace.statements.end(), [&](const auto& s) {
      return s.version == 2 && !s.rollback && s.sql.starts_with(claim.traced);
    });
    REQUIRE(it != trace.statements.end());
    std::string seen;
    for (const auto& lock : it->locks) {
      seen += lock.mode + " " + lock.relation + "; ";
    }
    INFO("locks seen: " << seen);
    if (*claim.mode != '\0') {
      CHECK(seen.find(std::string(claim.mode) + " " + claim.relation + ";") != std::string::npos);
    }
    const bool rewrote = std::find(it->rewrote.begin(), it->rewrote.end(), claim.relation) != it->rewrote.end();
    CHECK(rewrote == (claim.rewrite == Rewrite::yes));
  }
}

TEST_CASE("rule claims: statement-after-access-exclusive's lock is held while the next statement runs",
          "[lint][postgres]") {
  const auto url = migrator::db::parse_url(migrator::test::postgres_admin_url());
  migrator::test::TempDir dir;
  const Claim claim{"statement-after-access-exclusive",
                    "ALTER TABLE t ADD COLUMN r text;\n      UPDATE t SET r = c;\n      SELECT pg_sleep(0.3);",
                    "ALTER TABLE", "public.t", "AccessExclusiveLock", Rewrite::no};
  write_claim_plan(dir, claim);
  const auto p = plan::load(dir / "p", {migrator::core::Dialect::postgres});
  CHECK(flags(lint::Linter().lint(p), claim.rule));
  migrator::runner::Observer silent;
  lint::Trace trace;
  lint::rehearse(p, url, silent, {&trace, {60000, 60000}, "", nullptr});
  const auto alter = std::find_if(trace.statements.begin(), trace.statements.end(),
                                  [](const auto& s) { return s.version == 2 && s.sql.starts_with("ALTER TABLE"); });
  REQUIRE(alter != trace.statements.end());
  const auto lock = std::find_if(alter->locks.begin(), alter->locks.end(), [](const auto& l) {
    return l.relation == "public.t" && l.mode == "AccessExclusiveLock";
  });
  REQUIRE(lock != alter->locks.end());
  CHECK(lock->held_ms >= 280);  // through the UPDATE and the 0.3 s after it
}
