#include "lint/linter.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <tuple>
#include <set>

#include "lint/inline_allow.hpp"
#include "lint/parse_cache.hpp"
#include "lint/registry.hpp"
#include "lint/rule.hpp"
#include "lint/rules/rules.hpp"
#include "runner/operation.hpp"
#include "util/large_stack.hpp"

namespace migrator::lint {
namespace {

constexpr std::array k_dialects{core::Dialect::postgres, core::Dialect::sqlite};

// The SQL a built-in operation runs on PostgreSQL, linted like the step's own SQL.
std::optional<plan::SqlText> operation_sql(const plan::Operation& op) {
  const auto* handler = runner::find_operation(op.kind);
  if (handler == nullptr) {
    return std::nullopt;
  }
  return plan::SqlText{handler->describe(op, core::Dialect::postgres, 1.0), op.loc};
}

// Walks one migration's fields in run order, feeding statements to rules and the schema state.
class MigrationWalk {
 public:
  MigrationWalk(const plan::Plan& plan, const plan::Migration& migration, SchemaState& schema, ParseCache& parses,
                bool report)
      : m_plan(plan), m_migration(migration), m_schema(schema), m_parses(parses), m_report(report) {}

  // The migration's findings, with what each step's allow: list suppresses removed.
  Findings run() {
    m_schema.begin_migration();
    const auto& steps = m_migration.steps;
    std::vector<Findings> per_step(steps.size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const auto& step = steps[i];
      FindingSink sink;
      lint_action(step.action, step, Field::sql, sink);
      for (const auto& check : step.verify) {
        lint_sql(check.sql, &step, &check, Field::verify, sink);
      }
      if (step.rollback) {
        lint_action(*step.rollback, step, Field::rollback, sink);
      }
      per_step[i] = sink.take();
    }
    FindingSink sink;
    for (const auto& check : m_migration.preserve) {
      lint_sql(check.sql, nullptr, &check, Field::preserve, sink);
    }
    Findings out;
    if (m_report) {
      const MigrationContext ctx{m_plan, m_migration, m_schema, m_parses};
      FindingSink whole;
      for (const auto* rule : all_rules()) {
        rule->check_migration(ctx, whole);
      }
      // A finding about the migration as a whole that stands in a step is that step's allow:'s.
      for (auto& f : whole.take()) {
        const auto i = step_at(f.loc);
        (i ? per_step[*i] : out).push_back(std::move(f));
      }
    }
    for (std::size_t i = 0; i < steps.size(); ++i) {
      suppress(steps[i], std::move(per_step[i]), out);
    }
    auto rest = sink.take();
    out.insert(out.end(), std::make_move_iterator(rest.begin()), std::make_move_iterator(rest.end()));
    return out;
  }

 private:
  // The step whose text holds `loc`: the last one starting at or before it in its file.
  std::optional<std::size_t> step_at(const core::SourceLoc& loc) const {
    std::optional<std::size_t> found;
    const auto& steps = m_migration.steps;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      if (steps[i].loc.file == loc.file && steps[i].loc.line <= loc.line) {
        found = i;
      }
    }
    return found;
  }

  void lint_action(const plan::Action& action, const plan::Step& step, Field field, FindingSink& out) {
    if (const auto* sql = std::get_if<plan::Sql>(&action)) {
      lint_sql(*sql, &step, nullptr, field, out);
    } else if (field == Field::sql) {
      // Rollbacks by operation (drop_not_null) undo their step and are not linted.
      const auto& op = std::get<plan::Operation>(action);
      if (const auto text = operation_sql(op)) {
        lint_text(*text, true, core::Dialect::postgres, &step, nullptr, field, out);
      }
      if (const auto* handler = runner::find_operation(op.kind)) {
        if (auto reason = handler->outside_transaction_reason(); !reason.empty()) {
          m_schema.no_transaction_needs.push_back({op.loc, std::move(reason)});
        }
      }
    }
  }

  void lint_sql(const plan::Sql& sql, const plan::Step* step, const plan::Check* check, Field field,
                FindingSink& out) {
    for (const auto dialect : k_dialects) {
      // A plan written for some databases only (plan.yaml dialects:) is not held to the
      // others' rules: PostgreSQL's $$ bodies are no SQLite text.
      const auto& targets = m_plan.dialects;
      if (!targets.empty() && std::find(targets.begin(), targets.end(), dialect) == targets.end()) {
        continue;
      }
      if (const auto* text = sql.for_dialect(dialect)) {
        lint_text(*text, false, dialect, step, check, field, out);
      }
    }
    report_inline_allows(out);
  }

