#include "lint/rules/declared_column.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class PreferTimestamptz final : public DeclaredTypeRule {
 public:
  PreferTimestamptz()
      : DeclaredTypeRule("prefer-timestamptz", Severity::warning, "a timestamp column without time zone") {}

 protected:
  std::optional<Verdict> judge(const DeclaredColumn& c, const StatementContext&) const override {
    if (c.type.name != "timestamp") {
      return std::nullopt;
    }
    return Verdict{quote_name(c.column) + " is timestamp without time zone: its values name no zone, so "
                       "comparing them with now() or a timestamptz shifts them by the session's TimeZone",
                   "timestamptz (changing an existing column from timestamp rewrites nothing when the "
                   "session's TimeZone is UTC)"};
  }
};

}  // namespace

const Rule& prefer_timestamptz() {
  static const PreferTimestamptz rule;
  return rule;
}

}  // namespace migrator::lint::rules
