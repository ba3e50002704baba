#include "cli/context.hpp"

#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <future>

#include "cli/diagnostic_output.hpp"
#include "core/error.hpp"
#include "plan/duration.hpp"
#include "plan/loader.hpp"
#include "report/json_report.hpp"
#include "util/json_text.hpp"
#include "util/terminal.hpp"

namespace migrator::cli {

const ProjectConfig& Context::config() {
  if (!m_config) {
    m_config = load_config("migrator.yaml");
  }
  return *m_config;
}

std::string Context::database_url() {
  if (global.dbs.size() > 1) {
    throw core::UsageError("--db is given " + std::to_string(global.dbs.size()) + " times",
                           "apply, rollback, verify and status run on several databases; other commands take one");
  }
  if (!global.dbs.empty()) {
    return global.dbs.front();
  }
  if (const char* env = std::getenv("DATABASE_URL"); env != nullptr && *env != '\0') {
    return env;
  }
  if (config().database) {
    return *config().database;
  }
  return "sqlite:migrator.db";
}

db::Url Context::url() { return m_url_override ? *m_url_override : db::parse_url(database_url()); }

std::unique_ptr<db::Connection> Context::connect(const db::Url& url) {
  auto db = db::open(url);
  // A read that meets a writer (a migration holding SQLite's EXCLUSIVE lock) waits as long
  // as --lock-timeout says, and tells a person why it is quiet.
  db->set_busy_wait(lock_wait(), [quiet = global.quiet](const std::string& holder) {
    if (!quiet) {
      std::fprintf(stderr, "migrator: waiting for the database, which %s is writing\n", holder.c_str());
    }
  });
  return db;
}

std::unique_ptr<db::Connection> Context::connect_existing(const db::Url& url) {
  // A file not made yet reads as an empty database; a path that cannot be one (its directory
  // missing, a directory, a device) is opened anyway, so that the backend says what is wrong.
  std::error_code ignored;
  const auto parent = std::filesystem::path(url.sqlite_path).parent_path();
  if (url.dialect == core::Dialect::sqlite && url.sqlite_path != ":memory:" &&
      std::filesystem::symlink_status(url.sqlite_path, ignored).type() == std::filesystem::file_type::not_found &&
      (parent.empty() || std::filesystem::is_directory(parent, ignored))) {
    db::Url empty = url;  // still described as the file the user named
    empty.sqlite_path = ":memory:";
    return db::open(empty);
  }
  return connect(url);
}

std::chrono::milliseconds Context::lock_wait() {
  if (!global.lock_timeout.empty()) {
    const auto value = plan::parse_duration(global.lock_timeout);
    if (!value) {
      throw core::UsageError("--lock-timeout \"" + global.lock_timeout + "\" is not a duration",
                             plan::k_duration_hint);
    }
    return *value;
  }
  return config().lock_timeout.value_or(std::chrono::seconds(60));
}

std::filesystem::path Context::plan_dir(const std::string& argument) {
  if (!argument.empty()) {
    return argument;
  }
  if (config().plan) {
    return *config().plan;
  }
  return "migrations";
}

plan::Plan Context::load_plan(const std::filesystem::path& dir, std::optional<core::Dialect> dialect) {
  auto plan = plan::load(dir, {dialect});
  print_warnings(plan);
  return plan;
}

void Context::print_warnings(const plan::Plan& plan) const {
  for (const auto& warning : plan.warnings) {
    print_diagnostic(warning, DiagnosticLevel::warning);  // stderr: JSON on stdout stays whole
  }
}

// Opening an existing SQLite file changes nothing, so it need not wait for the plan: the two
// overlap (a 10,000-table schema takes as long to read as a 10,000-file plan), and the plan's
// many small allocations, made on the other thread, stay out of the heap where SQLite keeps
// that schema, which it walks on every CREATE TABLE: apply of the last 2,000 of 10,000
// migrations took 7% less (2.46 s -> 2.29 s at synchronous=normal, median of five). A file still to be made (or a server) waits: a plan with errors
// leaves nothing behind, and its errors come first either way.
Context::PlanAndConnection Context::load_plan_and_connect(const std::filesystem::path& dir, const db::Url& url) {
  std::error_code ignored;
  const bool opens_quietly = url.dialect == core::Dialect::sqlite && url.sqlite_path != ":memory:" &&
                             std::filesystem::is_regular_file(url.sqlite_path, ignored);
  if (!opens_quietly) {
    auto plan = load_plan(dir, url.dialect);
    return {std::move(plan), connect(url)};
  }
  auto reading = std::async(std::launch::async, [&dir, dialect = url.dialect] { return plan::load(dir, {dialect}); });
  std::unique_ptr<db::Connection> db;
  std::exception_ptr not_opened;
  try {
    db = connect(url);
  } catch (...) {
    not_opened = std::current_exception();
  }
  auto plan = reading.get();  // rethrows the plan's error, which goes before the database's
  print_warnings(plan);
  if (not_opened) {
    std::rethrow_exception(not_opened);
  }
  return {std::move(plan), std::move(db)};
}

report::TextOptions Context::text_options() const {
  report::TextOptions options;
  options.colour = util::colour_enabled(STDOUT_FILENO);
  options.verbose = global.verbose;
  options.quiet = global.quiet;
  options.progress = !global.quiet;
  options.silent = json();
  return options;
}

void Context::print_json(nlohmann::json document) const {
  document["format_version"] = report::k_json_format_version;
  if (!document.contains("ok")) {
    document["ok"] = true;  // a document without its own verdict reports a success
  }
  m_json_printed = true;
  std::fprintf(stdout, "%s\n", util::json_text(document).c_str());
  std::fflush(stdout);
}

void Context::say(const std::string& line) const {
  if (!global.quiet && !json()) {
    std::fprintf(stdout, "%s\n", line.c_str());
    std::fflush(stdout);
  }
}

}  // namespace migrator::cli
