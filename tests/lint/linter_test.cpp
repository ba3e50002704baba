#include "lint/linter.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

#include "plan/loader.hpp"
#include "support/temp_dir.hpp"

namespace lint = migrator::lint;
namespace plan = migrator::plan;
using migrator::test::TempDir;

namespace {

// "rule@line:column" of every finding, in order.
std::vector<std::string> found(const lint::Findings& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) {
    out.push_back(f.rule + "@" + std::to_string(f.loc.line) + ":" + std::to_string(f.loc.column));
  }
  return out;
}

const char* const k_two_indexes =
    "lock_timeout: 5s\n"
    "steps:\n"
    "  - name: small table\n"
    "    sql: CREATE INDEX a ON settings (key);\n"
    "    allow:\n"
    "      - rule: index-not-concurrent\n"
    "        reason: settings holds a dozen rows\n"
    "    rollback: DROP INDEX a;\n"
    "  - name: big table\n"
    "    sql: CREATE INDEX b ON receipts (purchase_date);\n"
    "    rollback: DROP INDEX b;\n";

}  // namespace

TEST_CASE("linter: allow suppresses its rule on its own step only", "[lint]") {
  TempDir dir;
  dir.write("001_indexes.yaml", k_two_indexes);
  const auto findings = lint::Linter().lint(plan::load(dir.path()));
  CHECK(found(findings) == std::vector<std::string>{"index-not-concurrent@10:10"});
}

TEST_CASE("linter: migrator.yaml severities turn rules into warnings or off", "[lint]") {
  TempDir dir;
  dir.write("001_indexes.yaml", k_two_indexes);
  const auto loaded = plan::load(dir.path());
  lint::LintOptions as_warning;
  as_warning.severity["index-not-concurrent"] = *lint::parse_severity_level("warning");
  const auto warned = lint::Linter(as_warning).lint(loaded);
  REQUIRE(warned.size() == 1);
  CHECK(warned[0].severity == lint::Severity::warning);
  lint::LintOptions off;
  off.severity["index-not-concurrent"] = *lint::parse_severity_level("off");
  CHECK(lint::Linter(off).lint(loaded).empty());
  CHECK_FALSE(lint::parse_severity_level("fatal"));
}

TEST_CASE("linter: a table created earlier in the plan exists for later migrations", "[lint]") {
  TempDir dir;
  dir.write("001_create.yaml",
            "steps:\n"
            "  - name: create and index at once\n"
            "    sql: |\n"
            "      CREATE TABLE jobs (id BIGINT PRIMARY KEY, site TEXT);\n"
            "      CREATE INDEX jobs_site ON jobs (site);\n"
            "    rollback: DROP TABLE jobs;\n");
  dir.write("002_index.yaml",
            "steps:\n"
            "  - name: index later\n"
            "    sql: CREATE INDEX jobs_id_site ON jobs (id, site);\n"
            "    rollback: DROP INDEX jobs_id_site;\n");
  const auto findings = lint::Linter().lint(plan::load(dir.path()));
  REQUIRE(found(findings) == std::vector<std::string>{"index-not-concurrent@3:10"});
  CHECK(findings[0].loc.file.filename() == "002_index.yaml");
}

TEST_CASE("linter: required plans teach the schema without being reported", "[lint]") {
  TempDir dir;
  dir.write("base/001_items.yaml",
            "steps:\n"
            "  - name: items\n"
            "    sql: CREATE TABLE items (id BIGINT PRIMARY KEY, sku VARCHAR(20));\n"
            "    rollback: DROP TABLE items;\n"
            "  - name: an unsafe index nobody reviews here\n"
            "    sql: CREATE INDEX items_sku ON receipts (sku);\n"
            "    rollback: DROP INDEX items_sku;\n");
  dir.write("widen/plan.yaml", "requires: [../base]\nlock_timeout: 5s\n");
  dir.write("widen/001_widen.yaml",
            "steps:\n"
            "  - name: longer skus\n"
            "    sql:\n"
            "      postgres: ALTER TABLE items ALTER COLUMN sku TYPE VARCHAR(40);\n"
            "      sqlite: SELECT 1;\n"
            "    rollback: SELECT 1;\n");
  const auto widen = plan::load(dir / "widen");
  REQUIRE(widen.requires_plans.size() == 1);
  CHECK(found(lint::Linter().lint(widen)) ==
        std::vector<std::string>{"column-type-rewrite@4:17", "prefer-text-field@4:57"});
  CHECK(found(lint::Linter().lint(widen, {plan::load(widen.requires_plans[0])})) ==
        std::vector<std::string>{"prefer-text-field@4:57"});
}

TEST_CASE("linter: a stale allow and an unknown one are reported where they stand", "[lint]") {
  TempDir dir;
  dir.write("001_allows.yaml",
            "steps:\n"
            "  - name: add a table\n"
            "    sql: CREATE TABLE notes (id BIGINT PRIMARY KEY);\n"
            "    allow:\n"
            "      - rule: drop-table\n"
            "        reason: old habit\n"
            "      - rule: drop-tables\n"
            "        reason: typo\n"
            "    rollback: DROP TABLE notes;\n");
  const auto findings = lint::Linter().lint(plan::load(dir.path()));
  REQUIRE(found(findings) == std::vector<std::string>{"allow-unused@5:9", "allow-unknown-rule@7:9"});
  CHECK(findings[0].severity == lint::Severity::warning);
  CHECK(findings[1].message == "allow names the unknown rule \"drop-tables\"");
  CHECK(findings[1].fix == "did you mean \"drop-table\"?");
}

