// migrator import [--from FORMAT] SRC DEST: another tool's plan written as migrator YAML, one
// file per migration, the SQL verbatim; checked by reading it back before DEST appears.
#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/commands/commands.hpp"
#include "core/error.hpp"
#include "plan/loader.hpp"
#include "plan/yaml_writer.hpp"
#include "report/json_report.hpp"

namespace migrator::cli::commands {
namespace {

void write_file(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out.flush()) {
    throw core::UsageError("cannot write \"" + file.string() + "\"", "check that the directory is writable");
  }
}

const plan::Sql* sql_of(const std::optional<plan::Action>& action) {
  return action ? std::get_if<plan::Sql>(&*action) : nullptr;
}

// What differs between the source's migration and the one read back from its YAML; empty
// when they run the same.
std::string difference(const plan::Migration& source, const plan::Migration& written) {
  if (source.version != written.version || source.name != written.name ||
      source.transaction != written.transaction || source.steps.size() != written.steps.size()) {
    return "version, name, transaction or steps";
  }
  for (std::size_t i = 0; i < source.steps.size(); ++i) {
    const auto& a = source.steps[i];
    const auto& b = written.steps[i];
    const auto same = [](const plan::Sql* x, const plan::Sql* y) {
      return (x == nullptr) == (y == nullptr) &&
             (x == nullptr || (x->common && y->common &&
                               plan::lf_only(x->common->text) == y->common->text));
    };
    if (a.name != b.name || a.irreversible != b.irreversible ||
        !same(std::get_if<plan::Sql>(&a.action), std::get_if<plan::Sql>(&b.action)) ||
        !same(sql_of(a.rollback), sql_of(b.rollback))) {
      return "step \"" + a.name + "\"";
    }
  }
  return "";
}

void refuse_existing(const std::filesystem::path& dest) {
  std::error_code ec;
  if (std::filesystem::exists(dest, ec) &&
      (!std::filesystem::is_directory(dest, ec) || !std::filesystem::is_empty(dest, ec))) {
    throw core::UsageError("\"" + dest.string() + "\" already exists; nothing was written",
                           "name a new directory (import never writes over files)");
  }
}

}  // namespace

void run_import(Context& ctx, const std::string& from, const std::filesystem::path& source,
                const std::filesystem::path& dest) {
  const auto plan = ctx.load_plan(source, std::nullopt);
  if (plan.format == plan::PlanFormat::migrator) {
    throw core::UsageError("\"" + source.string() + "\" is already a migrator plan (NNN_name.yaml files)",
                           "import reads dbmate, golang-migrate, Flyway and diesel directories");
  }
  if (!from.empty() && from != plan::to_string(plan.format)) {
    throw core::UsageError("\"" + source.string() + "\" is a " + std::string(plan::to_string(plan.format)) +
                               " plan, not " + from + " (told from its file names); nothing was written",
                           "leave out --from, or name the directory of a " + from + " plan");
  }
  refuse_existing(dest);
  // Written beside DEST and moved into place once read back: an interrupted or failed
  // import leaves no half plan to apply.
  const auto staging = dest.parent_path() / (dest.filename().string() + ".importing");
  std::filesystem::remove_all(staging);
  std::filesystem::create_directories(staging);
  try {
    write_file(staging / "plan.yaml", plan::plan_yaml(plan));
    for (const auto& m : plan.migrations) {
      const auto note = fmt::format("Imported by migrator from {} ({}).", m.file.lexically_relative(plan.dir).string(),
                                    plan::to_string(plan.format));
      write_file(staging / plan::yaml_file_name(m), plan::migration_yaml(m, note));
    }
    const auto written = plan::load(staging);
    for (std::size_t i = 0; i < plan.migrations.size(); ++i) {
      const auto problem = i < written.migrations.size() ? difference(plan.migrations[i], written.migrations[i])
                                                         : std::string("its file");
      if (!problem.empty()) {
        throw core::MigrationFailed("the YAML written for migration " + core::version_text(plan.migrations[i].version) +
                                    " reads back different (" + problem + "); nothing was written");
      }
    }
    std::filesystem::remove(dest);  // an empty directory, if any
    std::filesystem::rename(staging, dest);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove_all(staging, ignored);
    throw;
  }
  if (ctx.json()) {
    auto list = nlohmann::json::array();
    for (const auto& m : plan.migrations) {
      list.push_back({{"version", report::version_json(m.version)}, {"name", m.name}, {"file", plan::yaml_file_name(m)}});
    }
    ctx.print_json({{"ok", true}, {"from", plan::to_string(plan.format)}, {"source", source.string()},
                    {"destination", dest.string()}, {"plan", plan.name}, {"migrations", list}});
    return;
  }
  const auto count = plan.migrations.size();
  ctx.say(fmt::format("Imported {} {} migration{} from {} into {} (plan \"{}\"), read back the same.", count,
                      plan::to_string(plan.format), count == 1 ? "" : "s", source.string(), dest.string(), plan.name));
  ctx.say("A database that ran \"" + plan.name + "\" goes on with " + dest.string() +
          " where it is; add verify: and preserve: to its steps, and `migrator check " + dest.string() + "`.");
}

void add_import(CLI::App& app, Context& ctx) {
  auto from = std::make_shared<std::string>();
  auto source = std::make_shared<std::string>();
  auto dest = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("import", "Write another tool's plan (dbmate, golang-migrate, Flyway, diesel) as migrator YAML");
  with_choices(cmd->add_option("--from", *from, "The form SRC is in (default: told from its file names)"),
               {"dbmate", "golang-migrate", "flyway", "diesel"}, "form");
  cmd->add_option("source", *source, "The directory of the other tool's migrations")->required()->type_name(value_kind::plan);
  cmd->add_option("dest", *dest, "A new directory for the YAML plan")->required()->type_name(value_kind::directory);
  cmd->callback([&ctx, from, source, dest] { run_import(ctx, *from, *source, *dest); });
}

}  // namespace migrator::cli::commands
