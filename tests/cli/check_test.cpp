// migrator check through the built binary: exit codes, output formats, migrator.yaml.
#include <catch2/catch.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "support/cli.hpp"
#include "support/temp_dir.hpp"

using migrator::test::migrator_cli;
using migrator::test::TempDir;

namespace {

const std::string k_unsafe = "scenarios/tax_amount/unsafe";

}  // namespace

TEST_CASE("cli check: the scenarios are clean, exit 0", "[cli][lint]") {
  const auto r = migrator_cli("check scenarios/construction_receipts scenarios/tax_amount "
                              "scenarios/vendor_normalization");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "0 errors, 0 warnings in 17 files\n");
  CHECK(r.err.empty());
}

TEST_CASE("cli check: the unsafe tax_amount one-liner fails with the safe way, exit 1", "[cli][lint]") {
  const auto r = migrator_cli("check " + k_unsafe);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find(k_unsafe +
                   "/001_add_tax_amount.yaml:10:42: error[adding-not-null-column]: column \"tax_amount\" is "
                   "added NOT NULL without a default: this fails on \"receipts\" as soon as it has rows\n"
                   " 10 |     sql: ALTER TABLE receipts ADD COLUMN tax_amount DECIMAL(10,2) NOT NULL;\n"
                   "    |                                          ^\n"
                   "  fix: add \"tax_amount\" nullable, backfill it in batches, add CHECK (tax_amount IS NOT "
                   "NULL) NOT VALID, VALIDATE it in a later migration, then SET NOT NULL and drop the check "
                   "(or give the column a constant DEFAULT)\n") != std::string::npos);
  CHECK(r.out.find("\n3 errors, 0 warnings in 1 file\n") != std::string::npos);
}

TEST_CASE("cli check: --format github prints one annotation per finding", "[cli][lint]") {
  const auto r = migrator_cli("check --format github " + k_unsafe);
  CHECK(r.exit_code == 1);
  const auto file = "::error file=" + k_unsafe + "/001_add_tax_amount.yaml,line=10,col=";
  CHECK(r.out.find(file + "42,title=adding-not-null-column::column \"tax_amount\" is added NOT NULL without a "
                          "default: this fails on \"receipts\" as soon as it has rows. fix: add \"tax_amount\" "
                          "nullable, backfill it in batches") != std::string::npos);
  CHECK(r.out.find(file + "10,title=missing-lock-timeout::") != std::string::npos);
  CHECK(r.out.find(file + "10,title=sqlite-unsupported-alter::") != std::string::npos);
  CHECK(r.out.find("3 errors, 0 warnings in 1 file\n") != std::string::npos);
}

TEST_CASE("cli check: --format json holds the findings and their summary", "[cli][lint]") {
  const auto r = migrator_cli("check --format json " + k_unsafe);
  CHECK(r.exit_code == 1);
  const auto document = nlohmann::json::parse(r.out);
  CHECK(document["ok"] == false);
  CHECK(document["summary"]["errors"] == 3);
  const auto findings = document["findings"];
  REQUIRE(findings.size() == 3);
  CHECK(findings[2]["rule"] == "adding-not-null-column");
  CHECK(findings[2]["line"] == 10);
  CHECK(findings[2]["column"] == 42);
  CHECK(findings[2]["severity"] == "error");
}

TEST_CASE("cli check: a plan that does not load is exit 2, reported like findings", "[cli][lint]") {
  const auto r = migrator_cli("check tests/data/plans/bad_no_rollback scenarios/tax_amount");
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("tests/data/plans/bad_no_rollback/001_forward_only.yaml:") != std::string::npos);
  CHECK(r.out.find("error[plan-invalid]: steps[0].rollback: step ") != std::string::npos);
  const auto github = migrator_cli("check --format github tests/data/plans/bad_no_rollback");
  CHECK(github.exit_code == 2);
  CHECK(github.out.rfind("::error file=tests/data/plans/bad_no_rollback/001_forward_only.yaml,line=", 0) == 0);
  CHECK(migrator_cli("check no/such/plan").exit_code == 2);
}

TEST_CASE("cli check: migrator.yaml adjusts severities and rejects unknown rules", "[cli][lint]") {
  TempDir dir;
  const auto unsafe = std::string(MIGRATOR_SOURCE_DIR) + "/" + k_unsafe;
  dir.write("migrator.yaml",
            "check:\n  severity:\n    adding-not-null-column: warning\n    missing-lock-timeout: off\n"
            "    sqlite-unsupported-alter: off\n");
  const auto relaxed = migrator_cli("check " + unsafe, dir.path());
  CHECK(relaxed.exit_code == 0);
  CHECK(relaxed.out.find("warning[adding-not-null-column]") != std::string::npos);
  CHECK(relaxed.out.find("0 errors, 1 warning in 1 file") != std::string::npos);
  dir.write("migrator.yaml", "check:\n  severity:\n    adding-not-null-colum: off\n");
  const auto typo = migrator_cli("check " + unsafe, dir.path());
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("unknown rule \"adding-not-null-colum\" in migrator.yaml check.severity") !=
        std::string::npos);
  CHECK(typo.err.find("did you mean \"adding-not-null-column\"?") != std::string::npos);
}

