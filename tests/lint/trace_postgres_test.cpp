// The traced rehearsal (check --rehearse on PostgreSQL): what each statement was measured to
// lock, rewrite and change, and how long a probe's reads and writes were blocked.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "db/url.hpp"
#include "lint/linter.hpp"
#include "lint/rehearse.hpp"
#include "plan/loader.hpp"
#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/db.hpp"
#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

namespace plan = migrator::plan;
namespace lint = migrator::lint;

namespace {

// A table with rows; a migration that rewrites it and then holds its lock for 0.6 s; an
// index built CONCURRENTLY outside a transaction, with a lock_timeout.
void write_traced_plan(const migrator::test::TempDir& dir, const std::string& allow = "") {
  dir.write("p/001_table.yaml",
            "steps:\n"
            "  - name: table\n"
            "    sql: |\n"
            "      CREATE TABLE t (id integer PRIMARY KEY, c text);\n"
            "      INSERT INTO t SELECT g, 'x' || g FROM generate_series(1, 20000) g;\n"
            "    rollback: DROP TABLE t;\n");
  dir.write("p/002_rewrite.yaml",
            "steps:\n"
            "  - name: widen\n"
            "    sql: |\n"
            "      ALTER TABLE t ALTER COLUMN id TYPE bigint;\n"
            "      UPDATE t SET c = c || '!' WHERE id <= 10;\n"
            "      SELECT pg_sleep(0.6);\n"
            "    rollback: ALTER TABLE t ALTER COLUMN id TYPE integer;\n" + allow);
  dir.write("p/003_index.yaml",
            "transaction: false\n"
            "lock_timeout: 2s\n"
            "steps:\n"
            "  - name: index\n"
            "    sql: CREATE INDEX CONCURRENTLY t_c ON t (c);\n"
            "    rollback: DROP INDEX CONCURRENTLY t_c;\n");
}

const lint::TracedStatement& statement(const lint::Trace& trace, const std::string& sql_start, bool rollback = false) {
  const auto it = std::find_if(trace.statements.begin(), trace.statements.end(), [&](const auto& s) {
    return s.sql.starts_with(sql_start) && s.rollback == rollback;
  });
  REQUIRE(it != trace.statements.end());
  return *it;
}

bool has_lock(const lint::TracedStatement& s, const std::string& relation, const std::string& mode) {
  return std::any_of(s.locks.begin(), s.locks.end(),
                     [&](const auto& l) { return l.relation == relation && l.mode == mode; });
}

std::vector<std::string> rules_at(const lint::Findings& findings, const std::string& file_line) {
  std::vector<std::string> out;
  for (const auto& f : findings) {
    if (f.loc.str().ends_with(file_line)) {
      out.push_back(f.rule);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The plan at dir/p rehearsed on the test server with the trace and these limits.
lint::Findings rehearse_traced(const migrator::test::TempDir& dir, lint::Trace& trace, lint::TraceLimits limits) {
  const auto url = migrator::db::parse_url(migrator::test::postgres_admin_url());
  const auto p = plan::load(dir / "p", {migrator::core::Dialect::postgres});
  migrator::runner::Observer silent;
  return lint::rehearse(p, url, silent, {&trace, limits, "", nullptr});
}

}  // namespace

TEST_CASE("trace: each statement's locks, rewrites, rows and time, and the traffic it blocked", "[lint][postgres]") {
  migrator::test::TempDir dir;
  write_traced_plan(dir);
  lint::Trace trace;
  const auto findings = rehearse_traced(dir, trace, {300, 300});

  const auto& alter = statement(trace, "ALTER TABLE t ALTER COLUMN id TYPE bigint");
  CHECK(alter.version == 2);
  CHECK(alter.loc.str().ends_with("002_rewrite.yaml:4"));
  CHECK(alter.loc.column == 7);
  CHECK(has_lock(alter, "public.t", "AccessExclusiveLock"));
  // (Its primary key index is built anew under a new oid: not an existing object any more.)
  CHECK(alter.rewrote == std::vector<std::string>{"public.t"});
  CHECK(alter.rewrote_rows);
  CHECK(alter.lock_timeout == "0");
  for (const auto& lock : alter.locks) {
    CHECK(lock.held_ms >= 550);  // until the commit, after the 0.6 s sleep
  }
  const auto& update = statement(trace, "UPDATE t SET c");
  CHECK(update.rows == 10);
  CHECK(update.loc.str().ends_with("002_rewrite.yaml:5"));
  CHECK(has_lock(update, "public.t", "RowExclusiveLock"));
  CHECK(statement(trace, "SELECT pg_sleep(0.6)").ms >= 550);
  // Its rollback rewrites the table back.
  CHECK(statement(trace, "ALTER TABLE t ALTER COLUMN id TYPE integer", true).rewrote ==
        std::vector<std::string>{"public.t"});

  // Outside a transaction nothing can be seen held: the documented level, said so.
  const auto& index = statement(trace, "CREATE INDEX CONCURRENTLY");
  CHECK_FALSE(index.in_transaction);
  REQUIRE(index.locks.size() == 1);
  CHECK(index.locks[0].mode == "ShareUpdateExclusiveLock");
  CHECK(index.locks[0].documented);
  CHECK(index.locks[0].relation == "t");
  CHECK(index.lock_timeout == "2s");

  // The probe: reads and writes of t waited for migration 2's commit.
  const auto m2 = std::find_if(trace.migrations.begin(), trace.migrations.end(),
                               [](const auto& m) { return m.version == 2 && !m.rollback; });
  REQUIRE(m2 != trace.migrations.end());
  REQUIRE(m2->blocked.size() == 1);
  CHECK(m2->blocked[0].table == "public.t");
  CHECK(m2->blocked[0].read_ms >= 400);
  CHECK(m2->blocked[0].write_ms >= 400);

  // The findings stand at the statement that did it.
  // (The linter's own findings are check's, not the rehearsal's.)
  CHECK(rules_at(findings, "002_rewrite.yaml:4") ==
        std::vector<std::string>{"lock-held-long", "lock-without-timeout", "table-rewritten", "traffic-blocked"});
  CHECK(rules_at(findings, "003_index.yaml:5").empty());
}

TEST_CASE("trace: allow: of a trace rule suppresses it on its migration, and is not called unused", "[lint][postgres]") {
  migrator::test::TempDir dir;
  write_traced_plan(dir,
                    "    allow:\n"
                    "      - rule: table-rewritten\n"
                    "        reason: t is small and written once a day\n");
  lint::Trace trace;
  const auto findings = rehearse_traced(dir, trace, {300, 300});
  for (const auto& f : findings) {
    INFO(f.rule << " " << f.message);
    CHECK(f.rule != "table-rewritten");
    CHECK(f.rule != "allow-unused");
  }
}

TEST_CASE("trace: a statement run alone that fails is placed in its step as an untraced run places it",
          "[lint][postgres]") {
  // crates.io's remove-downloads-column: a down whose third statement cannot run in the
  // migration's transaction was reported at the first (line 1), not at line 4.
  migrator::test::TempDir dir;
  dir.write("p/001_t.yaml", "steps:\n  - name: t\n    sql: CREATE TABLE t (id int, d int);\n"
                            "    rollback: DROP TABLE t;\n");
  dir.write("p/002_drop.yaml",
            "steps:\n"
            "  - name: drop d\n"
            "    sql: ALTER TABLE t DROP COLUMN d;\n"
            "    rollback: |\n"
            "      ALTER TABLE t\n"
            "          ADD COLUMN d integer;\n"
            "\n"
            "      CREATE INDEX CONCURRENTLY t_d ON t (d);\n");
  dir.write("p/003_select.yaml",
            "steps:\n"
            "  - name: names\n"
            "    sql: |\n"
            "      CREATE TABLE n (id int);\n"
            "      SELECT id, nope FROM n;\n"
            "    rollback: DROP TABLE n;\n");
  lint::Trace trace;
  const auto findings = rehearse_traced(dir, trace, {300, 300});
  std::vector<std::string> failed;
  for (const auto& f : findings) {
    if (f.rule == "rehearse-failed") {
      failed.push_back(f.loc.file.filename().string() + ":" + std::to_string(f.loc.line));
    }
  }
  // The CREATE INDEX's line (the database names no position); the line of `nope`.
  CHECK(failed == std::vector<std::string>{"002_drop.yaml:8", "003_select.yaml:5"});
}

TEST_CASE("trace: an inline migrator:allow before a statement suppresses a trace rule there only", "[lint][postgres]") {
  migrator::test::TempDir dir;
  write_traced_plan(dir);
  dir.write("p/002_rewrite.yaml",
            "steps:\n"
            "  - name: widen\n"
            "    sql: |\n"
            "      -- migrator:allow table-rewritten: t is rewritten in the nightly window\n"
            "      ALTER TABLE t ALTER COLUMN id TYPE bigint;\n"
            "      ALTER TABLE t ALTER COLUMN c TYPE varchar(10);\n"
            "    rollback: ALTER TABLE t ALTER COLUMN id TYPE integer, ALTER COLUMN c TYPE text;\n");
  lint::Trace trace;
  const auto findings = rehearse_traced(dir, trace, {60000, 60000});
  CHECK(rules_at(findings, "002_rewrite.yaml:5") == std::vector<std::string>{"lock-without-timeout"});
  CHECK(rules_at(findings, "002_rewrite.yaml:6") == std::vector<std::string>{"table-rewritten"});
  // The linter does not call it stale: whether the trace finds a rewrite is the rehearsal's.
  for (const auto& f : lint::Linter().lint(plan::load(dir / "p", {migrator::core::Dialect::postgres}))) {
    CHECK(f.rule != "allow-unused");
  }
}

TEST_CASE("cli check: --rehearse on PostgreSQL prints the statement table and the trace in JSON, limits from "
          "migrator.yaml",
          "[cli][lint][postgres]") {
  migrator::test::TempDir dir;
  write_traced_plan(dir);
  dir.write("migrator.yaml", "check:\n  max_lock_ms: 300\n  max_blocked_ms: 300\n");
  const auto db = " --db " + migrator::test::shell_quote(migrator::test::postgres_admin_url());
  const auto text = migrator::test::migrator_cli("check p --rehearse" + db, dir.path());
  CHECK(text.exit_code == 1);  // the linter's errors (the trace's findings are warnings)
  CHECK(text.out.find("What each statement did on the scratch database (\"p\"):") != std::string::npos);
  CHECK(text.out.find("LOCKS TAKEN ON EXISTING TABLES (HELD MS)") != std::string::npos);
  CHECK(text.out.find("SHARE UPDATE EXCLUSIVE t (") != std::string::npos);
  CHECK(text.out.find("warning[lock-held-long]: migration 2 holds ACCESS EXCLUSIVE on public.t for ") !=
        std::string::npos);
  CHECK(text.out.find("(limit 300 ms)") != std::string::npos);

  const auto json = migrator::test::migrator_cli("check p --rehearse --format json" + db, dir.path());
  const auto doc = nlohmann::json::parse(json.out);
  REQUIRE(doc["traces"].size() == 1);
  CHECK(doc["traces"][0]["plan"] == "p");
  CHECK(doc["traces"][0]["statements"].size() >= 6);
  CHECK(doc["traces"][0]["migrations"].size() == 6);  // each of 3 applied and rolled back

  dir.write("migrator.yaml", "check:\n  max_lock_ms: -5\n");
  const auto bad = migrator::test::migrator_cli("check p" + db, dir.path());
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("migrator.yaml:2: check.max_lock_ms: error: expected a positive number of milliseconds") !=
        std::string::npos);
}

TEST_CASE("cli check: --template rehearses on a copy of a database from where its history is, and leaves it be",
          "[cli][lint][postgres]") {
  migrator::test::PostgresDatabase staging;  // a staging copy: the plan's first migration applied, rows in t
  migrator::test::TempDir dir;
  write_traced_plan(dir);
  const auto admin = migrator::test::shell_quote(migrator::test::postgres_admin_url());
  REQUIRE(migrator::test::migrator_cli("apply p --to 1 --db " + migrator::test::shell_quote(staging.url()), dir.path())
              .exit_code == 0);
  const auto r = migrator::test::migrator_cli("check p --template " + staging.name() + " --format json --db " + admin,
                                              dir.path());
  INFO(r.err);
  const auto doc = nlohmann::json::parse(r.out);
  REQUIRE(doc["traces"].size() == 1);
  // Migration 1 is the copy's already: only 2 and 3 were rehearsed and traced.
  for (const auto& s : doc["traces"][0]["statements"]) {
    CHECK(s["version"] != "1");
  }
  CHECK(doc["traces"][0]["migrations"].size() == 4);
  const auto text = migrator::test::migrator_cli("check p --template " + staging.name() + " --db " + admin, dir.path());
  CHECK(text.out.find("1 migration was already applied in " + staging.name() + ": rehearsed from there on") !=
        std::string::npos);
  // The copy was the rehearsal's: staging is still at version 1.
  const auto status = migrator::test::migrator_cli("status p --db " + migrator::test::shell_quote(staging.url()),
                                                   dir.path());
  CHECK(status.out.find("1 applied, 2 pending") != std::string::npos);

  // PostgreSQL copies a database only while no one is connected to it: said, exit 2.
  auto session = migrator::test::connect(staging.url());
  const auto busy = migrator::test::migrator_cli("check p --template " + staging.name() + " --db " + admin, dir.path());
  CHECK(busy.exit_code == 2);
  CHECK(busy.err.find("cannot copy the database \"" + staging.name() + "\" to rehearse on: source database") !=
        std::string::npos);
  CHECK(busy.err.find("no one is connected to it") != std::string::npos);
}

TEST_CASE("trace: an ordinary role that may create databases traces as much as a superuser", "[lint][postgres]") {
  const auto admin_url = migrator::test::postgres_admin_url();
  auto admin = migrator::test::connect(admin_url);
  const std::string role = "migrator_trace_owner_" + std::to_string(getpid());
  admin->exec("DROP ROLE IF EXISTS " + role);
  admin->exec("CREATE ROLE " + role + " LOGIN CREATEDB NOSUPERUSER PASSWORD 'owner-pw'");
  // The same server as the owner: postgresql://ROLE:owner-pw@host:port/postgres
  const auto at = admin_url.find('@');
  const auto url = "postgresql://" + role + ":owner-pw" + admin_url.substr(at);
  {
    migrator::test::TempDir dir;
    write_traced_plan(dir);
    const auto p = plan::load(dir / "p", {migrator::core::Dialect::postgres});
    migrator::runner::Observer silent;
    lint::Trace trace;
    lint::rehearse(p, migrator::db::parse_url(url), silent, {&trace, {300, 300}, "", nullptr});
    const auto& alter = statement(trace, "ALTER TABLE t ALTER COLUMN id TYPE bigint");
    CHECK(has_lock(alter, "public.t", "AccessExclusiveLock"));
    CHECK(alter.rewrote == std::vector<std::string>{"public.t"});
    CHECK(statement(trace, "UPDATE t SET c").rows == 10);
    const auto m2 = std::find_if(trace.migrations.begin(), trace.migrations.end(),
                                 [](const auto& m) { return m.version == 2 && !m.rollback; });
    REQUIRE(m2 != trace.migrations.end());
    REQUIRE(m2->blocked.size() == 1);
    CHECK(m2->blocked[0].write_ms >= 400);
  }
  admin->exec("DROP ROLE " + role);
}

TEST_CASE("cli check: --format github folds the trace into the log and writes it to the job summary",
          "[cli][lint][postgres]") {
  migrator::test::TempDir dir;
  write_traced_plan(dir);
  dir.write("migrator.yaml", "check:\n  max_lock_ms: 300\n");
  const auto summary = dir / "summary.md";
  const auto r = migrator::test::run_command(
      "cd " + migrator::test::shell_quote(dir.path().string()) + " && GITHUB_STEP_SUMMARY=" +
      migrator::test::shell_quote(summary.string()) + " " + migrator::test::shell_quote(migrator::test::migrator_binary()) +
      " check p --rehearse --format github --db " + migrator::test::shell_quote(migrator::test::postgres_admin_url()));
  CHECK(r.output.find("::group::What each statement of \"p\" did\n") != std::string::npos);
  CHECK(r.output.find("::endgroup::\n") != std::string::npos);
  CHECK(r.output.find("::warning file=p/002_rewrite.yaml,line=4,col=7,title=lock-held-long::") != std::string::npos);
  const auto markdown = migrator::test::read_text(summary);
  CHECK(markdown.find("### What each statement of \"p\" did (migrator check --rehearse)") != std::string::npos);
  CHECK(markdown.find("| 002_rewrite.yaml:4 | `ALTER TABLE t ALTER COLUMN id TYPE bigint` |") != std::string::npos);
}

TEST_CASE("trace: tax_amount's unsafe variants on the 100,000 generated receipts", "[lint][postgres]") {
  const auto url = migrator::db::parse_url(migrator::test::postgres_admin_url());
  const auto scenarios = std::filesystem::path(MIGRATOR_SOURCE_DIR) / "scenarios/tax_amount";
  migrator::runner::Observer silent;

  SECTION("the one-liner fails on the first receipt, and the trace says after how long") {
    lint::Trace trace;
    const auto findings = lint::rehearse(plan::load(scenarios / "unsafe", {migrator::core::Dialect::postgres}), url,
                                         silent, {&trace, {}, "", nullptr});
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule == "rehearse-failed");
    CHECK(findings[0].message.find("contains null values") != std::string::npos);
    REQUIRE(trace.statements.size() == 1);
    CHECK(trace.statements[0].failed);
    CHECK(trace.statements[0].sql.starts_with("ALTER TABLE receipts ADD COLUMN tax_amount"));
  }

  SECTION("all in one transaction: receipts locked, writes blocked, for as long as the UPDATE runs") {
    lint::Trace trace;
    lint::rehearse(plan::load(scenarios / "one_transaction", {migrator::core::Dialect::postgres}), url, silent,
                   {&trace, {}, "", nullptr});
    const auto& update = statement(trace, "UPDATE receipts SET tax_amount");
    CHECK(update.rows == 100000);
    const auto& alter = statement(trace, "ALTER TABLE receipts ADD COLUMN tax_amount");
    REQUIRE(has_lock(alter, "public.receipts", "AccessExclusiveLock"));
    for (const auto& lock : alter.locks) {
      CHECK(lock.held_ms >= update.ms);  // held through the UPDATE, to the commit
    }
    // The built-in set_not_null step is traced as the SQL it runs, at its line.
    CHECK(statement(trace, "ALTER TABLE \"receipts\" ALTER COLUMN \"tax_amount\" SET NOT NULL").loc.line == 10);
    const auto m1 = std::find_if(trace.migrations.begin(), trace.migrations.end(),
                                 [](const auto& m) { return m.version == 1 && !m.rollback; });
    REQUIRE(m1 != trace.migrations.end());
    REQUIRE(m1->blocked.size() >= 1);
    const auto receipts = std::find_if(m1->blocked.begin(), m1->blocked.end(),
                                       [](const auto& b) { return b.table == "public.receipts"; });
    REQUIRE(receipts != m1->blocked.end());
    CHECK(receipts->write_ms >= update.ms / 2);  // the probe's write waited out most of it
  }
}
