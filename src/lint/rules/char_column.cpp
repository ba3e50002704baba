#include "lint/rules/declared_column.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class CharColumn final : public DeclaredTypeRule {
 public:
  CharColumn() : DeclaredTypeRule("char-column", Severity::warning, "a char(n) (character) column") {}

 protected:
  std::optional<Verdict> judge(const DeclaredColumn& c, const StatementContext&) const override {
    if (c.type.name != "bpchar") {
      return std::nullopt;
    }
    return Verdict{quote_name(c.column) + " is char" + "(" + std::to_string(c.type.mods.empty() ? 1 : c.type.mods[0]) + ")" +
                       ": values are padded with spaces to the length, the padding is ignored in some "
                       "comparisons and not in others, and it is no faster than text",
                   "text (with a CHECK on its length where a fixed length matters)"};
  }
};

}  // namespace

const Rule& char_column() {
  static const CharColumn rule;
  return rule;
}

}  // namespace migrator::lint::rules
