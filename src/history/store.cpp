#include "history/store.hpp"

#include <pwd.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <ctime>

#include "db/catalog.hpp"
#include "history/cell.hpp"
#include "util/sql_quote.hpp"

namespace migrator::history {
namespace {

using util::sql_quote;

// applied_at is TEXT in ISO-8601 UTC on both databases, so that both read back the same.
constexpr std::string_view k_create_table = R"(CREATE TABLE IF NOT EXISTS migrator_history (
  plan        TEXT    NOT NULL,
  version     BIGINT  NOT NULL,
  name        TEXT    NOT NULL,
  checksum    TEXT    NOT NULL,
  status      TEXT    NOT NULL,
  steps_done  INTEGER NOT NULL,
  applied_at  TEXT    NOT NULL,
  duration_ms BIGINT  NOT NULL,
  applied_by  TEXT    NOT NULL,
  file        TEXT    NOT NULL,
  definition  TEXT    NOT NULL,
  origin      TEXT    NOT NULL DEFAULT 'run',
  PRIMARY KEY (plan, version)
))";

}  // namespace

std::string_view to_string(Status status) {
  switch (status) {
    case Status::applied:
      return "applied";
    case Status::applying:
      return "applying";
    case Status::rolling_back:
      return "rolling_back";
    case Status::rollback_failed:
      return "rollback_failed";
  }
  return "applied";
}

std::string_view to_string(Origin origin) {
  switch (origin) {
    case Origin::run:
      return "run";
    case Origin::baseline:
      return "baseline";
    case Origin::out_of_order:
      return "out_of_order";
  }
  return "run";
}

Origin origin_from_string(std::string_view text) {
  return text == "baseline" ? Origin::baseline : text == "out_of_order" ? Origin::out_of_order : Origin::run;
}

Status status_from_string(std::string_view text) {
  if (text == "applying") {
    return Status::applying;
  }
  if (text == "rolling_back") {
    return Status::rolling_back;
  }
  if (text == "rollback_failed") {
    return Status::rollback_failed;
  }
  return Status::applied;
}

constexpr std::string_view k_create_requires = R"(CREATE TABLE IF NOT EXISTS migrator_plan_requires (
  plan     TEXT NOT NULL,
  required TEXT NOT NULL,
  PRIMARY KEY (plan, required)
))";

constexpr std::string_view k_create_repeatables = R"(CREATE TABLE IF NOT EXISTS migrator_repeatables (
  plan          TEXT    NOT NULL,
  name          TEXT    NOT NULL,
  seq           INTEGER NOT NULL,
  checksum      TEXT    NOT NULL,
  after_version BIGINT  NOT NULL,
  applied_at    TEXT    NOT NULL,
  duration_ms   BIGINT  NOT NULL,
  applied_by    TEXT    NOT NULL,
  file          TEXT    NOT NULL,
  definition    TEXT    NOT NULL,
  PRIMARY KEY (plan, name, seq)
))";

// Made by the first repeatable migration: a database without any has no such table.
void Store::ensure_repeatables_table() { create(k_repeatables_table, std::string(k_create_repeatables)); }

bool Store::exists(std::string_view table) { return db::table_exists(m_db, table); }

bool Store::table_exists() {
  // Once seen it stays: migrator never drops its history, and every run asked three times.
  m_table_seen = m_table_seen || exists(k_table);
  return m_table_seen;
}

void Store::create(std::string_view table, const std::string& sql) {
  if (exists(table)) {
    return;
  }
  try {
    // A rowid table on SQLite too. WITHOUT ROWID keeps rows in the key's own b-tree, but a
    // history row (the definition: ~650 bytes) is too wide for one: six fit a page, and each
    // split rewrites three pages, where a rowid table appends. The sqlite3 shell, 3,000
    // commits with a real row: 0.22 s over bare SQL WITHOUT ROWID, 0.16 s with a rowid.
    // Histories made before keep the form they have: both read and write the same.
    m_db.exec(sql);
  } catch (const db::SqlError&) {
    // Two processes may race to create it on PostgreSQL (IF NOT EXISTS is not atomic there);
    // the loser's error is harmless when the table now exists.
    if (!exists(table)) {
      throw;
    }
  }
}

void Store::ensure_table() {
  if (!table_exists()) {
    create(k_table, std::string(k_create_table));
    m_table_seen = true;
  }
  create(k_requires_table, std::string(k_create_requires));
  widen_version_column();
  add_origin_column();
}

bool Store::has_origin_column() {
  if (!m_has_origin) {
    const auto sql = m_db.dialect() == core::Dialect::sqlite
                         ? std::string("SELECT 1 FROM pragma_table_info('migrator_history') WHERE name = 'origin'")
                         : std::string("SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = 'migrator_history'::regclass "
                                       "AND attname = 'origin' AND NOT attisdropped");
    m_has_origin = !m_db.query(sql).rows.empty();
  }
  return *m_has_origin;
}

