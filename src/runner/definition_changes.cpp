#include "runner/definition_changes.hpp"

#include <algorithm>

#include "db/sql_shape.hpp"
#include "util/line_diff.hpp"

namespace migrator::runner {
namespace {

class Comparer {
 public:
  explicit Comparer(core::Dialect dialect) : m_dialect(dialect) {}

  void text(const std::string& key, const std::string& before, const std::string& after) {
    if (before != after) {
      m_changes.push_back({key, before, after});
    }
  }

  void sql(const std::string& key, const plan::Sql& before, const plan::Sql& after) {
    const auto* b = before.for_dialect(m_dialect);
    const auto* a = after.for_dialect(m_dialect);
    const std::string before_text = b != nullptr ? b->text : "";
    const std::string after_text = a != nullptr ? a->text : "";
    if ((b == nullptr) != (a == nullptr) ||
        db::sql_shape(before_text, m_dialect) != db::sql_shape(after_text, m_dialect)) {
      m_changes.push_back({key, before_text, after_text});
    }
  }

  void action(const std::string& key, const plan::Action& before, const plan::Action& after) {
    const auto* before_op = std::get_if<plan::Operation>(&before);
    const auto* after_op = std::get_if<plan::Operation>(&after);
    if (before_op == nullptr && after_op == nullptr) {
      sql(key + ".sql", std::get<plan::Sql>(before), std::get<plan::Sql>(after));
      return;
    }
    const auto describe = [&](const plan::Action& action) {
      if (const auto* op = std::get_if<plan::Operation>(&action)) {
        std::string out = op->kind + ":";
        for (const auto& [name, value] : op->args) {
          out += "\n  " + name + ": " + value;
        }
        return out;
      }
      const auto* text = std::get<plan::Sql>(action).for_dialect(m_dialect);
      return text != nullptr ? text->text : std::string();
    };
    if (before_op == nullptr || after_op == nullptr || before_op->kind != after_op->kind ||
        before_op->args != after_op->args) {
      m_changes.push_back({key, describe(before), describe(after)});
    }
  }

  void checks(const std::string& key, const std::vector<plan::Check>& before,
              const std::vector<plan::Check>& after) {
    text(key + " count", std::to_string(before.size()), std::to_string(after.size()));
    for (std::size_t i = 0; i < std::min(before.size(), after.size()); ++i) {
      const auto item = key + "[" + std::to_string(i) + "]";
      sql(item + ".sql", before[i].sql, after[i].sql);
      text(item + ".expect", before[i].expect.value_or("(none)"), after[i].expect.value_or("(none)"));
      text(item + ".expect_rows", optional_number(before[i].expect_rows), optional_number(after[i].expect_rows));
      text(item + ".compare", compare_text(before[i].compare), compare_text(after[i].compare));
    }
  }

  static std::string compare_text(plan::Compare compare) {
    return compare == plan::Compare::at_least ? "at_least" : "equal";
  }

  template <class Number>
  static std::string optional_number(const std::optional<Number>& value) {
    return value ? std::to_string(*value) : "(none)";
  }

  static std::string optional_ms(const std::optional<std::chrono::milliseconds>& value) {
    return value ? std::to_string(value->count()) + " ms" : "(none)";
  }

  std::vector<DefinitionChange> take() { return std::move(m_changes); }

 private:
  core::Dialect m_dialect;
  std::vector<DefinitionChange> m_changes;
};

}  // namespace

std::vector<DefinitionChange> definition_changes(const plan::Migration& applied, const plan::Migration& current,
                                                 core::Dialect dialect) {
  Comparer compare(dialect);
  compare.text("transaction", applied.transaction ? "true" : "false", current.transaction ? "true" : "false");
  compare.text("lock_timeout", Comparer::optional_ms(applied.timeouts.lock_timeout),
               Comparer::optional_ms(current.timeouts.lock_timeout));
  compare.text("statement_timeout", Comparer::optional_ms(applied.timeouts.statement_timeout),
               Comparer::optional_ms(current.timeouts.statement_timeout));
  compare.text("steps count", std::to_string(applied.steps.size()), std::to_string(current.steps.size()));
  for (std::size_t i = 0; i < std::min(applied.steps.size(), current.steps.size()); ++i) {
    const auto& before = applied.steps[i];
    const auto& after = current.steps[i];
    const auto key = "steps[" + std::to_string(i) + "]";
    compare.action(key, before.action, after.action);
    compare.checks(key + ".verify", before.verify, after.verify);
    if (before.rollback && after.rollback) {
      compare.action(key + ".rollback", *before.rollback, *after.rollback);
    } else {
      compare.text(key + ".rollback", before.rollback ? "a rollback" : "irreversible",
                   after.rollback ? "a rollback" : "irreversible");
    }
  }
  compare.checks("preserve", applied.preserve, current.preserve);
  return compare.take();
}

std::vector<DefinitionChange> changes_since_applied(const history::Entry& applied, const plan::Migration& file,
                                                    core::Dialect dialect) {
  if (applied.checksum == file.sha256) {
    return {};
  }
  return definition_changes(applied.definition(), file, dialect);
}

std::string changed_migration_hint(const std::string& plan_dir) {
  return "restore the file as it was applied (the lines marked - above); if the change is meant and right for "
         "every database that ran the old one, record it with `migrator repair " +
         plan_dir + "`; to change the schema further, add a new migration";
}

std::string describe_changes(const std::vector<DefinitionChange>& changes, const std::string& indent) {
  std::string out;
  for (const auto& change : changes) {
    out += indent + change.key + ":\n";
    for (const auto& line : util::line_diff(change.before, change.after, 1)) {
      out += indent + "  " + line + "\n";
    }
  }
  if (!out.empty()) {
    out.pop_back();
  }
  return out;
}

}  // namespace migrator::runner
