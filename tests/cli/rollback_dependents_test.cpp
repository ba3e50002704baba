// Rolling back a plan that applied plans stand on (issue 9: 4): refused, naming them, unless
// --cascade, which rolls them back first, deepest first. Known from the database alone.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support/cli.hpp"
#include "support/temp_dir.hpp"

namespace {

using migrator::test::migrator_cli;

void write_plan(const migrator::test::TempDir& dir, const std::string& name, const std::string& required) {
  dir.write(name + "/plan.yaml", "name: " + name + (required.empty() ? "\n" : "\nrequires: [../" + required + "]\n"));
  dir.write(name + "/001_make.yaml", "steps:\n  - name: make\n    sql: CREATE TABLE " + name +
                                         "_t (id INTEGER)\n    rollback: DROP TABLE " + name + "_t\n");
}

// base <- mid <- top, top applied alone.
struct Chain {
  migrator::test::TempDir dir;
  Chain() {
    write_plan(dir, "base", "");
    write_plan(dir, "mid", "base");
    write_plan(dir, "top", "mid");
    const auto apply = migrator_cli("apply top --db sqlite:app.db", dir.path());
    INFO(apply.err);
    REQUIRE(apply.exit_code == 0);
  }
};

}  // namespace

TEST_CASE("rollback dependents: requires is followed through every level on apply", "[cli]") {
  const Chain chain;
  for (const auto* plan : {"base", "mid", "top"}) {
    const auto status = migrator_cli(std::string("status ") + plan + " --db sqlite:app.db", chain.dir.path());
    INFO(plan);
    CHECK_THAT(status.out, Catch::Contains("1 applied, 0 pending"));
  }
}

TEST_CASE("rollback dependents: refused while plans that require it are applied, naming them", "[cli]") {
  const Chain chain;
  // By plan name: from the database alone, with no plan files read.
  const auto refused = migrator_cli("rollback base --to 0 --db sqlite:app.db", chain.dir.path());
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("\"base\" is required by applied plans: top (at version 1), mid (at version 1); "
                                          "nothing was rolled back") &&
                              Catch::Contains("--cascade"));
  const auto status = migrator_cli("status base --db sqlite:app.db", chain.dir.path());
  CHECK_THAT(status.out, Catch::Contains("1 applied, 0 pending"));
  // Nothing to undo (--to at its version) is no reason to refuse.
  CHECK(migrator_cli("rollback base --to 1 --db sqlite:app.db", chain.dir.path()).exit_code == 0);
}

TEST_CASE("rollback dependents: --cascade rolls them back first, deepest first", "[cli]") {
  const Chain chain;
  const auto cascade = migrator_cli("rollback base --to 0 --cascade --db sqlite:app.db --format json", chain.dir.path());
  INFO(cascade.err);
  REQUIRE(cascade.exit_code == 0);
  const auto top = cascade.out.find("\"top\"");
  const auto mid = cascade.out.find("\"mid\"");
  const auto base = cascade.out.find("\"base\"");
  REQUIRE(top != std::string::npos);
  CHECK(top < mid);
  CHECK(mid < base);
  for (const auto* plan : {"base", "mid", "top"}) {
    INFO(plan);
    CHECK_THAT(migrator_cli(std::string("status ") + plan + " --db sqlite:app.db", chain.dir.path()).out,
               Catch::Contains("0 applied, 1 pending"));
  }
}
