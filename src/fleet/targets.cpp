#include "fleet/targets.hpp"

#include <cstdlib>
#include <set>

#include "core/error.hpp"
#include "plan/plan_file.hpp"

namespace migrator::fleet {
namespace {

bool is_name_char(char c, bool first) {
  return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (!first && c >= '0' && c <= '9');
}

}  // namespace

std::string expand_environment(std::string_view text, std::vector<std::string>& unset) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto close = text.find('}', i);
    if (text.compare(i, 2, "${") != 0 || close == std::string_view::npos) {
      out += text[i];
      continue;
    }
    const std::string name(text.substr(i + 2, close - i - 2));
    bool valid = !name.empty();
    for (std::size_t c = 0; c < name.size() && valid; ++c) {
      valid = is_name_char(name[c], c == 0);
    }
    if (!valid) {
      out += text[i];
      continue;
    }
    if (const char* value = std::getenv(name.c_str())) {
      out += value;
    } else {
      unset.push_back(name);
    }
    i = close;
  }
  return out;
}

std::vector<Target> read_targets(const YAML::Node& list, plan::YamlReader& reader, const std::string& key) {
  std::vector<Target> targets;
  if (!list.IsSequence()) {
    reader.error(list, key, "must be a list of targets, each with a name and a url",
                 "- name: tenant-a\n    url: postgresql://app:${TENANT_A_PASSWORD}@db1/tenant_a");
    return targets;
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto entry = list[i];
    const auto entry_key = plan::key_index(key, i);
    if (!reader.check_map(entry, entry_key, {"name", "url", "group"})) {
      continue;
    }
    Target target;
    const auto name = entry["name"] ? reader.string(entry["name"], plan::key_child(entry_key, "name")) : std::nullopt;
    const auto url = entry["url"] ? reader.string(entry["url"], plan::key_child(entry_key, "url")) : std::nullopt;
    if (entry["group"]) {
      target.group = reader.string(entry["group"], plan::key_child(entry_key, "group")).value_or("");
    }
    if (!entry["url"]) {
      reader.error(entry, entry_key, "has no url", "add url: sqlite:PATH or postgresql://...");
    }
    if (!url) {
      continue;
    }
    std::vector<std::string> unset;
    const auto expanded = expand_environment(*url, unset);
    if (!unset.empty()) {
      reader.error(entry["url"], plan::key_child(entry_key, "url"),
                   "the environment variable " + unset.front() + " is not set",
                   "export " + unset.front() + " before the run (secrets stay out of the file)");
      continue;
    }
    try {
      target.url = db::parse_url(expanded);
    } catch (const core::Error& e) {
      reader.error(entry["url"], plan::key_child(entry_key, "url"), e.what(), e.hint());
      continue;
    }
    target.name = name.value_or(target.url.redacted);
    if (!names.insert(target.name).second) {
      reader.error(entry["name"] ? entry["name"] : entry, plan::key_child(entry_key, "name"),
                   "the name \"" + target.name + "\" is already another target's", "give each target its own name");
      continue;
    }
    targets.push_back(std::move(target));
  }
  if (list.size() == 0) {
    reader.error(list, key, "lists no targets", "add at least one: - name: NAME\n    url: URL");
  }
  return targets;
}

std::vector<Target> load_targets(const std::filesystem::path& file) {
  core::Diagnostics problems;
  const auto text = plan::read_plan_text(file, problems);
  if (!text) {
    throw core::PlanError(std::move(problems), "the targets file");
  }
  YAML::Node root;
  try {
    root = YAML::Load(*text);
  } catch (const YAML::ParserException& e) {
    throw core::PlanError({{{file, e.mark.line + 1, e.mark.column + 1}, "", "YAML syntax error: " + e.msg,
                            "a targets file is a list of {name, url, group}"}},
                          "the targets file");
  }
  plan::YamlReader reader(file, *text, problems);
  std::vector<Target> targets;
  if (root.IsMap() && reader.check_map(root, "", {"targets"})) {
    if (root["targets"]) {
      targets = read_targets(root["targets"], reader, "targets");
    } else {
      reader.error(root, "targets", "is missing", "a targets file holds targets: [{name, url}, ...]");
    }
  } else if (!root.IsMap()) {
    targets = read_targets(root, reader, "");
  }
  if (!problems.empty()) {
    throw core::PlanError(std::move(problems), "the targets file");
  }
  return targets;
}

std::vector<Target> targets_from_urls(const std::vector<std::string>& urls) {
  std::vector<Target> targets;
  std::set<std::string> seen;
  for (const auto& text : urls) {
    Target target{"", "", db::parse_url(text)};
    target.name = target.url.redacted;
    if (!seen.insert(target.name).second) {
      throw core::UsageError("--db " + target.name + " is given twice", "name each database once");
    }
    targets.push_back(std::move(target));
  }
  return targets;
}

}  // namespace migrator::fleet
