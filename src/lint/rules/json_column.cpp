#include "lint/rules/declared_column.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class JsonColumn final : public DeclaredTypeRule {
 public:
  JsonColumn() : DeclaredTypeRule("json-column", Severity::warning, "a json column rather than jsonb") {}

 protected:
  std::optional<Verdict> judge(const DeclaredColumn& c, const StatementContext&) const override {
    if (c.type.name != "json") {
      return std::nullopt;
    }
    return Verdict{quote_name(c.column) + " is json: the text is stored as written and parsed again by every "
                       "query; it has no equality operator (no DISTINCT, GROUP BY or UNIQUE) and no GIN index",
                   "jsonb, unless key order and duplicate keys must be kept as written"};
  }
};

}  // namespace

const Rule& json_column() {
  static const JsonColumn rule;
  return rule;
}

}  // namespace migrator::lint::rules
