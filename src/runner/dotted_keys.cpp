#include "runner/dotted_keys.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>

#include "plan/sql_formats.hpp"

namespace migrator::runner {
namespace {

core::Version dotted_unless_zero(core::Version given) { return given == 0 ? given : core::as_dotted(given); }

// The key of the migration whose diesel stamp is `given` as written, where that is no key
// itself; else of the one whose stamp is diesel 2's spelling of it (2026-07-15-182934-0000
// for 20260715182934, as a person types the time); else `given`.
template <class Items, class FileOf>
core::Version stamp_key(core::Version given, const Items& items, const FileOf& file_of, bool given_is_key) {
  if (given <= 0 || given_is_key) {
    return given;
  }
  const auto written = std::to_string(given);
  const auto diesel_2 = written + "0000";
  std::optional<core::Version> longer;
  for (const auto& item : items) {
    const auto stamp = plan::diesel_stamp(file_of(item));
    if (stamp == written) {
      return item.version;
    }
    if (stamp == diesel_2) {
      longer = item.version;
    }
  }
  return longer.value_or(given);
}

}  // namespace

bool keys_dotted(const plan::Plan& plan) {
  return std::any_of(plan.migrations.begin(), plan.migrations.end(),
                     [](const plan::Migration& m) { return core::is_dotted(m.version); });
}

core::Version plan_key(const plan::Plan& plan, core::Version given) {
  if (keys_dotted(plan)) {
    return dotted_unless_zero(given);
  }
  return stamp_key(given, plan.migrations, [](const plan::Migration& m) { return m.file; },
                   plan.find(given) != nullptr);
}

core::Version history_key(const std::vector<history::Entry>& entries, core::Version given) {
  const bool dotted = std::any_of(entries.begin(), entries.end(),
                                  [](const history::Entry& e) { return core::is_dotted(e.version); });
  if (dotted) {
    return dotted_unless_zero(given);
  }
  const bool is_key = std::any_of(entries.begin(), entries.end(),
                                  [given](const history::Entry& e) { return e.version == given; });
  return stamp_key(given, entries, [](const history::Entry& e) { return std::filesystem::path(e.file); }, is_key);
}

std::vector<std::pair<core::Version, core::Version>> key_like_plan(const plan::Plan& plan,
                                                                   std::vector<history::Entry>& entries) {
  std::vector<std::pair<core::Version, core::Version>> changed;
  const bool dotted = keys_dotted(plan);
  std::unordered_map<std::string, core::Version> stamps;  // diesel stamp -> key, made on the first miss
  for (auto& entry : entries) {
    auto key = entry.version;
    if (dotted && !core::is_dotted(entry.version)) {
      key = core::as_dotted(entry.version);
    } else if (!dotted && plan.find(entry.version) == nullptr) {
      // Applied before the plan's first 18-digit stamp: the migration of the same folder.
      if (const auto stamp = plan::diesel_stamp(entry.file)) {
        if (stamps.empty()) {
          for (const auto& m : plan.migrations) {
            if (const auto its = plan::diesel_stamp(m.file)) {
              stamps.emplace(*its, m.version);
            }
          }
        }
        const auto it = stamps.find(*stamp);
        key = it != stamps.end() ? it->second : key;
      }
    }
    if (key != entry.version) {
      changed.emplace_back(entry.version, key);
      entry.version = key;
    }
  }
  if (changed.empty()) {
    return changed;
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
