#include <algorithm>
#include <array>

#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

constexpr std::array k_sqlite_writes{
    std::string_view("INSERT"), std::string_view("UPDATE"), std::string_view("DELETE"),
    std::string_view("REPLACE"), std::string_view("CREATE"), std::string_view("DROP"),
    std::string_view("ALTER"),
};

bool is_write(std::string_view word) {
  return std::find(k_sqlite_writes.begin(), k_sqlite_writes.end(), word) != k_sqlite_writes.end();
}

// Without a parse tree, only a statement seen to write is reported: a write keyword first,
// after WITH (WITH ... DELETE), or a PRAGMA that sets a value.
bool sqlite_read_only(const SqliteStatement& s) {
  const auto first = s.word(0);
  if (first == "PRAGMA") {
    return std::none_of(s.tokens.begin(), s.tokens.end(), [](const SqliteToken& t) { return t.text == "="; });
  }
  if (first == "WITH") {
    return std::none_of(s.tokens.begin(), s.tokens.end(),
                        [](const SqliteToken& t) { return t.word != "REPLACE" && is_write(t.word); });
  }
  return !is_write(first);
}

class CheckNotReadOnly final : public Rule {
 public:
  CheckNotReadOnly()
      : Rule("check-not-read-only", Severity::error,
             "a verify or preserve check that is not a read-only SELECT") {}

  bool applies_to(Field field) const override { return field == Field::verify || field == Field::preserve; }

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const bool read_only =
        ctx.pg != nullptr ? is_read_only_select(ctx.pg->node) : sqlite_read_only(*ctx.sqlite);
    if (read_only) {
      return;
    }
    const auto* check = ctx.field.check;
    const auto first_line = ctx.text().substr(0, ctx.text().find('\n'));
    report(out, ctx.at_statement(),
           std::string(to_string(ctx.field.field)) + " check " + quote_name(check != nullptr ? check->name : "") +
               " does not only read: " + quote_name(first_line) + " (checks run again by migrator verify, "
                                                              "and must not change the data they prove)",
           "make the check a SELECT that reads; put changes in the step's sql");
  }
};

}  // namespace

const Rule& check_not_read_only() {
  static const CheckNotReadOnly rule;
  return rule;
}

}  // namespace migrator::lint::rules
