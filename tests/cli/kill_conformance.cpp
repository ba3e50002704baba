#include "cli/kill_conformance.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

#include "support/background.hpp"
#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/db.hpp"
#include "support/temp_dir.hpp"

namespace migrator::test {
namespace {

const std::string k_plan = std::string(MIGRATOR_SOURCE_DIR) + "/tests/data/plans/kill_trials";

struct Outcome {
  int incomplete = 0;  // kills that left a transaction: false migration half done
  int finished = 0;    // kills that came after the run had already finished
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// When a kill lands: `delay` seconds after the start, or as soon as the run prints `text`.
struct KillPoint {
  double delay = 0;
  std::string text;
};

// Kills `migrator <args>` at `when`; notes what the history says it left.
void kill_at(const std::string& args, const KillPoint& when, db::Connection& db, Outcome& outcome) {
  BackgroundRun run(args, MIGRATOR_SOURCE_DIR);
  if (when.text.empty()) {
    std::this_thread::sleep_for(std::chrono::duration<double>(when.delay));
  } else {
    REQUIRE(run.wait_for_output(when.text, 60));
  }
  run.signal("KILL");
  const int code = run.wait(30);
  REQUIRE(code >= 0);
  outcome.finished += code == 0 ? 1 : 0;
  const auto unfinished = scalar(db, "SELECT count(*) FROM migrator_history WHERE status <> 'applied'");
  outcome.incomplete += unfinished != "0" ? 1 : 0;
}

void require_applied(db::Connection& db, const std::string& db_option) {
  CHECK(scalar(db, "SELECT count(*) FROM migrator_history") == "3");
  CHECK(scalar(db, "SELECT count(*) FROM migrator_history WHERE status = 'applied' AND version IN (1, 2, 3)") == "3");
  CHECK(scalar(db, "SELECT count(*) FROM items WHERE doubled IS NULL OR doubled <> qty * 2") == "0");
  CHECK(scalar(db, "SELECT sum(n) FROM summary") == "50000");
  const auto verify = migrator_cli("verify kill_trials -q" + db_option);
  CHECK(verify.exit_code == 0);
}

void require_rolled_back(db::Connection& db) {
  CHECK(scalar(db, "SELECT count(*) FROM migrator_history") == "0");
  const auto tables = db.dialect() == core::Dialect::postgres
                          ? "SELECT count(*) FROM pg_class WHERE relname IN ('items', 'summary', 'items_doubled')"
                          : "SELECT count(*) FROM sqlite_schema WHERE name IN ('items', 'summary', 'items_doubled')";
  CHECK(scalar(db, tables) == "0");
}

}  // namespace

void kill_conformance(const std::string& url, int trials) {
  if (const char* env = std::getenv("MIGRATOR_KILL_TRIALS"); env != nullptr && *env != '\0') {
    trials = std::atoi(env);
  }
  auto db = connect(url);
  const auto db_option = " --db " + shell_quote(url) + " --lock-timeout 60s";
  // Not quiet: the aimed kills wait for a step's line.
  const auto apply = "apply " + shell_quote(k_plan) + db_option;
  const auto rollback = "rollback " + shell_quote(k_plan) + " --to 0" + db_option;

  // How long each takes here, uninterrupted: the random kills land anywhere in that span.
  auto started = std::chrono::steady_clock::now();
  REQUIRE(migrator_cli(apply).exit_code == 0);
  const double apply_seconds = seconds_since(started);
  started = std::chrono::steady_clock::now();
  REQUIRE(migrator_cli(rollback).exit_code == 0);
  const double rollback_seconds = seconds_since(started);

  // Even trials kill at a random moment; odd ones aim inside the transaction: false migration,
  // right after its first step is done (applying) or undone (rolling back), where a kill
  // must leave it recorded as incomplete for the next run to finish.
  std::mt19937 random(20261129);
  Outcome random_kills;
  Outcome aimed_kills;
  for (int trial = 0; trial < trials; ++trial) {
    INFO("trial " << trial);
    const bool aimed = trial % 2 == 1;
    auto& outcome = aimed ? aimed_kills : random_kills;
    const auto point = [&](double seconds, const char* text) {
      return aimed ? KillPoint{0, text} : KillPoint{std::uniform_real_distribution<double>(0, seconds * 1.1)(random), ""};
    };
    kill_at(apply, point(apply_seconds, "✓ add doubled"), *db, outcome);
    const auto finish_apply = migrator_cli(apply);
    INFO(finish_apply.err);
    REQUIRE(finish_apply.exit_code == 0);
    require_applied(*db, db_option);

    kill_at(rollback, point(rollback_seconds, "↶ index doubled"), *db, outcome);
    const auto finish_rollback = migrator_cli(rollback);
    INFO(finish_rollback.err);
    REQUIRE(finish_rollback.exit_code == 0);
    require_rolled_back(*db);
  }
  WARN("kill trials on " << db->describe() << ": " << trials << " applies and " << trials
                         << " rollbacks killed; at random moments " << random_kills.incomplete
                         << " left a migration half done and " << random_kills.finished
                         << " came after the end; aimed inside migration 2, " << aimed_kills.incomplete << " of "
                         << 2 * (trials / 2) << " left it half done");
  // The aimed kills must land inside the work: the polling is faster than the rest of the
  // migration (tens of milliseconds), yet a slow moment may let one finish first.
  CHECK(aimed_kills.incomplete * 2 > 2 * (trials / 2));
}

}  // namespace migrator::test
