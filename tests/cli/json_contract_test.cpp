// Every command's --format json against its example in docs/json.md (issue 9, contracts):
// the same keys, the same types, all the way down. A field added to the program and not to
// the documentation, or the other way round, fails here.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <map>

#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/postgres.hpp"
#include "support/temp_dir.hpp"

namespace {

using nlohmann::json;
using migrator::test::migrator_cli;

// The example after each "<!-- json: NAME -->" marker of docs/json.md.
std::map<std::string, json> documented_examples() {
  const auto text = migrator::test::read_text(std::string(MIGRATOR_SOURCE_DIR) + "/docs/json.md");
  std::map<std::string, json> out;
  const std::string marker = "<!-- json: ";
  for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at + 1)) {
    const auto name_end = text.find(" -->", at);
    const auto name = text.substr(at + marker.size(), name_end - at - marker.size());
    const auto begin = text.find("```json\n", name_end) + 8;
    const auto end = text.find("```", begin);
    out[name] = json::parse(text.substr(begin, end - begin));
  }
  return out;
}

std::string kind(const json& value) {
  if (value.is_number()) {
    return "number";
  }
  return value.type_name();
}

// Problems of `actual` against `documented`, each with its path ("migrations[0].steps").
void compare(const json& documented, const json& actual, const std::string& path, std::vector<std::string>& problems) {
  if (documented.is_null() || actual.is_null()) {
    return;  // nullable, or free-form
  }
  if (kind(documented) != kind(actual)) {
    problems.push_back(path + ": documented as " + kind(documented) + ", is " + kind(actual));
    return;
  }
  if (documented.is_object()) {
    if (documented.contains("*")) {
      return;  // keys vary
    }
    for (const auto& [key, value] : documented.items()) {
      if (!actual.contains(key)) {
        problems.push_back(path + "." + key + ": documented, missing");
      } else {
        compare(value, actual[key], path + "." + key, problems);
      }
    }
    for (const auto& [key, value] : actual.items()) {
      if (!documented.contains(key)) {
        problems.push_back(path + "." + key + ": present, not documented");
      }
    }
  } else if (documented.is_array() && !documented.empty()) {
    for (std::size_t i = 0; i < actual.size(); ++i) {
      compare(documented[0], actual[i], path + "[" + std::to_string(i) + "]", problems);
    }
  }
}

void require_conforms(const std::map<std::string, json>& examples, const std::string& name,
                      const migrator::test::CliResult& result) {
  INFO(name << " printed:\n" << result.out << "\nstderr:\n" << result.err);
  REQUIRE(examples.count(name) == 1);
  const auto actual = json::parse(result.out);  // one document, nothing else on stdout
  CHECK(actual.at("format_version") == 1);
  CHECK(actual.at("ok") == (result.exit_code == 0));
  std::vector<std::string> problems;
  compare(examples.at(name), actual, name, problems);
  std::string all;
  for (const auto& p : problems) {
    all += p + "\n";
  }
  INFO(all);
  CHECK(problems.empty());
}

}  // namespace

