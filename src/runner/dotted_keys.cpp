#include "runner/dotted_keys.hpp"

#include <algorithm>

namespace migrator::runner {
namespace {

core::Version dotted_unless_zero(core::Version given) { return given == 0 ? given : core::as_dotted(given); }

}  // namespace

bool keys_dotted(const plan::Plan& plan) {
  return std::any_of(plan.migrations.begin(), plan.migrations.end(),
                     [](const plan::Migration& m) { return core::is_dotted(m.version); });
}

core::Version plan_key(const plan::Plan& plan, core::Version given) {
  return keys_dotted(plan) ? dotted_unless_zero(given) : given;
}

core::Version history_key(const std::vector<history::Entry>& entries, core::Version given) {
  const bool dotted = std::any_of(entries.begin(), entries.end(),
                                  [](const history::Entry& e) { return core::is_dotted(e.version); });
  return dotted ? dotted_unless_zero(given) : given;
}

std::vector<std::pair<core::Version, core::Version>> key_like_plan(const plan::Plan& plan,
                                                                   std::vector<history::Entry>& entries) {
  std::vector<std::pair<core::Version, core::Version>> changed;
  if (!keys_dotted(plan)) {
    return changed;
  }
  for (auto& entry : entries) {
    if (!core::is_dotted(entry.version)) {
      const auto key = core::as_dotted(entry.version);
      changed.emplace_back(entry.version, key);
      entry.version = key;
    }
  }
  // Whole-number keys sorted below every dotted one; re-keyed, they take their own places.
  std::sort(entries.begin(), entries.end(),
            [](const history::Entry& a, const history::Entry& b) { return a.version < b.version; });
  return changed;
}

std::vector<history::Entry> plan_entries(history::Store& history, const plan::Plan& plan, bool store) {
  auto entries = history.entries(plan.name, history::Store::Definitions::none);
  const auto changed = key_like_plan(plan, entries);
  if (store && !changed.empty()) {
    history.rekey(plan.name, changed);
  }
  const bool a_file_changed = std::any_of(entries.begin(), entries.end(), [&](const history::Entry& e) {
    const auto* file = plan.find(e.version);
    return file != nullptr && file->sha256 != e.checksum;
  });
  if (a_file_changed) {
    entries = history.entries(plan.name, history::Store::Definitions::all);
    key_like_plan(plan, entries);  // in memory: stored already when asked to
  }
  return entries;
}

}  // namespace migrator::runner
