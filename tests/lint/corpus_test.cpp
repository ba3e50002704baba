// The rule corpus: tests/data/lint/<rule-id>/flag holds migrations the rule must flag,
// .../pass near misses it must not. flag/expected.txt lists where each finding of the rule
// stands (file:line:column), so locations are checked for every rule too.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "support/temp_dir.hpp"
#include "lint/linter.hpp"
#include "lint/registry.hpp"
#include "plan/loader.hpp"

namespace lint = migrator::lint;
namespace plan = migrator::plan;

namespace {

const std::filesystem::path k_corpus = std::filesystem::path(MIGRATOR_SOURCE_DIR) / "tests/data/lint";

// "file:line:column" of each finding of `rule` in the plan at `dir`, one per line.
std::string locations_of(const std::string& rule, const std::filesystem::path& dir) {
  const auto findings = lint::Linter().lint(plan::load(dir));
  std::string out;
  for (const auto& f : findings) {
    if (f.rule == rule) {
      out += f.loc.file.filename().string() + ":" + std::to_string(f.loc.line) + ":" +
             std::to_string(f.loc.column) + "\n";
    }
  }
  return out;
}

}  // namespace

TEST_CASE("lint corpus: every rule flags its examples and passes its near misses", "[lint]") {
  for (const auto* rule : lint::all_rules()) {
    if (rule->rehearsal()) {
      continue;  // tested by running plans: tests/lint/rehearse_test.cpp
    }
    const auto id = std::string(rule->id());
    const auto dir = k_corpus / id;
    INFO("rule " << id);
    REQUIRE(std::filesystem::is_directory(dir / "flag"));
    REQUIRE(std::filesystem::is_directory(dir / "pass"));
    const auto flagged = locations_of(id, dir / "flag");
    CHECK_FALSE(flagged.empty());
    CHECK(flagged == migrator::test::read_text(dir / "flag" / "expected.txt"));
    CHECK(locations_of(id, dir / "pass").empty());
  }
}

TEST_CASE("lint corpus: the corpus names only rules that exist", "[lint]") {
  for (const auto& entry : std::filesystem::directory_iterator(k_corpus)) {
    INFO(entry.path().filename().string());
    CHECK(lint::find_rule(entry.path().filename().string()) != nullptr);
  }
}
