#include "runner/action.hpp"

#include "core/error.hpp"

namespace migrator::runner {

void run_action(const plan::Action& action, OperationContext& ctx) {
  if (const auto* op = std::get_if<plan::Operation>(&action)) {
    const auto* handler = find_operation(op->kind);
    if (handler == nullptr) {
      throw core::UsageError("no built-in operation \"" + op->kind + "\"");
    }
    handler->run(*op, ctx);
    return;
  }
  const auto* text = std::get<plan::Sql>(action).for_dialect(ctx.db.dialect());
  if (text == nullptr) {
    throw core::UsageError("no SQL for " + std::string(core::to_string(ctx.db.dialect())));
  }
  ctx.db.exec(text->text);
}

std::string describe_action(const plan::Action& action, core::Dialect dialect, double scale) {
  if (const auto* op = std::get_if<plan::Operation>(&action)) {
    const auto* handler = find_operation(op->kind);
    return handler != nullptr ? handler->describe(*op, dialect, scale) : "-- unknown operation " + op->kind;
  }
  const auto* text = std::get<plan::Sql>(action).for_dialect(dialect);
  return text != nullptr ? text->text : "-- no SQL for " + std::string(core::to_string(dialect));
}

const std::string* plain_sql(const plan::Action& action, core::Dialect dialect) {
  const auto* sql = std::get_if<plan::Sql>(&action);
  const auto* text = sql != nullptr ? sql->for_dialect(dialect) : nullptr;
  return text != nullptr ? &text->text : nullptr;
}

bool all_or_nothing(const plan::Action& action) {
  const auto* op = std::get_if<plan::Operation>(&action);
  const auto* handler = op != nullptr ? find_operation(op->kind) : nullptr;
  return handler != nullptr && handler->all_or_nothing();
}

}  // namespace migrator::runner
