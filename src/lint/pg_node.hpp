#pragma once
// A read-only view on one node of libpg_query's JSON parse tree, so that rules read the tree
// without including nlohmann/json.hpp (3 s of compile time per file). libpg_query omits
// fields that are false, 0 or empty: every accessor here returns that default when absent.
#include <cstdint>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace migrator::lint {

class PgNode {
 public:
  PgNode() = default;
  explicit PgNode(const nlohmann::json* json) : m_json(json) {}

  explicit operator bool() const;

  // A typed node is {"IndexStmt": {...}}: type() is "IndexStmt", body() the inner object.
  // For any other node type() is empty and body() is the node itself.
  std::string_view type() const;
  PgNode body() const;
  bool is(std::string_view type_name) const { return type() == type_name; }

  // The field `key` of this node's body; a null node when absent.
  PgNode operator[](std::string_view key) const;
  std::string str(std::string_view key) const;      // "" when absent
  std::int64_t integer(std::string_view key) const;  // 0 when absent
  bool flag(std::string_view key) const;             // false when absent
  std::vector<PgNode> list(std::string_view key) const;
  int location() const;                               // -1 when the node has none

  // The text of a {"String": {"sval": ...}} node; "" for anything else.
  std::string string_value() const;

  // Every typed node below this one (depth first, this one included).
  void visit(const std::function<void(const PgNode&)>& on_node) const;
  // Every string field named one of `keys` anywhere below, with its value.
  void visit_strings(const std::vector<std::string_view>& keys,
                     const std::function<void(std::string_view key, const std::string&)>& on_string) const;

 private:
  const nlohmann::json* m_json = nullptr;
};

// "public.receipts" from a list of String nodes.
std::string joined_names(const std::vector<PgNode>& names);
// The last of a list of String nodes ("receipts" for public.receipts); "" for an empty list.
std::string last_name(const std::vector<PgNode>& names);

}  // namespace migrator::lint
