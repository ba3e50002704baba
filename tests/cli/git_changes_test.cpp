// check --since REV: only the migrations git says changed are reported on, the earlier ones
// still teach the linter the schema; a revision git does not know, or a plan outside any
// checkout, is a usage error that says what to do.
#include <catch2/catch.hpp>

#include "cli/git_changes.hpp"
#include "core/error.hpp"
#include "support/cli.hpp"
#include "support/temp_dir.hpp"
#include "util/run_process.hpp"

using migrator::test::migrator_cli;
using migrator::test::TempDir;

namespace {

void git(const TempDir& repo, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"git", "-C", repo.path().string(), "-c", "user.email=t@example.com",
                                "-c", "user.name=t"};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto r = migrator::util::run_process(argv);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

// A repository whose first commit holds migrations 1 (a table) and 2 (an unsafe index on it).
void two_committed_migrations(const TempDir& repo) {
  git(repo, {"init", "-q", "."});
  repo.write("db/001_t.yaml",
             "steps:\n  - name: t\n    sql: CREATE TABLE t (id BIGINT PRIMARY KEY, c TEXT);\n    rollback: DROP TABLE t;\n");
  repo.write("db/002_i.yaml",
             "lock_timeout: 5s\nsteps:\n  - name: i\n    sql: CREATE INDEX t_c ON t (c);\n    rollback: DROP INDEX t_c;\n");
  git(repo, {"add", "."});
  git(repo, {"commit", "-q", "-m", "base"});
}

const char* const k_set_not_null =
    "lock_timeout: 5s\n"
    "steps:\n"
    "  - name: n\n"
    "    sql:\n"
    "      postgres: ALTER TABLE t ALTER COLUMN c SET NOT NULL;\n"
    "      sqlite: SELECT 1;\n"
    "    rollback:\n"
    "      postgres: ALTER TABLE t ALTER COLUMN c DROP NOT NULL;\n"
    "      sqlite: SELECT 1;\n";

}  // namespace

TEST_CASE("git changes: committed, staged, edited and untracked files since a revision", "[cli]") {
  TempDir repo;
  two_committed_migrations(repo);
  CHECK(migrator::cli::files_changed_since("HEAD", repo / "db").empty());
  repo.write("db/003_n.yaml", k_set_not_null);                   // untracked
  repo.write("db/002_i.yaml", repo.read("db/002_i.yaml") + "\n");  // edited
  const auto changed = migrator::cli::files_changed_since("HEAD", repo / "db");
  CHECK(changed.size() == 2);
  CHECK(changed.count(std::filesystem::canonical(repo / "db/003_n.yaml")) == 1);
  git(repo, {"add", "."});
  git(repo, {"commit", "-q", "-m", "more"});
  CHECK(migrator::cli::files_changed_since("HEAD", repo / "db").empty());
  CHECK(migrator::cli::files_changed_since("HEAD~1", repo / "db").size() == 2);
  CHECK_THROWS_AS(migrator::cli::files_changed_since("no-such-branch", repo / "db"), migrator::core::UsageError);
}

