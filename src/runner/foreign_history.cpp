#include "runner/foreign_history.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "db/catalog.hpp"
#include "plan/sql_formats.hpp"
#include "runner/dotted_keys.hpp"
#include "util/sql_quote.hpp"

namespace migrator::runner {
namespace {

// A version as its tool records it, and as its file writes it, brought to one spelling:
// golang-migrate keeps a number (000001 is 1), Flyway a dotted text (V2_31_10__ is 2.31.10,
// and 1.0 is 1); dbmate and diesel keep the digits as written.
std::string comparable(plan::PlanFormat format, std::string text) {
  switch (format) {
    case plan::PlanFormat::golang_migrate: {
      const auto digit = text.find_first_not_of('0');
      return digit == std::string::npos ? "0" : text.substr(digit);
    }
    case plan::PlanFormat::flyway: {
      auto parts = core::version_parts(text);
      if (!parts) {
        return text;
      }
      while (parts->size() > 1 && parts->back() == 0) {
        parts->pop_back();
      }
      std::string out;
      for (const auto part : *parts) {
        out += (out.empty() ? "" : ".") + std::to_string(part);
      }
      return out;
    }
    default:
      return text;
  }
}

// The version written in a migration's file or folder name.
std::string written_version(plan::PlanFormat format, const plan::Migration& m) {
  if (format == plan::PlanFormat::diesel) {
    return plan::diesel_stamp(m.file).value_or("");  // what diesel records, dashes dropped
  }
  const auto name = m.file.filename().string();
  if (format == plan::PlanFormat::flyway) {  // V2_31_10__name.sql
    const auto end = name.find("__");
    return end == std::string::npos ? "" : name.substr(1, end - 1);
  }
  return name.substr(0, name.find('_'));
}

bool truthy(const db::Cell& cell) {
  return cell && (*cell == "t" || *cell == "true" || *cell == "1" || *cell == "TRUE");
}

class Reader {
 public:
  Reader(db::Connection& db, const plan::Plan& plan, std::string table)
      : m_db(db), m_plan(plan), m_table(std::move(table)) {
    for (const auto& m : plan.migrations) {
      m_by_written[comparable(plan.format, written_version(plan.format, m))] = &m;
    }
  }

  ForeignHistory read() {
    ForeignHistory out{std::string(plan::to_string(m_plan.format)), m_table, {}, {}, ""};
    std::set<core::Version> applied;
    switch (m_plan.format) {
      case plan::PlanFormat::golang_migrate:
        read_golang_migrate(out, applied);
        break;
      case plan::PlanFormat::flyway:
        read_flyway(out, applied);
        break;
      default:  // dbmate, diesel: a row per version applied
        for (const auto& row : query("SELECT version FROM " + util::sql_qualified_identifier(m_table)).rows) {
          note(row.at(0).value_or(""), out, applied);
        }
    }
    out.applied.assign(applied.begin(), applied.end());
    return out;
  }

 private:
  db::ResultSet query(const std::string& sql) {
    try {
      return m_db.query(sql);
    } catch (const db::SqlError& e) {
      throw core::UsageError(m_table + " is not " + std::string(plan::to_string(m_plan.format)) +
                                 "'s history table as migrator knows it: " + e.db_message(),
                             "name the table that tool keeps with --history-table");
    }
  }

  // A version the tool recorded: the plan's, or one it does not have.
  void note(const std::string& recorded, ForeignHistory& out, std::set<core::Version>& applied) {
    const auto it = m_by_written.find(comparable(m_plan.format, recorded));
    if (it == m_by_written.end()) {
      out.unknown.push_back(recorded);
    } else {
      applied.insert(it->second->version);
    }
  }

  // One row: the version it is at (every one up to it was applied) and whether it stopped
  // half way there.
  void read_golang_migrate(ForeignHistory& out, std::set<core::Version>& applied) {
    const auto rows = query("SELECT version, dirty FROM " + util::sql_qualified_identifier(m_table)).rows;
    if (rows.empty() || !rows.front().at(0)) {
      return;
    }
    const auto at = comparable(m_plan.format, *rows.front().at(0));
    if (truthy(rows.front().at(1))) {
      out.unfinished = "golang-migrate marks version " + at + " dirty: it stopped half way";
    }
    const auto newest = m_by_written.find(at);
    if (newest == m_by_written.end()) {
      out.unknown.push_back(at);
      return;
    }
    for (const auto& m : m_plan.migrations) {
      if (m.version <= newest->second->version) {
        applied.insert(m.version);
      }
    }
  }

