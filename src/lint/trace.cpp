#include "lint/trace.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "lint/rules/rules.hpp"
#include "report/text_table.hpp"

namespace migrator::lint {
namespace {

constexpr std::string_view k_access_exclusive = "AccessExclusiveLock";
// Waits shorter than this are the probe's own round trips on a busy machine, not blocking.
constexpr double k_worth_a_look_ms = 50;

std::string ms_text(double ms) { return ms >= 10 ? fmt::format("{:.0f}", ms) : fmt::format("{:.1f}", ms); }

// "AccessExclusiveLock" -> "ACCESS EXCLUSIVE", as the documentation and the linter name them.
std::string mode_name(std::string_view mode) {
  std::string out;
  for (std::size_t i = 0; i < mode.size(); ++i) {
    if (i > 0 && std::isupper(static_cast<unsigned char>(mode[i]))) {
      out += ' ';
    }
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(mode[i])));
  }
  if (out.size() > 5 && out.ends_with(" LOCK")) {
    out.resize(out.size() - 5);
  }
  return out;
}

// "the rollback of migration 3" / "migration 3"
std::string label(const TracedStatement& s) {
  return std::string(s.rollback ? "the rollback of " : "") + "migration " + core::version_text(s.version);
}

TraceFinding finding(const Rule& rule, core::Version version, const core::SourceLoc& loc, std::string message,
                     std::string fix) {
  return {{std::string(rule.id()), rule.severity(), loc, std::move(message), std::move(fix)}, version};
}

// "public.a, public.b"
std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

// Where a migration's blocking of `table` comes from: its statement that held the strongest
// lock on the table longest (else the migration's file).
core::SourceLoc blocking_loc(const Trace& trace, const TracedMigration& m, const std::string& table) {
  const TracedStatement* worst = nullptr;
  double held = -1;
  for (const auto& s : trace.statements) {
    if (s.version != m.version || s.rollback != m.rollback) {
      continue;
    }
    for (const auto& lock : s.locks) {
      if (lock.relation == table && lock.held_ms > held) {
        worst = &s;
        held = lock.held_ms;
      }
    }
  }
  if (worst == nullptr) {
    // Outside a transaction no lock is seen: the statement that ran longest held it up.
    for (const auto& s : trace.statements) {
      if (s.version == m.version && s.rollback == m.rollback && (worst == nullptr || s.ms > worst->ms)) {
        worst = &s;
      }
    }
  }
  return worst != nullptr ? worst->loc : m.loc;
}

}  // namespace

