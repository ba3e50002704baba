// requires: followed all the way, each plan once, in an order to apply; cycles named.
#include "plan/requirements.hpp"

#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "support/temp_dir.hpp"

namespace plan = migrator::plan;

namespace {

void write_plan(const migrator::test::TempDir& dir, const std::string& name, const std::vector<std::string>& requires_) {
  std::string yaml = "name: " + name + "\n";
  if (!requires_.empty()) {
    yaml += "requires:\n";
    for (const auto& r : requires_) {
      yaml += "  - ../" + r + "\n";
    }
  }
  dir.write(name + "/plan.yaml", yaml);
  dir.write(name + "/001_make.yaml", "steps:\n  - name: make\n    sql: CREATE TABLE " + name +
                                         "_t (id INTEGER)\n    rollback: DROP TABLE " + name + "_t\n");
}

std::vector<std::string> names(const std::vector<plan::Plan>& plans) {
  std::vector<std::string> out;
  for (const auto& p : plans) {
    out.push_back(p.name);
  }
  return out;
}

}  // namespace

TEST_CASE("required_plans: followed through every level, each plan once, what it needs first", "[plan]") {
  migrator::test::TempDir dir;
  write_plan(dir, "base", {});
  write_plan(dir, "mid", {"base"});
  write_plan(dir, "side", {"base"});
  write_plan(dir, "top", {"mid", "side"});
  const auto top = plan::load(dir / "top");
  const auto required = plan::required_plans(top);
  CHECK(names(required) == std::vector<std::string>{"base", "mid", "side"});
  CHECK(plan::direct_requirements(top, required) == std::vector<std::string>{"mid", "side"});
  CHECK(plan::direct_requirements(required[1], required) == std::vector<std::string>{"base"});
}

TEST_CASE("required_plans: a cycle is a plan error that names it", "[plan]") {
  migrator::test::TempDir dir;
  write_plan(dir, "x", {"y"});
  write_plan(dir, "y", {"z"});
  write_plan(dir, "z", {"x"});
  try {
    plan::required_plans(plan::load(dir / "x"));
    FAIL("a cycle was followed");
  } catch (const migrator::core::PlanError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics().front().message == "the plans require each other in a cycle: x -> y -> z -> x");
    CHECK(e.diagnostics().front().loc.file == dir / "z" / "plan.yaml");
  }
  write_plan(dir, "self", {"self"});
  CHECK_THROWS_AS(plan::required_plans(plan::load(dir / "self")), migrator::core::PlanError);
}