  // Rows in the order they were installed: versions run, a baseline (every version up to it
  // counts), undos, and failures (a row with success false).
  void read_flyway(ForeignHistory& out, std::set<core::Version>& applied) {
    const auto rows =
        query("SELECT version, type, success FROM " + util::sql_qualified_identifier(m_table) + " ORDER BY installed_rank").rows;
    for (const auto& row : rows) {
      if (!row.at(0)) {
        continue;  // a repeatable migration, or the schema Flyway made
      }
      const auto& version = *row.at(0);
      const auto type = row.at(1).value_or("");
      if (!truthy(row.at(2))) {
        out.unfinished = "Flyway recorded version " + version + " as failed";
        continue;
      }
      if (type.find("BASELINE") != std::string::npos) {
        baseline_to(version, out, applied);
      } else if (type.find("UNDO") != std::string::npos) {
        if (const auto it = m_by_written.find(comparable(m_plan.format, version)); it != m_by_written.end()) {
          applied.erase(it->second->version);
        }
      } else if (type != "DELETE") {
        note(version, out, applied);
      }
    }
  }

  // Flyway's baseline: the versions up to it are there, whether or not the plan has it.
  void baseline_to(const std::string& version, ForeignHistory& out, std::set<core::Version>& applied) {
    const auto parts = core::version_parts(version);
    std::optional<core::Version> key;
    if (parts && keys_dotted(m_plan)) {
      key = core::dotted_version(*parts);
    } else if (parts && parts->size() == 1) {
      key = static_cast<core::Version>(parts->front());
    }
    if (!key) {
      out.unknown.push_back(version);
      return;
    }
    for (const auto& m : m_plan.migrations) {
      if (m.version <= *key) {
        applied.insert(m.version);
      }
    }
  }

  db::Connection& m_db;
  const plan::Plan& m_plan;
  std::string m_table;
  std::map<std::string, const plan::Migration*> m_by_written;
};

}  // namespace

std::string foreign_history_table(const plan::Plan& plan) {
  switch (plan.format) {
    case plan::PlanFormat::dbmate:
    case plan::PlanFormat::golang_migrate:
      return "schema_migrations";
    case plan::PlanFormat::flyway:
      return "flyway_schema_history";
    case plan::PlanFormat::diesel:
      return "__diesel_schema_migrations";
    default:
      return "";
  }
}

std::optional<ForeignHistory> read_foreign_history(db::Connection& db, const plan::Plan& plan,
                                                   const std::string& table) {
  const auto name = table.empty() ? foreign_history_table(plan) : table;
  if (name.empty() || !db::table_exists(db, name)) {
    return std::nullopt;
  }
  auto history = Reader(db, plan, name).read();
  if (history.applied.empty() && history.unknown.empty() && history.unfinished.empty()) {
    return std::nullopt;
  }
  return history;
}

void refuse_foreign_history(db::Connection& db, const plan::Plan& plan) {
  std::optional<ForeignHistory> history;
  try {
    history = read_foreign_history(db, plan);
  } catch (const core::UsageError&) {
    return;  // a table of that name and another shape (Rails' schema_migrations): not the tool's
  }
  if (!history || history->applied.empty()) {
    return;
  }
  const auto count = history->applied.size();
  throw core::UsageError(
      "plan \"" + plan.name + "\" has never run here, but " + history->tool + "'s " + history->table + " records " +
          std::to_string(count) + " of its versions (up to " +
          core::version_text(history->applied.back()) + "): apply would run them again; nothing was run",
      "adopt the database: `migrator baseline " + plan.dir.string() + "` records what " + history->tool +
          " recorded, running nothing; then `migrator apply` goes on from there");
}

}  // namespace migrator::runner
