#include "support/plan_files.hpp"

namespace migrator::test {

std::filesystem::path scenario_dir(const std::string& name) {
  return std::filesystem::path(MIGRATOR_SOURCE_DIR) / "scenarios" / name;
}

std::filesystem::path copy_scenario(const TempDir& dir, const std::string& name) {
  const auto target = dir / name;
  std::filesystem::copy(scenario_dir(name), target, std::filesystem::copy_options::recursive);
  return target;
}

namespace {

std::string indent(const std::string& text, const std::string& prefix) {
  std::string out = prefix;
  for (std::size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '\n' && i + 1 < text.size()) {
      out += prefix;
    }
  }
  return out;
}

}  // namespace

std::string one_step_migration(const std::string& sql, const std::string& rollback,
                               const std::string& step_extra, const std::string& file_extra) {
  std::string out = "steps:\n  - name: the step\n    sql: |\n" + indent(sql, "      ") +
                    "\n    rollback: |\n" + indent(rollback, "      ") + "\n";
  if (!step_extra.empty()) {
    out += indent(step_extra, "    ") + "\n";
  }
  return out + file_extra;
}

}  // namespace migrator::test
