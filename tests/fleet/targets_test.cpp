#include <catch2/catch.hpp>

#include <cstdlib>

#include "core/error.hpp"
#include "fleet/targets.hpp"
#include "support/temp_dir.hpp"

using namespace migrator;

namespace {

std::string problems_of(const std::filesystem::path& file) {
  try {
    fleet::load_targets(file);
  } catch (const core::PlanError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("targets: a list, or a map holding targets:, with groups and ${ENV} in urls", "[fleet]") {
  test::TempDir dir;
  setenv("MIGRATOR_TEST_TENANT_PASSWORD", "s3cret", 1);
  dir.write("list.yaml",
            "- name: a\n  url: sqlite:a.db\n  group: eu\n"
            "- name: b\n  url: postgresql://app:${MIGRATOR_TEST_TENANT_PASSWORD}@db1:5432/tenant_b\n"
            "- url: sqlite:unnamed.db\n");
  const auto targets = fleet::load_targets(dir / "list.yaml");
  REQUIRE(targets.size() == 3);
  CHECK(targets[0].name == "a");
  CHECK(targets[0].group == "eu");
  CHECK(targets[1].url.conninfo.find("s3cret") != std::string::npos);
  CHECK(targets[1].url.redacted.find("s3cret") == std::string::npos);  // what is printed
  CHECK(targets[2].name == "sqlite:unnamed.db");
  dir.write("map.yaml", "targets:\n  - name: only\n    url: sqlite:only.db\n");
  CHECK(fleet::load_targets(dir / "map.yaml").at(0).name == "only");
  unsetenv("MIGRATOR_TEST_TENANT_PASSWORD");
}

TEST_CASE("targets: every mistake names file, line and key", "[fleet]") {
  test::TempDir dir;
  unsetenv("MIGRATOR_TEST_UNSET_VARIABLE");
  dir.write("bad.yaml",
            "- name: a\n  url: sqlite:a.db\n"
            "- name: a\n  url: sqlite:b.db\n"
            "- name: c\n"
            "- name: d\n  url: postgresql://x:${MIGRATOR_TEST_UNSET_VARIABLE}@h/d\n"
            "- name: e\n  url: mysql://h/e\n"
            "- name: f\n  uri: sqlite:f.db\n");
  const auto problems = problems_of(dir / "bad.yaml");
  CHECK_THAT(problems, Catch::Contains("bad.yaml:3: [1].name: the name \"a\" is already another target's"));
  CHECK_THAT(problems, Catch::Contains("bad.yaml:5: [2]: has no url"));
  CHECK_THAT(problems, Catch::Contains("bad.yaml:7: [3].url: the environment variable MIGRATOR_TEST_UNSET_VARIABLE is not set"));
  CHECK_THAT(problems, Catch::Contains("bad.yaml:9: [4].url:"));
  CHECK_THAT(problems, Catch::Contains("bad.yaml:11: [5].uri: unknown key \"uri\"") && Catch::Contains("did you mean \"url\"?"));
  dir.write("empty.yaml", "[]\n");
  CHECK_THAT(problems_of(dir / "empty.yaml"), Catch::Contains("lists no targets"));
  dir.write("scalar.yaml", "sqlite:a.db\n");
  CHECK_THAT(problems_of(dir / "scalar.yaml"), Catch::Contains("must be a list of targets"));
  dir.write("syntax.yaml", "- name: [a\n");
  CHECK_THAT(problems_of(dir / "syntax.yaml"), Catch::Contains("YAML syntax error"));
  CHECK_THAT(problems_of(dir / "missing.yaml"), Catch::Contains("missing.yaml"));
}

TEST_CASE("targets: ${NAME} is replaced, other dollars are left alone", "[fleet]") {
  setenv("MIGRATOR_TEST_HOST", "db7", 1);
  std::vector<std::string> unset;
  CHECK(fleet::expand_environment("postgresql://${MIGRATOR_TEST_HOST}/a$b${}${1x}$", unset) ==
        "postgresql://db7/a$b${}${1x}$");
  CHECK(unset.empty());
  fleet::expand_environment("${MIGRATOR_TEST_NOT_THERE}", unset);
  CHECK(unset == std::vector<std::string>{"MIGRATOR_TEST_NOT_THERE"});
  unsetenv("MIGRATOR_TEST_HOST");
}

TEST_CASE("targets: --db more than once, each its own target", "[fleet]") {
  const auto targets = fleet::targets_from_urls({"sqlite:a.db", "postgresql://u:pw@h/db"});
  REQUIRE(targets.size() == 2);
  CHECK(targets[1].name == "postgresql://u:***@h/db");
  CHECK_THROWS_AS(fleet::targets_from_urls({"sqlite:a.db", "sqlite:a.db"}), core::UsageError);
}
