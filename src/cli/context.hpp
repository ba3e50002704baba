#pragma once
// What every command needs: the global flags, migrator.yaml, the database URL and plan
// directory resolved in SPEC's order, and where output goes.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/config.hpp"
#include "core/error.hpp"
#include "db/connection.hpp"
#include "plan/model.hpp"
#include "report/text_observer.hpp"

namespace migrator::cli {

struct GlobalOptions {
  std::vector<std::string> dbs;   // --db, once, or more than once for several databases
  std::string format = "text";    // --format text|json (check adds github and sarif)
  bool quiet = false;
  bool verbose = false;
  std::string lock_timeout;       // --lock-timeout, e.g. 30s
};

// --targets, --parallel, --canary, --on-error (apply, rollback, verify, status).
struct FleetOptions {
  std::string targets_file;
  int parallel = 1;
  int canary = 0;
  std::string on_error = "stop";
};

class Context {
 public:
  GlobalOptions global;
  FleetOptions fleet;
  // What `migrator` exits with when no error was thrown: a command that prints its own
  // report of failures (check) sets it instead of throwing.
  int exit_code = core::exit_ok;

  const ProjectConfig& config();
  // --db, then DATABASE_URL, then database: in ./migrator.yaml, then sqlite:migrator.db.
  std::string database_url();
  // The URL parsed (no connection yet: a plan is checked before the database is touched).
  db::Url url();
  // Points the following commands at another database (migrator demo's scratch database).
  void use_url(db::Url url) { m_url_override = std::move(url); }
  void clear_url() { m_url_override.reset(); }
  std::unique_ptr<db::Connection> connect(const db::Url& url);
  // For commands that change nothing when nothing was applied (status, verify, rollback,
  // stats): a SQLite file that does not exist reads as an empty database, and stays absent -
  // `migrator status` in a fresh checkout must not leave a migrator.db behind.
  std::unique_ptr<db::Connection> connect_existing(const db::Url& url);
  std::chrono::milliseconds lock_wait();

  // The PLAN argument, else plan: in ./migrator.yaml, else ./migrations.
  std::filesystem::path plan_dir(const std::string& argument);
  // Loads the plan for the dialect of `db` (checking every SQL field has that dialect), or for
  // none (import), and prints its warnings.
  plan::Plan load_plan(const std::filesystem::path& dir, std::optional<core::Dialect> dialect);
  // load_plan, then connect, with the same errors in the same order (the plan's first); but
  // a SQLite file that exists already is opened while the plan is read on a thread of its own.
  struct PlanAndConnection {
    plan::Plan plan;
    std::unique_ptr<db::Connection> db;
  };
  PlanAndConnection load_plan_and_connect(const std::filesystem::path& dir, const db::Url& url);

  void print_warnings(const plan::Plan& plan) const;

  bool json() const { return global.format == "json"; }
  report::TextOptions text_options() const;
  // Prints a --format json document on stdout, with "format_version" (docs/json.md): the
  // number that changes when a field a script may rely on changes or goes.
  void print_json(nlohmann::json document) const;
  // Whether a command printed its document already (one that holds its error too), so that
  // the error is not printed again as a second document.
  bool json_printed() const { return m_json_printed; }
  // A line for a person on stdout, unless --quiet or --format json.
  void say(const std::string& line) const;

 private:
  std::optional<ProjectConfig> m_config;
  std::optional<db::Url> m_url_override;
  mutable bool m_json_printed = false;
};

}  // namespace migrator::cli