std::vector<TraceFinding> trace_findings(const Trace& trace, const TraceLimits& limits) {
  std::vector<TraceFinding> out;
  for (const auto& s : trace.statements) {
    std::vector<std::string> held_long;
    std::vector<std::string> without_timeout;
    double longest = 0;
    for (const auto& lock : s.locks) {
      if (lock.mode != k_access_exclusive || !lock.table) {
        continue;  // an index's lock comes with its table's
      }
      if (lock.held_ms > limits.max_lock_ms) {
        held_long.push_back(lock.relation);
        longest = std::max(longest, lock.held_ms);
      }
      if (s.lock_timeout == "0" && !lock.documented) {
        without_timeout.push_back(lock.relation);
      }
    }
    if (!held_long.empty()) {
      out.push_back(finding(rules::lock_held_long(), s.version, s.loc,
                            fmt::format("{} holds ACCESS EXCLUSIVE on {} for {} ms (limit {} ms): every read and "
                                        "write of it waits that long; measured from \"{}\" to the end of its "
                                        "transaction",
                                        label(s), joined(held_long), ms_text(longest), ms_text(limits.max_lock_ms),
                                        s.sql),
                            "take the lock last and commit soon after it, or do the slow part without it (batches "
                            "that commit, CONCURRENTLY, NOT VALID then VALIDATE)"));
    }
    if (!without_timeout.empty()) {
      out.push_back(finding(rules::lock_without_timeout(), s.version, s.loc,
                            fmt::format("{} took ACCESS EXCLUSIVE on {} with no lock_timeout in force: behind a long "
                                        "query on the table, this statement and every query queued after it would "
                                        "wait without end (\"{}\")",
                                        label(s), joined(without_timeout), s.sql),
                            "set lock_timeout: on the migration (or in plan.yaml) and retry when it times out"));
    }
    if (s.rewrote_rows) {
      out.push_back(finding(rules::table_rewritten(), s.version, s.loc,
                            fmt::format("{} rewrote {} (new files: relfilenode changed) with rows in it, in {} ms "
                                        "here; on the production table it takes as long as its size, under its "
                                        "lock (\"{}\")",
                                        label(s), joined(s.rewrote), ms_text(s.ms), s.sql),
                            "change the column in steps that do not rewrite (a new column, a batched backfill, a "
                            "swap), or accept the rewrite in a maintenance window and say so with allow:"));
    }
  }
  for (const auto& m : trace.migrations) {
    for (const auto& t : m.blocked) {
      const double worst = std::max(t.read_ms, t.write_ms);
      if (worst > limits.max_blocked_ms) {
        out.push_back(finding(rules::traffic_blocked(), m.version, blocking_loc(trace, m, t.table),
                              fmt::format("while {}migration {} ran, {} on {} waited {} ms (reads up to {} ms, writes "
                                          "up to {} ms; limit {} ms)",
                                          m.rollback ? "the rollback of " : "", core::version_text(m.version),
                                          t.write_ms >= t.read_ms ? "a write" : "a read", t.table, ms_text(worst),
                                          ms_text(t.read_ms), ms_text(t.write_ms), ms_text(limits.max_blocked_ms)),
                              "hold the table's strong locks for less time: split the migration, batch its writes, "
                              "use CONCURRENTLY and NOT VALID"));
      }
    }
  }
  std::erase_if(out, [&](const TraceFinding& f) {
    return std::any_of(trace.statements.begin(), trace.statements.end(), [&](const TracedStatement& s) {
      return s.version == f.version && s.loc.file == f.finding.loc.file && s.loc.line == f.finding.loc.line &&
             s.loc.column == f.finding.loc.column &&
             std::find(s.allowed.begin(), s.allowed.end(), f.finding.rule) != s.allowed.end();
    });
  });
  return out;
}

std::string trace_text(const Trace& trace) {
  report::TextTable table({{"AT"},
                           {"STATEMENT"},
                           {"MS", report::Align::right},
                           {"ROWS", report::Align::right},
                           {"LOCKS TAKEN ON EXISTING TABLES (HELD MS)"},
                           {"REWROTE"}});
  for (const auto& s : trace.statements) {
    // The locks that keep others out, on tables: ACCESS SHARE (what any read takes) and the
    // locks on indexes that come with their table's are in the JSON, not here.
    std::string locks;
    std::size_t shown = 0;
    std::size_t more = 0;
    for (const auto& lock : s.locks) {
      if (!lock.table || lock.mode == "AccessShareLock") {
        continue;
      }
      if (shown++ == 3) {
        ++more;
        --shown;
        continue;
      }
      locks += fmt::format("{}{} {} ({}{})", locks.empty() ? "" : ", ", mode_name(lock.mode), lock.relation,
                           ms_text(lock.held_ms), lock.documented ? ", documented" : "");
    }
    if (more > 0) {
      locks += fmt::format(" and {} more", more);
    }
    auto rewrote = joined(s.rewrote);
    if (!s.rebuilt_indexes.empty()) {
      rewrote += fmt::format("{}{} index{}", rewrote.empty() ? "" : " and ", s.rebuilt_indexes.size(),
                             s.rebuilt_indexes.size() == 1 ? "" : "es");
    }
    table.add_row({s.loc.file.filename().string() + ":" + std::to_string(s.loc.line) + (s.rollback ? " (rollback)" : ""),
                   s.sql, ms_text(s.ms) + (s.failed ? " (failed)" : ""), s.rows >= 0 ? std::to_string(s.rows) : "",
                   locks.empty() ? "-" : locks,
                   rewrote.empty() ? "-" : rewrote});
  }
  std::string out = table.render();
  report::TextTable blocked({{"MIGRATION"},
                             {"TABLE"},
                             {"READ BLOCKED MS", report::Align::right},
                             {"WRITE BLOCKED MS", report::Align::right}});
  bool any = false;
  for (const auto& m : trace.migrations) {
    for (const auto& t : m.blocked) {
      if (std::max(t.read_ms, t.write_ms) >= k_worth_a_look_ms) {
        blocked.add_row({(m.rollback ? "rollback of " : "") + core::version_text(m.version), t.table,
                         ms_text(t.read_ms), ms_text(t.write_ms)});
        any = true;
      }
    }
  }
  return out + (any ? "\nTraffic held up (a one-row read and write on each table, probed every few ms):\n" +
                          blocked.render()
                    : fmt::format("\nTraffic held up: no read or write on an existing table waited {} ms or more.\n", k_worth_a_look_ms));
}

