#pragma once
// Plans written as migrator YAML (migrator import): what a plan read from another tool's
// files says, in files migrator reads back to the same migrations.
#include <string>
#include <string_view>

#include "plan/model.hpp"

namespace migrator::plan {

// "NNN_snake_name.yaml" for `m` (versions below 1000 padded to three digits, as new writes).
std::string yaml_file_name(const Migration& m);

// The YAML of one migration: its name, transaction, timeouts, steps (SQL verbatim in block
// scalars, CRLF read as LF), verify, preserve.
std::string migration_yaml(const Migration& m, std::string_view source_note);

// plan.yaml: the plan's name (so that a database the source plan ran on goes on with this
// one), description, dialects, allow_out_of_order and timeouts.
std::string plan_yaml(const Plan& plan);

// `text` with CRLF read as LF: what a YAML block scalar of it reads back as.
std::string lf_only(std::string_view text);

}  // namespace migrator::plan
