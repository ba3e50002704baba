// SARIF 2.1.0 (OASIS), the format code-scanning dashboards read (GitHub code scanning among
// them): one run, the rules as the tool's driver knows them, one result per finding.
#include <nlohmann/json.hpp>

#include "lint/format.hpp"
#include "lint/registry.hpp"
#include "util/json_text.hpp"

namespace migrator::lint {

std::string format_sarif(const Findings& findings, const std::string& tool_version) {
  auto rules = nlohmann::json::array();
  for (const auto* rule : all_rules()) {
    rules.push_back({{"id", rule->id()},
                     {"shortDescription", {{"text", rule->summary()}}},
                     {"defaultConfiguration", {{"level", std::string(to_string(rule->severity()))}}}});
  }
  auto results = nlohmann::json::array();
  for (const auto& f : findings) {
    nlohmann::json region = nlohmann::json::object();
    if (f.loc.line > 0) {
      region["startLine"] = f.loc.line;
    }
    if (f.loc.column > 0) {
      region["startColumn"] = f.loc.column;
    }
    // A relative path is relative to the checkout (%SRCROOT%); an absolute one is a file: URI.
    const auto path = f.loc.file.generic_string();
    const auto artifact = f.loc.file.is_absolute() ? nlohmann::json{{"uri", "file://" + path}}
                                                   : nlohmann::json{{"uri", path}, {"uriBaseId", "%SRCROOT%"}};
    nlohmann::json location{{"physicalLocation", {{"artifactLocation", artifact}}}};
    if (!region.empty()) {
      location["physicalLocation"]["region"] = region;
    }
    results.push_back({{"ruleId", f.rule},
                       {"level", std::string(to_string(f.severity))},
                       {"message", {{"text", f.fix.empty() ? f.message : f.message + " Fix: " + f.fix}}},
                       {"locations", nlohmann::json::array({location})}});
  }
  const nlohmann::json log{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       nlohmann::json::array({{{"tool",
                                {{"driver",
                                  {{"name", "migrator check"},
                                   {"version", tool_version},
                                   {"rules", rules}}}}},
                               {"results", results}}})}};
  return util::json_text(log) + "\n";
}

}  // namespace migrator::lint
