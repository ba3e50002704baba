#include "lint/rules/declared_column.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class PreferTextField final : public DeclaredTypeRule {
 public:
  PreferTextField()
      : DeclaredTypeRule("prefer-text-field", Severity::warning, "a varchar(n) column") {}

 protected:
  std::optional<Verdict> judge(const DeclaredColumn& c, const StatementContext&) const override {
    if (c.type.name != "varchar" || c.type.mods.empty()) {
      return std::nullopt;
    }
    const auto limit = std::to_string(c.type.mods[0]);
    return Verdict{quote_name(c.column) + " is " + c.type.str() + ": raising the limit later takes an "
                       "ACCESS EXCLUSIVE lock on " + quote_name(c.table) + ", and lowering it rewrites the table",
                   "text, with CHECK (length(" + c.column + ") <= " + limit +
                       ") where the limit matters: a CHECK can be changed NOT VALID and validated without "
                       "blocking"};
  }
};

}  // namespace

const Rule& prefer_text_field() {
  static const PreferTextField rule;
  return rule;
}

}  // namespace migrator::lint::rules