  void lint_text(const plan::SqlText& text, bool exact_loc, core::Dialect dialect, const plan::Step* step,
                 const plan::Check* check, Field field, FindingSink& out) {
    FieldContext ctx{m_plan, m_migration, step, check, field, dialect, text, exact_loc};
    std::optional<PgParse> pg;
    std::vector<SqliteStatement> sqlite;
    if (dialect == core::Dialect::postgres) {
      // (The SQL of a built-in operation is made for this call: never in the cache.)
      pg = exact_loc ? PgParse::parse(text.text) : m_parses.take(text);
      ctx.pg = &*pg;
    } else {
      sqlite = split_sqlite(text.text);
      ctx.sqlite = &sqlite;
    }
    const auto rules = applicable(field);
    for (const auto* rule : rules) {
      rule->check_field(ctx, out);
    }
    const bool forward = field == Field::sql;
    std::size_t previous_end = 0;  // where the text before a statement (its comments) starts
    if (pg) {
      for (const auto& statement : pg->statements()) {
        check_statement({ctx, &statement, nullptr, m_schema}, rules, previous_end, out);
        previous_end = statement.offset + statement.text.size();
        if (forward) {
          const auto keys_before = m_schema.added_foreign_keys.size();
          m_schema.track(statement, ctx.at(statement.offset));
          // A foreign key's finding stands at its REFERENCES or FOREIGN KEY, not its statement.
          for (auto i = keys_before; i < m_schema.added_foreign_keys.size(); ++i) {
            auto& key = m_schema.added_foreign_keys[i];
            if (key.offset >= 0) {
              key.loc = ctx.at(static_cast<std::size_t>(key.offset));
            }
          }
        } else if (field == Field::verify || field == Field::preserve) {
          m_schema.track_check(statement);
        }
      }
    } else {
      for (const auto& statement : sqlite) {
        check_statement({ctx, nullptr, &statement, m_schema}, rules, previous_end, out);
        previous_end = statement.offset + statement.text.size();
        if (forward) {
          m_schema.track(statement, ctx.at(statement.offset));
        }
      }
    }
  }

  // The statement's findings, less those an inline `-- migrator:allow rule-id: reason` in the
  // comments right before it names (lint/inline_allow.hpp).
  void check_statement(const StatementContext& ctx, const std::vector<const Rule*>& rules, std::size_t from,
                       FindingSink& out) {
    FindingSink mine;
    for (const auto* rule : rules) {
      rule->check(ctx, mine);
    }
    const auto offset = ctx.pg != nullptr ? ctx.pg->offset : ctx.sqlite->offset;
    const auto& text = ctx.field.source.text;
    const auto allows = inline_allows(std::string_view(text).substr(std::min(from, offset), offset - std::min(from, offset)),
                                      std::min(from, offset));
    for (const auto& a : allows) {
      m_inline.try_emplace({&ctx.field.source, a.offset}, SeenAllow{a, ctx.field.at(a.offset), false});
    }
    for (auto& f : mine.take()) {
      const auto it = std::find_if(allows.begin(), allows.end(), [&](const InlineAllow& a) { return a.rule == f.rule; });
      if (it == allows.end()) {
        out.add(f.rule, f.severity, f.loc, std::move(f.message), std::move(f.fix));
      } else {
        m_inline.at({&ctx.field.source, it->offset}).used = true;
      }
    }
  }

  // The inline allows of one SQL field, once every dialect has read it: one that names no
  // rule, gives no reason, or suppressed nothing on either database is reported.
  void report_inline_allows(FindingSink& out) {
    for (const auto& [key, seen] : m_inline) {
      const auto& a = seen.allow;
      const auto& loc = seen.loc;
      const auto* rule = find_rule(a.rule);
      if (rule == nullptr) {
        const auto& unknown = rules::allow_unknown_rule();
        out.add(unknown.id(), unknown.severity(), loc, "migrator:allow names the unknown rule " + quote_name(a.rule),
                "`migrator check --rules` lists them");
      } else if (a.reason.empty()) {
        const auto& unknown = rules::allow_unknown_rule();
        out.add(unknown.id(), unknown.severity(), loc, "migrator:allow of " + quote_name(a.rule) + " gives no reason",
                "write it as -- migrator:allow " + a.rule + ": <why it is safe here>");
      } else if (!seen.used && !rule->rehearsal()) {
        const auto& unused = rules::allow_unused();
        out.add(unused.id(), unused.severity(), loc,
                "migrator:allow of " + quote_name(a.rule) + " suppresses nothing: the rule reports nothing on the "
                "statement after it",
                "remove the comment, so that it cannot hide a later problem");
      }
    }
    m_inline.clear();
  }

