#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

class SqlSyntax final : public Rule {
 public:
  SqlSyntax()
      : Rule("sql-syntax", Severity::error,
             "SQL of the postgres dialect that PostgreSQL's own parser rejects") {}

  bool applies_to(Field) const override { return true; }

  void check_field(const FieldContext& ctx, FindingSink& out) const override {
    if (ctx.pg == nullptr) {
      return;
    }
    for (const auto& error : ctx.pg->errors()) {
      report(out, ctx.at(error.offset), error.message,
             "correct the statement: it is read by the parser of PostgreSQL 15, as the server will");
    }
  }
};

}  // namespace

const Rule& sql_syntax() {
  static const SqlSyntax rule;
  return rule;
}

}  // namespace migrator::lint::rules