TEST_CASE("cli check --since: only new migrations are reported, earlier ones build the schema", "[cli][lint]") {
  TempDir repo;
  two_committed_migrations(repo);
  repo.write("db/003_n.yaml", k_set_not_null);

  const auto all = migrator_cli("check db", repo.path());
  CHECK(all.exit_code == 1);
  CHECK(all.out.find("index-not-concurrent") != std::string::npos);

  const auto since = migrator_cli("check --since HEAD db", repo.path());
  INFO(since.out << since.err);
  CHECK(since.exit_code == 1);
  CHECK(since.out.find("Checking 1 of the 3 migrations of db, those changed since HEAD") != std::string::npos);
  // t comes from migration 1, unchanged: SET NOT NULL on it is still known to be on an existing table.
  CHECK(since.out.find("db/003_n.yaml:5:17: error[set-not-null]") != std::string::npos);
  CHECK(since.out.find("index-not-concurrent") == std::string::npos);
  CHECK(since.out.find("1 error, 0 warnings in 1 file") != std::string::npos);

  git(repo, {"add", "."});
  git(repo, {"commit", "-q", "-m", "n"});
  const auto nothing = migrator_cli("check --since HEAD db", repo.path());
  CHECK(nothing.exit_code == 0);
  CHECK(nothing.out == "No migration of db changed since HEAD\n0 errors, 0 warnings in 0 files\n");

  // plan.yaml reaches every migration: all of them are checked.
  repo.write("db/plan.yaml", "lock_timeout: 5s\n");
  const auto plan_changed = migrator_cli("check --since HEAD db", repo.path());
  CHECK(plan_changed.out.find("db/plan.yaml changed since HEAD: every migration of the plan is checked") !=
        std::string::npos);
  CHECK(plan_changed.out.find("index-not-concurrent") != std::string::npos);
}

TEST_CASE("cli check --since: an edited down file of a golang-migrate plan is its migration's change",
          "[cli][lint]") {
  TempDir repo;
  git(repo, {"init", "-q", "."});
  std::filesystem::copy(std::filesystem::path(MIGRATOR_SOURCE_DIR) / "tests/data/formats/golang-migrate",
                        repo / "db");
  git(repo, {"add", "."});
  git(repo, {"commit", "-q", "-m", "base"});
  const auto down = "db/20240103100000_index_email.down.sql";
  repo.write(down, repo.read(down) + "-- reviewed\n");
  const auto r = migrator_cli("check --since HEAD db", repo.path());
  INFO(r.out << r.err);
  CHECK(r.out.find("Checking 1 of the 4 migrations of db, those changed since HEAD") != std::string::npos);
}

TEST_CASE("cli check --since --rehearse: every migration rehearsed, the changed ones reported", "[cli][lint]") {
  TempDir repo;
  git(repo, {"init", "-q", "."});
  // Both rollbacks leave their table behind; only 2 is new.
  repo.write("db/001_t.yaml",
             "steps:\n  - name: t\n    sql: CREATE TABLE t (id BIGINT PRIMARY KEY);\n    rollback: SELECT 1;\n");
  git(repo, {"add", "."});
  git(repo, {"commit", "-q", "-m", "base"});
  repo.write("db/002_u.yaml",
             "steps:\n  - name: u\n    sql: CREATE TABLE u (id BIGINT PRIMARY KEY);\n    rollback: SELECT 1;\n");
  const auto all = migrator_cli("check --rehearse db", repo.path());
  CHECK(all.out.find("001_t.yaml:4:15: error[rollback-leaves-objects]") != std::string::npos);
  const auto since = migrator_cli("check --rehearse --since HEAD db", repo.path());
  INFO(since.out << since.err);
  CHECK(since.exit_code == 1);
  CHECK(since.out.find("002_u.yaml:4:15: error[rollback-leaves-objects]") != std::string::npos);
  CHECK(since.out.find("001_t.yaml") == std::string::npos);
}

TEST_CASE("cli check --since: an unknown revision and a plan outside git are usage errors", "[cli][lint]") {
  TempDir repo;
  two_committed_migrations(repo);
  const auto unknown = migrator_cli("check --since origin/main db", repo.path());
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("--since origin/main: git knows no commit by that name") != std::string::npos);
  CHECK(unknown.err.find("fetch-depth: 0") != std::string::npos);

  TempDir outside;
  outside.write("db/001_t.yaml", "steps:\n  - name: t\n    sql: SELECT 1;\n    rollback: SELECT 1;\n");
  const auto no_git = migrator_cli("check --since HEAD db", outside.path());
  CHECK(no_git.exit_code == 2);
  CHECK(no_git.err.find("is not in a git checkout") != std::string::npos);
  CHECK(no_git.out.empty());
}
