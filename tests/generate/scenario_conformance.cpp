#include "generate/scenario_conformance.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

#include "core/error.hpp"
#include "generate/config.hpp"
#include "generate/generator.hpp"
#include "generate/loader.hpp"
#include "generate/sinks.hpp"
#include "generate/statistics.hpp"
#include "history/store.hpp"
#include "plan/loader.hpp"
#include "runner/runner.hpp"
#include "support/plan_files.hpp"

namespace migrator::test {
namespace {

constexpr double k_scale = 0.02;  // 2,000 receipts, 1,000 inventory items
constexpr const char* k_plan = "construction_receipts";

struct Recorder : runner::Observer {
  std::vector<std::string> messages;
  void on_output(std::string_view line) override { messages.emplace_back(line); }
};

plan::Plan load_plan(const db::Connection& db) {
  return plan::load(scenario_dir(k_plan), {db.dialect()});
}

// The generate step's arguments as the plan file gives them.
generate::Config plan_config(const plan::Plan& p, double scale) {
  const auto step = generate::find_generate_step(p, scale);
  REQUIRE(step);
  CHECK(step->version == 5);
  return step->config;
}

std::uint64_t count(db::Connection& db, std::string_view table) {
  return std::stoull(
      db.query("SELECT count(*) FROM " + std::string(table)).rows.at(0).at(0).value_or("0"));
}

std::vector<int> versions(db::Connection& db) {
  std::vector<int> out;
  for (const auto& e : history::Store(db).entries(k_plan, history::Store::Definitions::none)) {
    out.push_back(e.version);
  }
  return out;
}

void require_all_empty(db::Connection& db) {
  for (const auto& spec : generate::tables()) {
    INFO(spec.name);
    CHECK(count(db, spec.name) == 0);
  }
}

void apply_to(runner::Runner& runner, const plan::Plan& p, std::optional<int> to, double scale) {
  runner::ApplyOptions options;
  options.to = to;
  options.scale = scale;
  runner.apply(p, options);
}

// A row of receipt_items the database refuses, about half way through the table.
void inject_failure(db::Connection& db) {
  if (db.dialect() == core::Dialect::sqlite) {
    db.exec("CREATE TRIGGER injected_failure BEFORE INSERT ON receipt_items WHEN NEW.id = 2500 "
            "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");
  } else {
    db.exec("ALTER TABLE receipt_items ADD CONSTRAINT injected_failure CHECK (id <> 2500)");
  }
}

void remove_failure(db::Connection& db) {
  db.exec(db.dialect() == core::Dialect::sqlite
              ? "DROP TRIGGER injected_failure"
              : "ALTER TABLE receipt_items DROP CONSTRAINT injected_failure");
}

}  // namespace

void apply_construction_scenario(db::Connection& db, double scale) {
  runner::Observer silent;
  runner::Runner runner(db, silent);
  apply_to(runner, load_plan(db), std::nullopt, scale);
}

void construction_scenario_conformance(const std::string& url) {
  auto db = db::open(db::parse_url(url));
  Recorder recorder;
  runner::Runner runner(*db, recorder);
  const auto p = load_plan(*db);
  const auto config = plan_config(p, k_scale);

  SECTION("apply loads exact counts, prints the statistics, verifies and rolls back") {
    apply_to(runner, p, std::nullopt, k_scale);
    CHECK(versions(*db) == std::vector<int>{1, 2, 3, 4, 5, 6, 7});
    generate::Generator generator(config);
    ChecksumSink sink;
    for (const auto& spec : generate::tables()) {
      INFO(spec.name);
      CHECK(count(*db, spec.name) == generator.write(spec.table, sink));
    }
    CHECK(count(*db, "receipts") == 2000);
    CHECK(count(*db, "inventory") == 1000);
    CHECK(count(*db, "market_valuations") == 300);
    CHECK(count(*db, "asset_movements") == 200);
    CHECK(count(*db, "dim_date") == 3653);

    const auto stats = generate::collect_statistics(*db);
    CHECK(stats.total_spent == generator.totals().total_spent);
    CHECK(stats.inventory_value == generator.totals().inventory_value);
    CHECK(stats.inflation_gains == generator.totals().inflation_gains);
    const auto text = generate::render_text(stats);
    for (const auto& line : text) {
      CHECK(std::find(recorder.messages.begin(), recorder.messages.end(), line) !=
            recorder.messages.end());
    }
    CHECK(std::find(text.begin(), text.end(), "receipts                      2,000 records") !=
          text.end());

    CHECK(runner.verify(k_plan, &p).ok());
    runner::RollbackOptions to_zero;
    runner.rollback(k_plan, to_zero);
    CHECK(versions(*db).empty());
    CHECK(db->schema_fingerprint().empty());
  }

  SECTION("a row refused half way through the load leaves no rows; the next apply loads") {
    apply_to(runner, p, 4, k_scale);
    inject_failure(*db);
    try {
      apply_to(runner, p, std::nullopt, k_scale);
      FAIL("apply should have failed");
    } catch (const core::MigrationFailed& e) {
      CHECK(std::string(e.what()).find("injected") != std::string::npos);
      CHECK(e.hint() == "migration 5 was rolled back; the database is at version 4");
    }
    CHECK(versions(*db) == std::vector<int>{1, 2, 3, 4});
    require_all_empty(*db);

    remove_failure(*db);
    apply_to(runner, p, std::nullopt, k_scale);
    CHECK(versions(*db) == std::vector<int>{1, 2, 3, 4, 5, 6, 7});
    CHECK(count(*db, "receipts") == 2000);
  }

  SECTION("a load cancelled in the middle of a table (Ctrl-C) leaves no rows") {
    apply_to(runner, p, 4, k_scale);
    auto bigger = config;
    bigger.receipts = 10000;  // items stream past the first progress report (16,384 rows)
    bool cancelled = false;
    {
      auto tx = db->begin();
      const auto cancel = [&](std::string_view table, std::uint64_t done, std::uint64_t total) {
        if (table == "receipt_items" && done < total) {
          cancelled = true;
          throw core::MigrationFailed("interrupted");
        }
      };
      CHECK_THROWS_WITH(generate::load(*db, bigger, cancel), "interrupted");
    }
    CHECK(cancelled);
    require_all_empty(*db);
    // The connection is usable again and a new load starts cleanly.
    auto tx = db->begin();
    const auto report = generate::load(*db, bigger, nullptr);
    tx->commit();
    CHECK(report.tables.at(4).rows == 10000);
    CHECK(count(*db, "receipts") == 10000);
  }

  SECTION("a load in its own transaction, cancelled half way, leaves no rows") {
    // How a transaction: false migration runs it: no transaction open, so the load begins a
    // bulk_load one of its own (SQLite: foreign keys checked at its end, then back on).
    apply_to(runner, p, 4, k_scale);
    auto bigger = config;
    bigger.receipts = 10000;
    const auto cancel = [&](std::string_view table, std::uint64_t done, std::uint64_t total) {
      if (table == "receipt_items" && done < total) {
        throw core::MigrationFailed("interrupted");
      }
    };
    CHECK_FALSE(db->in_transaction());
    CHECK_THROWS_WITH(generate::load(*db, bigger, cancel), "interrupted");
    CHECK_FALSE(db->in_transaction());
    require_all_empty(*db);
    const auto report = generate::load(*db, bigger, nullptr);
    CHECK_FALSE(db->in_transaction());  // committed
    CHECK(report.tables.at(4).rows == 10000);
    CHECK(report.finishing.count() > 0);
    if (db->dialect() == core::Dialect::sqlite) {
      CHECK(db->query("PRAGMA foreign_keys").rows.at(0).at(0) == db::Cell("1"));
    }
  }

  SECTION("the load refuses tables that already have rows") {
    apply_to(runner, p, 4, k_scale);
    db->exec("INSERT INTO vendors (id, name, vendor_type, website, price_level) "
             "VALUES (1, 'Local Lumber', 'lumber', 'example.com', 50)");
    try {
      apply_to(runner, p, std::nullopt, k_scale);
      FAIL("apply should have failed");
    } catch (const core::MigrationFailed& e) {
      CHECK(std::string(e.what()).find("generate: table \"vendors\" already has rows") !=
            std::string::npos);
    }
    CHECK(versions(*db) == std::vector<int>{1, 2, 3, 4});
    CHECK(count(*db, "vendors") == 1);
  }
}

std::vector<std::vector<db::Cell>> data_fingerprint(db::Connection& db) {
  const auto cents = [](const char* column) { return generate::sum_cents_sql(column); };
  const std::vector<std::string> queries{
      "SELECT id, name, vendor_type, website, price_level FROM vendors",
      "SELECT id, name, annual_depreciation_percent FROM product_categories",
      "SELECT id, category_id, name, unit, " + cents("min_price") + ", " + cents("max_price") +
          " FROM products GROUP BY id, category_id, name, unit",
      "SELECT id, name, city, state, site_type FROM job_sites",
      "SELECT vendor_id, job_site_id, payment_method, count(*), " + cents("total_amount") +
          " FROM receipts GROUP BY vendor_id, job_site_id, payment_method",
      "SELECT purchase_date, count(*), min(id), max(id) FROM receipts GROUP BY purchase_date",
      "SELECT product_id, count(*), sum(quantity), " + cents("unit_price") + ", " +
          cents("line_total") + ", sum(receipt_id), sum(id) FROM receipt_items GROUP BY product_id",
      "SELECT product_id, job_site_id, acquired_on, count(*), sum(quantity), " +
          cents("unit_cost") + ", " + cents("total_cost") + ", " + cents("book_value") +
          " FROM inventory GROUP BY product_id, job_site_id, acquired_on",
      "SELECT valued_on, count(*), sum(inventory_id), " + cents("inflation_percent") + ", " +
          cents("market_unit_price") + ", " + cents("market_value") +
          " FROM market_valuations GROUP BY valued_on",
      "SELECT from_job_site_id, to_job_site_id, reason, moved_on, count(*), sum(inventory_id) "
      "FROM asset_movements GROUP BY from_job_site_id, to_job_site_id, reason, moved_on",
      "SELECT year, season, count(*), sum(quarter), sum(month), sum(day_of_month), "
      "sum(day_of_year), sum(iso_week), sum(weekday), sum(date_key), min(full_date), "
      "max(full_date), min(month_name), max(month_name), min(weekday_name), "
      "max(weekday_name), sum(CASE WHEN is_weekend THEN 1 ELSE 0 END), "
      "sum(CASE WHEN is_holiday THEN 1 ELSE 0 END), min(holiday_name), max(holiday_name), "
      "sum(CASE WHEN is_construction_season THEN 1 ELSE 0 END) FROM dim_date GROUP BY year, season",
  };
  std::vector<std::vector<db::Cell>> out;
  for (const auto& sql : queries) {
    auto result = db.query(sql);
    std::sort(result.rows.begin(), result.rows.end());
    out.push_back({sql});
    out.insert(out.end(), result.rows.begin(), result.rows.end());
  }
  return out;
}

}  // namespace migrator::test