// Histories made before baseline and --allow-out-of-order have no origin column: every row
// in them was run by migrator, which the default says.
void Store::add_origin_column() {
  if (has_origin_column()) {
    return;
  }
  try {
    m_db.exec("ALTER TABLE migrator_history ADD COLUMN origin TEXT NOT NULL DEFAULT 'run'");
  } catch (const db::SqlError&) {
    m_has_origin.reset();  // another process added it first: harmless when it is there now
    if (!has_origin_column()) {
      throw;
    }
  }
  m_has_origin = true;
}

// Histories made before versions were 64-bit hold them in a PostgreSQL integer (SQLite's
// INTEGER always was 64-bit): widened once, under the migration lock, before a timestamp
// version could be written.
void Store::widen_version_column() {
  if (m_db.dialect() != core::Dialect::postgres) {
    return;
  }
  const auto type = m_db.query(
      "SELECT format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a "
      "WHERE a.attrelid = 'migrator_history'::regclass AND a.attname = 'version'");
  if (!type.rows.empty() && type.rows[0][0].value_or("") == "integer") {
    m_db.exec("ALTER TABLE migrator_history ALTER COLUMN version TYPE bigint");
  }
}

void Store::record_requires(std::string_view plan, const std::vector<std::string>& required) {
  std::string sql = "DELETE FROM migrator_plan_requires WHERE plan = " + sql_quote(plan) + ";";
  for (const auto& name : required) {
    sql += "\nINSERT INTO migrator_plan_requires (plan, required) VALUES (" + sql_quote(plan) + ", " +
           sql_quote(name) + ");";
  }
  m_db.exec(sql);
}

std::vector<std::pair<std::string, std::string>> Store::requirements() {
  std::vector<std::pair<std::string, std::string>> out;
  if (!exists(k_requires_table)) {
    return out;
  }
  for (const auto& row : m_db.query("SELECT plan, required FROM migrator_plan_requires ORDER BY plan, required").rows) {
    out.emplace_back(row[0].value_or(""), row[1].value_or(""));
  }
  return out;
}

std::vector<Entry> Store::entries(std::string_view plan, Definitions definitions) {
  return entries_where(plan, "", definitions == Definitions::all ? "definition" : "NULL");
}

std::vector<Entry> Store::entries_to_roll_back(std::string_view plan, core::Version version) {
  return entries_where(plan, "", "CASE WHEN version > " + std::to_string(version) + " THEN definition END");
}

std::vector<Entry> Store::unfinished_entries(std::string_view plan) {
  return entries_where(plan, " AND status <> 'applied'", "definition");
}

