#include "runner/failure.hpp"

namespace migrator::runner {
namespace {

// The line of `text` holding 1-based character `position`, and its 0-based line index.
std::pair<std::string, int> line_at(const std::string& text, int position) {
  std::size_t offset = position > 0 ? static_cast<std::size_t>(position - 1) : 0;
  offset = std::min(offset, text.empty() ? 0 : text.size() - 1);
  int line_index = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    line_index += text[i] == '\n' ? 1 : 0;
  }
  const auto begin = text.rfind('\n', offset == 0 ? 0 : offset - (text[offset] == '\n' ? 1 : 0));
  const auto start = (begin == std::string::npos || offset == 0) ? 0 : begin + 1;
  const auto end = text.find('\n', start);
  auto line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
  const auto first = line.find_first_not_of(" \t");
  return {first == std::string::npos ? line : line.substr(first), line_index};
}

// The first line of the SQL (with "..." when there is more), for messages.
std::string sql_summary(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    return "";
  }
  const auto end = text.find('\n', first);
  auto line = text.substr(first, end == std::string::npos ? std::string::npos : end - first);
  const bool more = end != std::string::npos && text.find_first_not_of(" \t\r\n", end) != std::string::npos;
  return more ? line + " ..." : line;
}

// An error of kind E that starts with, and records, where in the plan it arose.
template <class E>
E at(const core::SourceLoc& loc, const std::string& rest, core::FailurePoint point) {
  E error(loc.str() + ": " + rest);
  error.set_location(loc);
  error.set_failure_point(std::move(point));
  return error;
}

// The migration, step and check, and what the database said when `error` is its.
core::FailurePoint failure_point(const plan::Migration& m, const plan::Step* step, std::string key,
                                 const plan::Check* check, const core::Error* error) {
  core::FailurePoint point{m.version, std::move(key), step != nullptr ? step->name : "",
                           check != nullptr ? check->name : "", "", ""};
  if (const auto* db_error = dynamic_cast<const db::SqlError*>(error)) {
    point.code = db_error->code();
    point.database_message = db_error->db_message();
  }
  return point;
}

}  // namespace

std::string step_key(const plan::Migration& m, const plan::Step& step) {
  return "steps[" + std::to_string(&step - m.steps.data()) + "]";
}

core::MigrationFailed step_failed(const plan::Migration& m, const plan::Step& step, const plan::Action& action,
                                  const core::Error& error, core::Dialect dialect) {
  core::SourceLoc loc = step.loc;
  std::string detail;
  const auto* sql = std::get_if<plan::Sql>(&action);
  const auto* text = sql != nullptr ? sql->for_dialect(dialect) : nullptr;
  const auto* db_error = dynamic_cast<const db::SqlError*>(&error);
  std::string message = error.what();
  if (text != nullptr) {
    if (db_error != nullptr && db_error->position() > 0) {
      const auto [line, index] = line_at(text->text, db_error->position());
      loc = text->loc;
      loc.line += index;
      detail += "\n  sql: " + line;
    } else {
      loc = text->loc;
      detail += "\n  sql: " + sql_summary(text->text);
    }
  }
  if (db_error != nullptr) {
    message = db_error->db_message();
    if (!db_error->code().empty()) {
      detail += "\n  code: " + db_error->code();
    }
  }
  return at<core::MigrationFailed>(
      {loc.file, loc.line, 0}, step_key(m, step) + ": step \"" + step.name + "\" failed: " + message + detail,
      failure_point(m, &step, step_key(m, step), nullptr, &error));
}

core::MigrationFailed rollback_failed(const core::MigrationFailed& step_failure) {
  std::string rest = step_failure.what();
  const auto& loc = step_failure.location();
  if (loc && rest.rfind(loc->str() + ": ", 0) == 0) {
    rest.erase(0, loc->str().size() + 2);
  }
  core::MigrationFailed error(loc ? loc->str() + ": rollback of " + rest : "rollback of " + rest);
  if (loc) {
    error.set_location(*loc);
  }
  if (const auto& point = step_failure.failure_point()) {
    error.set_failure_point(*point);
  }
  return error;
}

core::CheckFailed check_failed(const plan::Migration& m, const plan::Step& step, const std::string& key,
                               const plan::Check& check, const CheckOutcome& outcome, core::Dialect dialect) {
  const auto* text = check.sql.for_dialect(dialect);
  return at<core::CheckFailed>(check.loc,
                               key + ": check \"" + check.name + "\" failed: expected " + outcome.expected +
                                   ", got " + outcome.observed +
                                   (text != nullptr ? "\n  sql: " + sql_summary(text->text) : ""),
                               failure_point(m, &step, key, &check, nullptr));
}

core::CheckFailed check_query_failed(const plan::Migration& m, const plan::Step* step, const std::string& key,
                                     const plan::Check& check, const core::Error& error, core::Dialect dialect) {
  const auto* text = check.sql.for_dialect(dialect);
  const auto* db_error = dynamic_cast<const db::SqlError*>(&error);
  return at<core::CheckFailed>(check.loc,
                               key + ": check \"" + check.name + "\" could not run: " +
                                   (db_error != nullptr ? db_error->db_message() : error.what()) +
                                   (text != nullptr ? "\n  sql: " + sql_summary(text->text) : ""),
                               failure_point(m, step, key, &check, &error));
}

core::CheckFailed preserve_broken(const plan::Migration& m, std::size_t index, const plan::Check& check,
                                  const std::string& before, const std::string& after, core::Dialect dialect) {
  const auto* text = check.sql.for_dialect(dialect);
  const auto key = "preserve[" + std::to_string(index) + "]";
  return at<core::CheckFailed>(check.loc,
                               key + ": invariant \"" + check.name + "\" broken: before " + before + ", after " + after +
                                   (check.compare == plan::Compare::at_least ? " (compare: at_least: no number may fall)" : "") +
                                   (text != nullptr ? "\n  sql: " + sql_summary(text->text) : ""),
                               failure_point(m, nullptr, key, &check, nullptr));
}

std::string at_version_hint(const std::optional<core::Version>& version) {
  return version ? "the database is at version " + core::version_text(*version)
                 : "the database has no version of this plan applied";
}

}  // namespace migrator::runner