TEST_CASE("cli check: --rehearse reports a rollback that forgets an index, exit 1", "[cli][lint][sqlite]") {
  TempDir dir;
  dir.write("plan/001_items.yaml",
            "steps:\n  - name: items\n    sql: CREATE TABLE items (id INTEGER PRIMARY KEY, sku TEXT);\n"
            "    rollback: DROP TABLE items;\n");
  dir.write("plan/002_index.yaml",
            "steps:\n  - name: index\n    sql: CREATE INDEX items_sku ON items (sku);\n"
            "    allow:\n      - rule: index-not-concurrent\n        reason: items is new in this release\n"
            "    rollback: SELECT 1;\n");
  CHECK(migrator_cli("check plan", dir.path()).exit_code == 0);
  const auto r = migrator_cli("check --rehearse plan", dir.path());
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("Rehearsing \"plan\" on a scratch SQLite file\n") == 0);
  CHECK(r.out.find("plan/002_index.yaml:7:15: error[rollback-leaves-objects]: the rollback of migration 2 "
                   "leaves behind what it should remove: index") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "migrator.db"));
}

TEST_CASE("cli check: --rules lists every rule with its severity", "[cli][lint]") {
  const auto r = migrator_cli("check --rules");
  CHECK(r.exit_code == 0);
  // Aligned on the longest id, statement-after-access-exclusive (32 characters).
  CHECK(r.out.find("\nset-not-null" + std::string(22, ' ') + "error    SET NOT NULL on an existing table") !=
        std::string::npos);
  CHECK(r.out.find("\nallow-unused" + std::string(22, ' ') + "warning  ") != std::string::npos);
  CHECK(r.out.find("\nstatement-after-access-exclusive  warning  ") != std::string::npos);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') >= 50);
}

TEST_CASE("cli check: --template on SQLite rehearses on a copy of the file, --trace there is refused",
          "[cli][lint][sqlite]") {
  migrator::test::TempDir dir;
  dir.write("p/001_t.yaml", "steps:\n  - name: t\n    sql: CREATE TABLE t (id INTEGER);\n    rollback: DROP TABLE t;\n");
  dir.write("p/002_i.yaml",
            "steps:\n  - name: i\n    sql: CREATE INDEX t_id ON t (id);\n    rollback: SELECT 1;\n");
  REQUIRE(migrator_cli("apply p --to 1 --db sqlite:staging.db", dir.path()).exit_code == 0);
  const auto r = migrator_cli("check p --template staging.db", dir.path());
  CHECK(r.exit_code == 1);  // 002's rollback forgets its index, found on the copy
  CHECK(r.out.find("Rehearsing \"p\" on a scratch SQLite file copied from staging.db") != std::string::npos);
  CHECK(r.out.find("1 migration was already applied in staging.db: rehearsed from there on") != std::string::npos);
  CHECK(r.out.find("error[rollback-leaves-objects]: the rollback of migration 2 leaves behind") != std::string::npos);
  CHECK(migrator_cli("status p --db sqlite:staging.db", dir.path()).out.find("1 applied, 1 pending") !=
        std::string::npos);

  const auto missing = migrator_cli("check p --template nowhere.db", dir.path());
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("cannot copy \"nowhere.db\" to rehearse on: no such file") != std::string::npos);

  const auto trace = migrator_cli("check p --trace", dir.path());
  CHECK(trace.exit_code == 2);
  CHECK(trace.err.find("--trace reads PostgreSQL's locks and files") != std::string::npos);
}

TEST_CASE("cli check: --format sarif is a SARIF 2.1.0 log of every rule and every finding", "[cli][lint]") {
  migrator::test::TempDir dir;
  // The one-liner alone (its plan.yaml requires construction_receipts, two folders up).
  std::filesystem::create_directories(dir / "unsafe");
  std::filesystem::copy(std::string(MIGRATOR_SOURCE_DIR) + "/scenarios/tax_amount/unsafe/001_add_tax_amount.yaml",
                        dir / "unsafe");
  const auto r = migrator_cli("check unsafe --format sarif", dir.path());
  CHECK(r.exit_code == 1);
  const auto log = nlohmann::json::parse(r.out);  // nothing but the log on stdout
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  const auto& run = log["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "migrator check");
  const auto rules = migrator_cli("check --rules --format json", dir.path());
  CHECK(run["tool"]["driver"]["rules"].size() == nlohmann::json::parse(rules.out)["rules"].size());
  REQUIRE(run["results"].size() == 3);
  for (const auto& result : run["results"]) {
    CHECK(result["level"] == "error");
    const auto& where = result["locations"][0]["physicalLocation"];
    CHECK(where["artifactLocation"]["uri"] == "unsafe/001_add_tax_amount.yaml");
    CHECK(where["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
    CHECK(where["region"]["startLine"] == 10);
  }
  CHECK(run["results"][0]["message"]["text"].get<std::string>().find(" Fix: ") != std::string::npos);
}
