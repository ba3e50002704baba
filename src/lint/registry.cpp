#include "lint/registry.hpp"

#include <algorithm>
#include <array>

#include "lint/rules/rules.hpp"

namespace migrator::lint {

std::span<const Rule* const> all_rules() {
  static const std::array k_rules{
      &rules::sql_syntax(),
      &rules::adding_not_null_column(),
      &rules::set_not_null(),
      &rules::index_not_concurrent(),
      &rules::drop_index_not_concurrent(),
      &rules::concurrently_in_transaction(),
      &rules::constraint_not_valid(),
      &rules::column_type_rewrite(),
      &rules::volatile_default_rewrite(),
      &rules::drop_column(),
      &rules::drop_table(),
      &rules::rename_column(),
      &rules::rename_table(),
      &rules::unbatched_update(),
      &rules::unbatched_delete(),
      &rules::missing_lock_timeout(),
      &rules::transaction_control_in_step(),
      &rules::identifier_too_long(),
      &rules::non_idempotent_no_transaction(),
      &rules::check_not_read_only(),
      &rules::empty_sql(),
      &rules::transaction_false_needless(),
      &rules::sqlite_alter_column(),
      &rules::sqlite_add_constraint(),
      &rules::sqlite_drop_constraint(),
      &rules::sqlite_unsupported_alter(),
      &rules::prefer_bigint_key(),
      &rules::prefer_identity(),
      &rules::prefer_timestamptz(),
      &rules::prefer_text_field(),
      &rules::char_column(),
      &rules::json_column(),
      &rules::foreign_key_without_index(),
      &rules::statement_after_access_exclusive(),
      &rules::several_alters_one_table(),
      &rules::exclusion_constraint(),
      &rules::enum_value_not_last(),
      &rules::reindex_not_concurrent(),
      &rules::detach_partition_not_concurrent(),
      &rules::truncate_cascade(),
      &rules::drop_database(),
      &rules::vacuum_full_or_cluster(),
      &rules::refresh_not_concurrent(),
      &rules::domain_constraint(),
      &rules::drop_cascade(),
      &rules::table_without_primary_key(),
      &rules::allow_unknown_rule(),
      &rules::allow_unused(),
      &rules::rehearse_failed(),
      &rules::rollback_leaves_objects(),
      &rules::rollback_removes_objects(),
      &rules::rollback_reorders_columns(),
      &rules::lock_held_long(),
      &rules::table_rewritten(),
      &rules::traffic_blocked(),
      &rules::lock_without_timeout(),
  };
  return k_rules;
}

const Rule* find_rule(std::string_view id) {
  const auto rules = all_rules();
  const auto it = std::find_if(rules.begin(), rules.end(), [&](const Rule* r) { return r->id() == id; });
  return it == rules.end() ? nullptr : *it;
}

}  // namespace migrator::lint
