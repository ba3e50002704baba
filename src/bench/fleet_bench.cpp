#include "bench/fleet_bench.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <memory>

#include "bench/external_tool.hpp"
#include "db/connection.hpp"
#include "db/scratch.hpp"
#include "plan/loader.hpp"
#include "plan/scenario_dir.hpp"
#include "report/text_table.hpp"
#include "runner/runner.hpp"

namespace migrator::bench {
namespace {

constexpr int k_sqlite_targets = 200;
constexpr int k_postgres_targets = 50;
constexpr int k_sampled_applies = 10;  // in process, for the migrations' own cost

// The targets: SQLite files in a directory of their own, or scratch databases on the server.
class Fleet {
 public:
  Fleet(const db::Url& base, int count) : m_dir(make_temp_dir("migrator-bench-fleet")) {
    for (int i = 0; i < count; ++i) {
      if (base.dialect == core::Dialect::sqlite) {
        m_urls.push_back(db::parse_url("sqlite:" + (m_dir / fmt::format("t{}.db", i)).string()));
      } else {
        m_databases.push_back(std::make_unique<db::ScratchDatabase>(base, "fleet"));
        m_urls.push_back(m_databases.back()->url());
      }
    }
  }
  ~Fleet() {
    std::error_code ignored;
    std::filesystem::remove_all(m_dir, ignored);
  }

  // A targets file of the first `count` targets (passwords included: the directory is ours).
  std::string targets_file(std::size_t count) const {
    const auto file = m_dir / fmt::format("targets-{}.yaml", count);
    std::ofstream out(file);
    for (std::size_t i = 0; i < count; ++i) {
      out << "- name: t" << i << "\n  url: '" << db::url_text(m_urls[i]) << "'\n";
    }
    return file.string();
  }
  const std::vector<db::Url>& urls() const { return m_urls; }

 private:
  std::filesystem::path m_dir;
  std::vector<std::unique_ptr<db::ScratchDatabase>> m_databases;
  std::vector<db::Url> m_urls;
};

struct Measured {
  std::string label;
  double seconds = 0;
  std::size_t targets = 0;
  double peak_mb = 0;
};

void require_success(const ToolRun& run, const std::string& what) {
  if (run.exit_code != 0) {
    throw core::MigrationFailed("bench fleet: " + what + " exited " + std::to_string(run.exit_code),
                                "run it by hand to see why");
  }
}

}  // namespace

void run_fleet_bench(BenchContext& ctx) {
  const bool postgres = ctx.url.dialect == core::Dialect::postgres;
  const auto count = static_cast<std::size_t>(
      std::max(4.0, (postgres ? k_postgres_targets : k_sqlite_targets) * (postgres ? 1.0 : ctx.scale)));
  const auto plan_dir = plan::scenario_dir("vendor_normalization").string();
  const auto self = self_path();
  ctx.print(fmt::format("{} targets, {} on each; every run starts from empty databases\n", count, plan_dir));
  Fleet fleet(ctx.url, static_cast<int>(count));
  const auto all = fleet.targets_file(count);
  const auto reset = [&] {
    require_success(run_tool({self, "rollback", plan_dir, "--to", "0", "--targets", all, "--parallel", "4", "-q"}),
                    "rollback of the fleet");
  };

  std::vector<Measured> rows;
  {
    Measured loop{"shell loop of single runs", 0, count, 0};
    for (const auto& url : fleet.urls()) {
      const auto run = run_tool({self, "apply", plan_dir, "-q"}, {"DATABASE_URL=" + db::url_text(url)});
      require_success(run, "migrator apply");
      loop.seconds += run.seconds;
      loop.peak_mb = std::max(loop.peak_mb, run.peak_rss_mb);
    }
    rows.push_back(loop);
    reset();
  }
  for (const int parallel : {1, 2, 4, 8}) {
    const auto run = run_tool({self, "apply", plan_dir, "--targets", all, "--parallel", std::to_string(parallel), "-q"});
    require_success(run, "migrator apply --targets");
    rows.push_back({fmt::format("--parallel {}", parallel), run.seconds, count, run.peak_rss_mb});
    reset();
  }
  // Memory in the number of targets: a quarter of them at --parallel 4.
  const auto quarter = std::max<std::size_t>(1, count / 4);
  const auto few = run_tool({self, "apply", plan_dir, "--targets", fleet.targets_file(quarter), "--parallel", "4", "-q"});
  require_success(few, "migrator apply --targets (a quarter)");
  reset();

  // The migrations alone, in process: connect and apply, on a sample of the targets.
  const auto plan = plan::load(plan_dir, {ctx.url.dialect});
  double applying = 0;
  const auto sample = std::min<std::size_t>(k_sampled_applies, count);
  for (std::size_t i = 0; i < sample; ++i) {
    const auto started = std::chrono::steady_clock::now();
    auto db = db::open(fleet.urls()[i]);
    runner::Observer silent;
    runner::Runner(*db, silent).apply(plan, {});
    applying += seconds_since(started);
  }
  reset();
  const double per_apply = applying / static_cast<double>(sample);

  const double loop_seconds = rows.front().seconds;
  report::TextTable table({{"RUN"},
                           {"WALL", report::Align::right},
                           {"TARGETS/S", report::Align::right},
                           {"VS LOOP", report::Align::right},
                           {"PEAK MEMORY", report::Align::right}});
  auto runs = nlohmann::json::array();
  for (const auto& row : rows) {
    table.add_row({row.label, fmt::format("{:.2f} s", row.seconds),
                   fmt::format("{:.1f}", static_cast<double>(row.targets) / row.seconds),
                   fmt::format("{:.2f}x", loop_seconds / row.seconds), fmt::format("{:.0f} MB", row.peak_mb)});
    runs.push_back({{"run", row.label}, {"seconds", row.seconds}, {"targets", row.targets},
                    {"targets_per_second", static_cast<double>(row.targets) / row.seconds},
                    {"speedup_vs_loop", loop_seconds / row.seconds}, {"peak_rss_mb", row.peak_mb}});
  }
  ctx.print(table.render());
  const double overhead_ms = (rows[1].seconds / static_cast<double>(count) - per_apply) * 1000.0;
  // Below zero when the sample's first connections (a cold server cache) cost more than the
  // fleet's whole share: then nothing is measurable beyond the noise, and it says so.
  ctx.print(fmt::format("The migrations alone (connect and apply in process, {} targets): {:.1f} ms a target; a "
                        "--parallel 1 fleet takes {:.1f} ms a target, {}.",
                        sample, per_apply * 1000.0, rows[1].seconds * 1000.0 / static_cast<double>(count),
                        overhead_ms > 0 ? fmt::format("{:.1f} ms beyond the migrations (its one start included)",
                                                      overhead_ms)
                                        : std::string("no overhead measurable beyond the noise")));
  ctx.print(fmt::format("Peak memory at --parallel 4: {:.0f} MB for {} targets, {:.0f} MB for {}.", few.peak_rss_mb,
                        quarter, rows[3].peak_mb, count));
  ctx.results["targets"] = count;
  ctx.results["runs"] = runs;
  ctx.results["apply_in_process_ms"] = per_apply * 1000.0;
  ctx.results["overhead_per_target_ms"] = overhead_ms;
  ctx.results["peak_rss_mb_quarter"] = few.peak_rss_mb;
}

}  // namespace migrator::bench