std::vector<Entry> Store::entries_where(std::string_view plan, std::string_view condition,
                                        std::string_view definition) {
  std::vector<Entry> out;
  if (!table_exists()) {
    return out;
  }
  auto result = m_db.query(
      "SELECT plan, version, name, checksum, status, steps_done, applied_at, duration_ms, "
      "applied_by, file, " + std::string(definition) + std::string(has_origin_column() ? ", origin" : "") +
      " FROM migrator_history WHERE plan = " +
      sql_quote(plan) + std::string(condition) + " ORDER BY version");
  out.reserve(result.rows.size());
  // The cells are moved, not copied: a long history is read on every run.
  const auto take = [](std::optional<std::string>& cell) { return cell ? std::move(*cell) : std::string(); };
  for (auto& row : result.rows) {
    Entry e;
    e.plan = take(row[0]);
    e.version = to_int(row[1]);
    e.name = take(row[2]);
    e.checksum = take(row[3]);
    e.status = status_from_string(row[4].value_or(""));
    e.steps_done = static_cast<int>(to_int(row[5]));
    e.applied_at = take(row[6]);
    e.duration_ms = to_int(row[7]);
    e.applied_by = take(row[8]);
    e.file = take(row[9]);
    if (row[10]) {
      e.set_definition_json(std::move(*row[10]));
    }
    e.origin = row.size() > 11 ? origin_from_string(row[11].value_or("run")) : Origin::run;
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<std::string> Store::plans() {
  std::vector<std::string> out;
  if (!table_exists()) {
    return out;
  }
  for (const auto& row : m_db.query("SELECT DISTINCT plan FROM migrator_history ORDER BY plan").rows) {
    out.push_back(row[0].value_or(""));
  }
  return out;
}

void Store::insert(const Entry& e) { m_db.exec(insert_sql(e)); }

// The statements every migration runs, planned once per session where the database can.
constexpr std::string_view k_insert = "migrator_history_insert";
constexpr std::string_view k_insert_types = "text, bigint, text, text, text, integer, text, bigint, text, text, text, text";
constexpr std::string_view k_insert_sql =
    "INSERT INTO migrator_history (plan, version, name, checksum, status, steps_done, applied_at, duration_ms, "
    "applied_by, file, definition, origin) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
constexpr std::string_view k_remove = "migrator_history_remove";
constexpr std::string_view k_remove_sql = "DELETE FROM migrator_history WHERE plan = $1 AND version = $2";

std::string Store::insert_sql(const Entry& e, bool add_message_time) const {
  auto duration = std::to_string(e.duration_ms);
  if (add_message_time && m_db.dialect() == core::Dialect::postgres) {
    duration = "(" + duration + " + (1000 * extract(epoch FROM clock_timestamp() - statement_timestamp()))::bigint)";
  }
  const auto values = "(" + sql_quote(e.plan) + ", " + std::to_string(e.version) + ", " + sql_quote(e.name) + ", " +
                      sql_quote(e.checksum) + ", " + sql_quote(to_string(e.status)) + ", " +
                      std::to_string(e.steps_done) + ", " + sql_quote(e.applied_at) + ", " + duration + ", " +
                      sql_quote(e.applied_by) + ", " + sql_quote(e.file) +
                      ", " + sql_quote(e.definition_json()) + ", " + sql_quote(to_string(e.origin)) + ")";
  if (m_db.prepare(k_insert, k_insert_types, k_insert_sql)) {
    return "EXECUTE " + std::string(k_insert) + values;
  }
  return "INSERT INTO migrator_history (plan, version, name, checksum, status, steps_done, "
         "applied_at, duration_ms, applied_by, file, definition, origin) VALUES " + values;
}

void Store::set_progress(std::string_view plan, core::Version version, Status status, int steps_done) {
  m_db.exec("UPDATE migrator_history SET status = " + sql_quote(to_string(status)) +
            ", steps_done = " + std::to_string(steps_done) + " WHERE plan = " + sql_quote(plan) +
            " AND version = " + std::to_string(version));
}

void Store::set_applied(std::string_view plan, core::Version version, std::int64_t duration_ms) {
  m_db.exec("UPDATE migrator_history SET status = 'applied', duration_ms = " +
            std::to_string(duration_ms) + " WHERE plan = " + sql_quote(plan) +
            " AND version = " + std::to_string(version));
}

void Store::record_definition(const Entry& e) {
  m_db.exec("UPDATE migrator_history SET name = " + sql_quote(e.name) + ", checksum = " + sql_quote(e.checksum) +
            ", file = " + sql_quote(e.file) + ", definition = " +
            sql_quote(e.definition_json()) + " WHERE plan = " + sql_quote(e.plan) +
            " AND version = " + std::to_string(e.version));
}

void Store::rekey(std::string_view plan, const std::vector<std::pair<core::Version, core::Version>>& changes) {
  std::string sql;
  const bool repeatables = exists(k_repeatables_table);  // the version each one ran after, too
  for (const auto& [from, to] : changes) {
    sql += "UPDATE migrator_history SET version = " + std::to_string(to) + " WHERE plan = " + sql_quote(plan) +
           " AND version = " + std::to_string(from) + ";\n";
    if (repeatables) {
      sql += "UPDATE migrator_repeatables SET after_version = " + std::to_string(to) +
             " WHERE plan = " + sql_quote(plan) + " AND after_version = " + std::to_string(from) + ";\n";
    }
  }
  auto tx = m_db.begin();
  m_db.exec(sql);
  tx->commit();
}

void Store::remove(std::string_view plan, core::Version version) { m_db.exec(remove_sql(plan, version)); }

std::string Store::remove_sql(std::string_view plan, core::Version version) const {
  if (m_db.prepare(k_remove, "text, bigint", k_remove_sql)) {
    return "EXECUTE " + std::string(k_remove) + "(" + sql_quote(plan) + ", " + std::to_string(version) + ")";
  }
  return "DELETE FROM migrator_history WHERE plan = " + sql_quote(plan) + " AND version = " + std::to_string(version);
}

namespace {

std::string look_up_current_user() {
  std::string user;
  if (const passwd* pw = getpwuid(geteuid()); pw != nullptr) {
    user = pw->pw_name;
  } else if (const char* env = std::getenv("USER"); env != nullptr) {
    user = env;
  } else {
    user = "uid" + std::to_string(geteuid());
  }
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) == 0) {
    user += "@";
    user += host.data();
  }
  return user;
}

}  // namespace

// Looked up once: getpwuid reads /etc/passwd on every call, once per migration otherwise.
std::string current_user() {
  static const std::string user = look_up_current_user();
  return user;
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text.data();
}

}  // namespace migrator::history