TEST_CASE("json contract: every command's document matches docs/json.md", "[cli]") {
  const auto examples = documented_examples();
  REQUIRE(examples.size() == 14);
  migrator::test::TempDir dir;
  const auto source = std::string(MIGRATOR_SOURCE_DIR);
  std::filesystem::copy(source + "/scenarios/vendor_normalization", dir / "vn", std::filesystem::copy_options::recursive);
  dir.write("bad/001_x.yaml",
            "steps:\n  - name: make t\n    sql: CREATE TABLE t (id INTEGER)\n    rollback: DROP TABLE t\n"
            "  - name: fail\n    sql: INSERT INTO nowhere VALUES (1)\n    rollback: SELECT 1\n");
  const auto run = [&](const std::string& args) { return migrator_cli(args + " --format json", dir.path()); };
  const std::string db = " --db sqlite:app.db";

  require_conforms(examples, "apply", run("apply vn --to 2" + db));
  require_conforms(examples, "apply", run("apply vn --dry-run" + db));
  const auto failed = run("apply bad" + db);
  CHECK(failed.exit_code == 1);
  require_conforms(examples, "apply", failed);
  // Where it failed, each part on its own: no parsing of the message.
  const auto failed_at = json::parse(failed.out).at("error").at("failed_at");
  CHECK(failed_at == json{{"version", 1}, {"key", "steps[1]"}, {"step", "fail"}, {"check", nullptr},
                          {"code", "SQLITE 1"}, {"database_message", "no such table: nowhere"}});
  CHECK(json::parse(run("status --db sqlite:no/such/dir/app.db").out).at("error").at("failed_at").is_null());
  require_conforms(examples, "apply", run("rollback vn --to 1" + db));
  require_conforms(examples, "status", run("status vn" + db));
  dir.write("targets.yaml", "- name: a\n  url: sqlite:app.db\n  group: eu\n- name: gone\n  url: sqlite:no/dir/x.db\n");
  for (const auto* command : {"apply vn", "rollback vn --to 1", "verify vn", "status vn"}) {
    require_conforms(examples, "fleet", run(std::string(command) + " --targets targets.yaml --on-error continue"));
  }

  // Drift for verify and repair: a changed rollback of an applied migration.
  REQUIRE(run("apply vn" + db).exit_code == 0);
  const auto file = dir / "vn" / "002_vendors_dimension.yaml";
  auto text = migrator::test::read_text(file);
  text.replace(text.find("rollback: DELETE FROM vendors;"), 30, "rollback: DELETE FROM vendors WHERE id > 0;");
  dir.write("vn/002_vendors_dimension.yaml", text);
  const auto verify = run("verify vn" + db);
  CHECK(verify.exit_code == 1);
  require_conforms(examples, "verify", verify);
  require_conforms(examples, "status", run("status vn" + db));
  require_conforms(examples, "repair", run("repair vn" + db));
  require_conforms(examples, "baseline", run("baseline vn --to 2 --db sqlite:adopted.db"));
  require_conforms(examples, "status", run("status vn --db sqlite:adopted.db"));
  require_conforms(examples, "verify", run("verify vn" + db));

  const auto check = run("check " + migrator::test::shell_quote(source + "/scenarios/tax_amount/unsafe"));
  CHECK(check.exit_code == 1);
  require_conforms(examples, "check", check);
  require_conforms(examples, "rules", run("check --rules"));
  require_conforms(examples, "new", run("new plan add_thing"));
  dir.write("dbmate/20240101000000_users.sql", "-- migrate:up\nCREATE TABLE users (id int);\n-- migrate:down\nDROP TABLE users;\n");
  require_conforms(examples, "import", run("import dbmate imported"));

  REQUIRE(run("apply " + migrator::test::shell_quote(source + "/scenarios/construction_receipts") +
              " --scale 0.01 --db sqlite:c.db").exit_code == 0);
  require_conforms(examples, "stats", run("stats --db sqlite:c.db"));
  require_conforms(examples, "bench", run("bench check --db sqlite:bench.db"));

  // Failures before the work starts: the error document alone.
  const auto invalid = run("apply " + migrator::test::shell_quote(source + "/tests/data/plans/bad_no_rollback") + db);
  CHECK(invalid.exit_code == 2);
  require_conforms(examples, "error", invalid);
  const auto unreachable = run("status --db sqlite:no/such/dir/app.db");
  CHECK(unreachable.exit_code == 3);
  require_conforms(examples, "error", unreachable);
  const auto no_data = run("stats --db sqlite:app.db");
  CHECK(no_data.exit_code == 2);
  require_conforms(examples, "error", no_data);
}

TEST_CASE("json contract: check --rehearse on PostgreSQL carries its trace as docs/json.md shows", "[cli][postgres]") {
  const auto examples = documented_examples();
  migrator::test::TempDir dir;
  dir.write("app/001_t.yaml",
            "lock_timeout: 5s\nsteps:\n  - name: t\n    sql: CREATE TABLE t (id integer); INSERT INTO t VALUES (1);\n"
            "    rollback: DROP TABLE t;\n");
  dir.write("app/002_rewrite.yaml",
            "lock_timeout: 5s\nsteps:\n  - name: widen\n    sql: ALTER TABLE t ALTER COLUMN id TYPE bigint;\n"
            "    rollback: ALTER TABLE t ALTER COLUMN id TYPE integer;\n    allow:\n"
            "      - rule: column-type-rewrite\n        reason: t is tiny\n      - rule: table-rewritten\n"
            "        reason: t is tiny\n      - rule: sqlite-alter-column\n        reason: PostgreSQL only\n");
  const auto result = migrator_cli("check app --rehearse --format json --db " +
                                       migrator::test::shell_quote(migrator::test::postgres_admin_url()),
                                   dir.path());
  require_conforms(examples, "check_rehearse", result);
  const auto doc = json::parse(result.out);
  REQUIRE(doc.at("traces").size() == 1);
  CHECK(doc["traces"][0]["statements"].size() >= 2);
}
