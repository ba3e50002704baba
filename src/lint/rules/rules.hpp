#pragma once
// One function per rule file, each returning its rule; lint/registry.cpp lists them.
#include "lint/rule.hpp"

namespace migrator::lint::rules {

const Rule& sql_syntax();
const Rule& adding_not_null_column();
const Rule& set_not_null();
const Rule& index_not_concurrent();
const Rule& drop_index_not_concurrent();
const Rule& concurrently_in_transaction();
const Rule& constraint_not_valid();
const Rule& column_type_rewrite();
const Rule& volatile_default_rewrite();
const Rule& drop_column();
const Rule& drop_table();
const Rule& rename_column();
const Rule& rename_table();
const Rule& unbatched_update();
const Rule& unbatched_delete();
const Rule& missing_lock_timeout();
const Rule& transaction_control_in_step();
const Rule& identifier_too_long();
const Rule& non_idempotent_no_transaction();
const Rule& check_not_read_only();
const Rule& empty_sql();
const Rule& transaction_false_needless();
const Rule& sqlite_alter_column();
const Rule& sqlite_add_constraint();
const Rule& sqlite_drop_constraint();
const Rule& sqlite_unsupported_alter();
const Rule& prefer_bigint_key();
const Rule& prefer_identity();
const Rule& prefer_timestamptz();
const Rule& prefer_text_field();
const Rule& char_column();
const Rule& json_column();
const Rule& foreign_key_without_index();
const Rule& statement_after_access_exclusive();
const Rule& several_alters_one_table();
const Rule& exclusion_constraint();
const Rule& enum_value_not_last();
const Rule& reindex_not_concurrent();
const Rule& detach_partition_not_concurrent();
const Rule& truncate_cascade();
const Rule& drop_database();
const Rule& vacuum_full_or_cluster();
const Rule& refresh_not_concurrent();
const Rule& domain_constraint();
const Rule& drop_cascade();
const Rule& table_without_primary_key();
const Rule& allow_unknown_rule();
const Rule& allow_unused();
const Rule& rehearse_failed();
const Rule& rollback_leaves_objects();
const Rule& rollback_removes_objects();
const Rule& rollback_reorders_columns();
// The traced rehearsal's (PostgreSQL): what a migration was measured to do.
const Rule& lock_held_long();
const Rule& table_rewritten();
const Rule& traffic_blocked();
const Rule& lock_without_timeout();

}  // namespace migrator::lint::rules
