#include <nlohmann/json.hpp>

#include "lint/format.hpp"
#include "util/json_text.hpp"

namespace migrator::lint {

nlohmann::json findings_json(const Findings& findings) {
  auto out = nlohmann::json::array();
  for (const auto& f : findings) {
    out.push_back({{"file", f.loc.file.string()},
                   {"line", f.loc.line},
                   {"column", f.loc.column},
                   {"rule", f.rule},
                   {"severity", std::string(to_string(f.severity))},
                   {"message", f.message},
                   {"fix", f.fix}});
  }
  return out;
}

std::string format_json(const Findings& findings) { return util::json_text(findings_json(findings)) + "\n"; }

}  // namespace migrator::lint