std::string trace_markdown(const Trace& trace, std::string_view plan) {
  std::string out = fmt::format("### What each statement of \"{}\" did (migrator check --rehearse)\n\n"
                                "| at | statement | ms | rows | locks on existing tables (held ms) | rewrote |\n"
                                "| --- | --- | ---: | ---: | --- | --- |\n",
                                plan);
  // A cell may not hold a pipe or a line break.
  const auto cell = [](std::string text) {
    for (std::size_t at = text.find('|'); at != std::string::npos; at = text.find('|', at + 2)) {
      text.replace(at, 1, "\\|");
    }
    return text;
  };
  for (const auto& s : trace.statements) {
    std::string locks;
    for (const auto& lock : s.locks) {
      if (lock.table && lock.mode != "AccessShareLock") {
        locks += fmt::format("{}{} {} ({})", locks.empty() ? "" : ", ", mode_name(lock.mode), lock.relation,
                             ms_text(lock.held_ms));
      }
    }
    out += fmt::format("| {}:{}{} | `{}` | {} | {} | {} | {} |\n", s.loc.file.filename().string(), s.loc.line,
                       s.rollback ? " (rollback)" : "", cell(s.sql), ms_text(s.ms),
                       s.rows >= 0 ? std::to_string(s.rows) : "", cell(locks), cell(joined(s.rewrote)));
  }
  return out + "\n";
}

nlohmann::json trace_json(const Trace& trace) {
  auto statements = nlohmann::json::array();
  for (const auto& s : trace.statements) {
    auto locks = nlohmann::json::array();
    for (const auto& lock : s.locks) {
      locks.push_back({{"relation", lock.relation}, {"mode", mode_name(lock.mode)}, {"held_ms", lock.held_ms},
                       {"documented", lock.documented}});
    }
    statements.push_back({{"version", core::version_text(s.version)},
                          {"rollback", s.rollback},
                          {"step", s.step},
                          {"file", s.loc.file.string()},
                          {"line", s.loc.line},
                          {"sql", s.sql},
                          {"ms", s.ms},
                          {"failed", s.failed},
                          {"rows", s.rows >= 0 ? nlohmann::json(s.rows) : nlohmann::json()},
                          {"in_transaction", s.in_transaction},
                          {"lock_timeout", s.lock_timeout},
                          {"locks", locks},
                          {"rewrote", s.rewrote},
                          {"rebuilt_indexes", s.rebuilt_indexes}});
  }
  auto migrations = nlohmann::json::array();
  for (const auto& m : trace.migrations) {
    auto tables = nlohmann::json::array();
    for (const auto& t : m.blocked) {
      tables.push_back({{"table", t.table}, {"read_blocked_ms", t.read_ms}, {"write_blocked_ms", t.write_ms}});
    }
    migrations.push_back({{"version", core::version_text(m.version)}, {"rollback", m.rollback}, {"blocked", tables}});
  }
  return {{"statements", statements}, {"migrations", migrations}};
}

}  // namespace migrator::lint
