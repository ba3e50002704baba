#include <array>

#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

constexpr std::array k_pg_kinds{
    std::pair{std::string_view("TRANS_STMT_BEGIN"), std::string_view("BEGIN")},
    std::pair{std::string_view("TRANS_STMT_START"), std::string_view("START TRANSACTION")},
    std::pair{std::string_view("TRANS_STMT_COMMIT"), std::string_view("COMMIT")},
    std::pair{std::string_view("TRANS_STMT_ROLLBACK"), std::string_view("ROLLBACK")},
    std::pair{std::string_view("TRANS_STMT_PREPARE"), std::string_view("PREPARE TRANSACTION")},
    std::pair{std::string_view("TRANS_STMT_COMMIT_PREPARED"), std::string_view("COMMIT PREPARED")},
    std::pair{std::string_view("TRANS_STMT_ROLLBACK_PREPARED"), std::string_view("ROLLBACK PREPARED")},
};

// The transaction-control keyword a statement starts with; "" for anything else.
std::string transaction_control(const StatementContext& ctx) {
  if (ctx.pg != nullptr) {
    const auto node = ctx.pg->node;
    if (!node.is("TransactionStmt")) {
      return {};
    }
    for (const auto& [kind, words] : k_pg_kinds) {
      if (node.str("kind") == kind) {
        return std::string(words);
      }
    }
    return {};
  }
  const auto first = ctx.sqlite->word(0);
  if (first == "BEGIN" || first == "COMMIT" || first == "END" ||
      (first == "ROLLBACK" && ctx.sqlite->word(1) != "TO" && ctx.sqlite->word(2) != "TO")) {
    return std::string(first);
  }
  return {};
}

class TransactionControlInStep final : public Rule {
 public:
  TransactionControlInStep()
      : Rule("transaction-control-in-step", Severity::error,
             "BEGIN, COMMIT or ROLLBACK written in a step's SQL (the runner owns the transaction)") {}

  bool applies_to(Field) const override { return true; }

  void check(const StatementContext& ctx, FindingSink& out) const override {
    const auto words = transaction_control(ctx);
    if (words.empty()) {
      return;
    }
    report(out, ctx.at_statement(),
           words + " in a " + std::string(to_string(ctx.field.field)) +
               " field: the runner owns the migration's transaction, and this breaks out of it "
               "(a failure after it can no longer be rolled back)",
           "remove it; for work that must commit in batches, use transaction: false with one step "
           "per batch, or a DO block that COMMITs");
  }
};

}  // namespace

const Rule& transaction_control_in_step() {
  static const TransactionControlInStep rule;
  return rule;
}

}  // namespace migrator::lint::rules
