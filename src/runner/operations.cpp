#include "runner/operation.hpp"

#include "runner/operations/generate.hpp"
#include "runner/operations/not_null.hpp"

namespace migrator::runner {

// Every built-in operation (plan/operation_spec.cpp declares their arguments).
const OperationHandler* find_operation(std::string_view kind) {
  static const operations::SetNotNull k_set_not_null{true};
  static const operations::SetNotNull k_drop_not_null{false};
  static const operations::Generate k_generate;
  static const OperationHandler* const k_handlers[] = {&k_set_not_null, &k_drop_not_null,
                                                       &k_generate};
  for (const auto* handler : k_handlers) {
    if (handler->kind() == kind) {
      return handler;
    }
  }
  return nullptr;
}

}  // namespace migrator::runner