TEST_CASE("linter: a string in double quotes (MySQL's habit) is named as one, its start shown", "[lint]") {
  TempDir dir;
  dir.write("001_report.yaml",
            "steps:\n"
            "  - name: a report\n"
            "    sql: |\n"
            "      INSERT INTO reports (name, body) VALUES ('r', \"select id,\n"
            "      name from clients where office_id = 1 and status = 300 order by name\");\n"
            "    rollback: DELETE FROM reports WHERE name = 'r';\n");
  const auto findings = lint::Linter().lint(plan::load(dir.path()));
  const auto it = std::find_if(findings.begin(), findings.end(),
                               [](const lint::Finding& f) { return f.rule == "identifier-too-long"; });
  REQUIRE(it != findings.end());
  CHECK(it->loc.line == 4);
  CHECK(it->message == "identifier \"select id,\u2026\" is 79 bytes over several lines: a string in double quotes, "
                       "which PostgreSQL reads as a name");
  CHECK(it->fix == "PostgreSQL takes a string in single quotes ('...', a ' inside doubled); double quotes name a "
                   "table or column");
}

TEST_CASE("linter: locations in plain, quoted and block scalars", "[lint]") {
  TempDir dir;
  dir.write("001_places.yaml",
            "steps:\n"
            "  - name: plain\n"
            "    sql: UPDATE receipts SET a = 1;\n"
            "    rollback: SELECT 1;\n"
            "  - name: quoted\n"
            "    sql: \"UPDATE receipts SET b = 2\"\n"
            "    rollback: SELECT 1;\n"
            "  - name: block, second statement, after a comment\n"
            "    sql: |\n"
            "      SELECT 1;\n"
            "        -- then\n"
            "        UPDATE receipts SET c = 3;\n"
            "    rollback: SELECT 1;\n");
  const auto findings = lint::Linter().lint(plan::load(dir.path()));
  CHECK(found(findings) == std::vector<std::string>{"unbatched-update@3:10", "unbatched-update@6:11",
                                                    "unbatched-update@12:9"});
}

// Seen on a real history: a function body in a field both dialects read was split at every
// `;` of its body by the SQLite side, and each END; reported as transaction control.
TEST_CASE("linter: END in a $$ body of a dialect-neutral field is no transaction control", "[lint]") {
  TempDir dir;
  dir.write("001_touch.yaml",
            "lock_timeout: 5s\n"
            "steps:\n"
            "  - name: touch function\n"
            "    sql: |\n"
            "      CREATE FUNCTION touch() RETURNS trigger AS $$\n"
            "      BEGIN\n"
            "        IF NEW.a IS NULL THEN\n"
            "          NEW.a := 1;\n"
            "        END IF;\n"
            "        RETURN NEW;\n"
            "      END;\n"
            "      $$ LANGUAGE plpgsql;\n"
            "    rollback: DROP FUNCTION touch();\n");
  const auto findings = lint::Linter().lint(plan::load(dir.path()));
  for (const auto& f : findings) {
    CHECK(f.rule != "transaction-control-in-step");
  }
  dir.write("001_touch.yaml",
            "lock_timeout: 5s\n"
            "steps:\n"
            "  - name: commits\n"
            "    sql: CREATE TABLE t (a bigint PRIMARY KEY); COMMIT;\n"
            "    rollback: DROP TABLE t;\n");
  CHECK(found(lint::Linter().lint(plan::load(dir.path()))) ==
        std::vector<std::string>{"transaction-control-in-step@4:49", "transaction-control-in-step@4:49"});
}

TEST_CASE("linter: -- migrator:allow in the SQL suppresses its rule on the next statement only", "[lint]") {
  TempDir dir;
  dir.write("001_indexes.yaml",
            "lock_timeout: 5s\n"
            "steps:\n"
            "  - name: two indexes\n"
            "    sql:\n"
            "      postgres: |\n"
            "        -- migrator:allow index-not-concurrent: settings holds a dozen rows\n"
            "        CREATE INDEX a ON settings (key);\n"
            "        CREATE INDEX b ON receipts (purchase_date);\n"
            "      sqlite: SELECT 1;\n"
            "    rollback: DROP INDEX b; DROP INDEX a;\n");
  CHECK(found(lint::Linter().lint(plan::load(dir.path()))) == std::vector<std::string>{"index-not-concurrent@8:9"});
}

TEST_CASE("linter: an inline allow that is stale, names no rule or gives no reason is reported at its line",
          "[lint]") {
  TempDir dir;
  // One text for both databases: read twice, an allow used by either is not stale.
  dir.write("001_t.yaml",
            "lock_timeout: 5s\n"
            "steps:\n"
            "  - name: t\n"
            "    sql: |\n"
            "      -- migrator:allow drop-table: nothing reads t since release 12\n"
            "      DROP TABLE t;\n"
            "      -- migrator:allow drop-table: stale, nothing dropped below\n"
            "      SELECT 1;\n"
            "      -- migrator:allow no-such-rule: whatever\n"
            "      SELECT 2;\n"
            "      -- migrator:allow drop-column\n"
            "      SELECT 3;\n"
            "    irreversible: t is gone\n");
  CHECK(found(lint::Linter().lint(plan::load(dir.path()))) ==
        std::vector<std::string>{"allow-unused@7:7", "allow-unknown-rule@9:7", "allow-unknown-rule@11:7"});
}
