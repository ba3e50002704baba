#include "lint/rules/declared_column.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class PreferIdentity final : public DeclaredTypeRule {
 public:
  PreferIdentity()
      : DeclaredTypeRule("prefer-identity", Severity::warning,
                         "serial, bigserial or smallserial instead of an identity column") {}

 protected:
  std::optional<Verdict> judge(const DeclaredColumn& c, const StatementContext&) const override {
    const auto& t = c.type.name;
    if (t != "serial" && t != "serial4" && t != "bigserial" && t != "serial8" && t != "smallserial" &&
        t != "serial2") {
      return std::nullopt;
    }
    return Verdict{quote_name(c.column) + " is " + t + ": its sequence is a separate object with its own "
                       "grants and owner, and an INSERT may write any value past it",
                   "bigint GENERATED ALWAYS AS IDENTITY (BY DEFAULT when rows are copied in with their ids)"};
  }
};

}  // namespace

const Rule& prefer_identity() {
  static const PreferIdentity rule;
  return rule;
}

}  // namespace migrator::lint::rules
