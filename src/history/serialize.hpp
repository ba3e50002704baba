#pragma once
// plan::Migration <-> the JSON text stored in migrator_history.definition. Only the given
// dialect's SQL is kept: the history belongs to one database.
#include <string>

#include "core/dialect.hpp"
#include "plan/model.hpp"

namespace migrator::history {

std::string serialize(const plan::Migration& migration, core::Dialect dialect);
plan::Migration deserialize(const std::string& json_text);

}  // namespace migrator::history