  // Keeps the findings of `step` that its allow: list does not name; an allow that names a
  // known rule and suppresses nothing is reported as stale.
  static void suppress(const plan::Step& step, Findings findings, Findings& out) {
    std::set<const plan::Allow*> used;
    for (auto& f : findings) {
      const auto allow = std::find_if(step.allow.begin(), step.allow.end(),
                                      [&](const plan::Allow& a) { return a.rule == f.rule; });
      if (allow == step.allow.end()) {
        out.push_back(std::move(f));
      } else {
        used.insert(&*allow);
      }
    }
    const auto& unused = rules::allow_unused();
    for (const auto& allow : step.allow) {
      const auto* rule = find_rule(allow.rule);
      // A rehearsal rule's allow is the rehearsal's to use or call stale (lint/rehearse.cpp).
      if (used.count(&allow) == 0 && rule != nullptr && !rule->rehearsal()) {
        out.push_back({std::string(unused.id()), unused.severity(), allow.loc,
                       "allow of " + quote_name(allow.rule) + " on step " + quote_name(step.name) +
                           " suppresses nothing: the rule reports nothing there",
                       "remove the allow entry, so that it cannot hide a later problem"});
      }
    }
  }

  std::vector<const Rule*> applicable(Field field) const {
    std::vector<const Rule*> out;
    if (m_report) {
      for (const auto* rule : all_rules()) {
        if (rule->applies_to(field)) {
          out.push_back(rule);
        }
      }
    }
    return out;
  }

  struct SeenAllow {
    InlineAllow allow;
    core::SourceLoc loc;
    bool used = false;  // by the pass of either database
  };

  const plan::Plan& m_plan;
  const plan::Migration& m_migration;
  SchemaState& m_schema;
  ParseCache& m_parses;
  bool m_report;
  // The inline allows of the SQL field being read, by its text and their place in it.
  std::map<std::pair<const plan::SqlText*, std::size_t>, SeenAllow> m_inline;
};

}  // namespace

std::set<std::filesystem::path> migration_files(const plan::Migration& m) {
  // Its own file, the SQL files a YAML migration names, and each SQL text's (a diesel or
  // golang-migrate down file is only a rollback's).
  std::set<std::filesystem::path> own{m.file};
  own.insert(m.sql_files.begin(), m.sql_files.end());
  const auto add_action = [&](const plan::Action& action) {
    if (const auto* sql = std::get_if<plan::Sql>(&action)) {
      if (sql->common) {
        own.insert(sql->common->loc.file);
      }
      for (const auto& [dialect, text] : sql->variants) {
        own.insert(text.loc.file);
      }
    }
  };
  for (const auto& step : m.steps) {
    add_action(step.action);
    if (step.rollback) {
      add_action(*step.rollback);
    }
  }
  std::set<std::filesystem::path> out;
  for (const auto& p : own) {
    if (!p.empty()) {
      out.insert(std::filesystem::weakly_canonical(p));
    }
  }
  return out;
}

bool migration_in(const plan::Migration& m, const std::set<std::filesystem::path>& files) {
  const auto own = migration_files(m);
  return std::any_of(own.begin(), own.end(), [&](const auto& p) { return files.count(p) != 0; });
}

Findings Linter::lint(const plan::Plan& plan, const std::vector<plan::Plan>& required) const {
  // libpg_query writes a statement's tree recursively, a frame per level of nesting, and the
  // rules walk it the same way: 200,000 UNION ALLs overflowed the main stack (SIGSEGV).
  Findings out;
  util::run_with_stack(util::k_large_stack_bytes, [&] { out = lint_on_this_stack(plan, required); });
  return out;
}

Findings Linter::lint_on_this_stack(const plan::Plan& plan, const std::vector<plan::Plan>& required) const {
  SchemaState schema;
  ParseCache parses;
  for (const auto& before : required) {
    for (const auto& m : before.migrations) {
      MigrationWalk(before, m, schema, parses, false).run();
    }
  }
  Findings out;
  const auto walk = [&](const plan::Migration& m) {
    if (m_options.only_files && !migration_in(m, *m_options.only_files)) {
      MigrationWalk(plan, m, schema, parses, false).run();  // the schema it builds, unreported
      return;
    }
    for (auto& f : MigrationWalk(plan, m, schema, parses, true).run()) {
      const auto level = m_options.severity.find(f.rule);
      if (level == m_options.severity.end()) {
        out.push_back(std::move(f));
      } else if (level->second.severity) {
        f.severity = *level->second.severity;
        out.push_back(std::move(f));
      }
    }
  };
  for (const auto& m : plan.migrations) {
    walk(m);
  }
  for (const auto& m : plan.repeatables) {  // they run after the versions, on the newest schema
    walk(m);
  }
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.loc.file, a.loc.line, a.loc.column) < std::tie(b.loc.file, b.loc.line, b.loc.column);
  });
  return out;
}

}  // namespace migrator::lint
