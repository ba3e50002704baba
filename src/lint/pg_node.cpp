#include "lint/pg_node.hpp"

#include <nlohmann/json.hpp>

namespace migrator::lint {
namespace {

// A typed node is an object with a single key that starts with an upper-case letter.
bool is_typed(const nlohmann::json& j) {
  if (!j.is_object() || j.size() != 1) {
    return false;
  }
  const auto& key = j.begin().key();
  return !key.empty() && key[0] >= 'A' && key[0] <= 'Z';
}

void visit_json(const nlohmann::json& j, const std::function<void(const PgNode&)>& on_node) {
  if (j.is_object()) {
    if (is_typed(j)) {
      on_node(PgNode(&j));
    }
    for (const auto& item : j.items()) {
      visit_json(item.value(), on_node);
    }
  } else if (j.is_array()) {
    for (const auto& item : j) {
      visit_json(item, on_node);
    }
  }
}

void visit_strings_json(const nlohmann::json& j, const std::vector<std::string_view>& keys,
                        const std::function<void(std::string_view, const std::string&)>& on_string) {
  if (j.is_object()) {
    for (const auto& item : j.items()) {
      if (item.value().is_string()) {
        for (const auto key : keys) {
          if (item.key() == key) {
            on_string(key, item.value().get_ref<const std::string&>());
          }
        }
      } else {
        visit_strings_json(item.value(), keys, on_string);
      }
    }
  } else if (j.is_array()) {
    for (const auto& item : j) {
      visit_strings_json(item, keys, on_string);
    }
  }
}

}  // namespace

PgNode::operator bool() const { return m_json != nullptr && !m_json->is_null(); }

std::string_view PgNode::type() const {
  if (m_json == nullptr || !is_typed(*m_json)) {
    return {};
  }
  return m_json->begin().key();
}

PgNode PgNode::body() const {
  if (m_json == nullptr || !is_typed(*m_json)) {
    return *this;
  }
  return PgNode(&m_json->begin().value());
}

PgNode PgNode::operator[](std::string_view key) const {
  const auto b = body();
  if (b.m_json == nullptr || !b.m_json->is_object()) {
    return {};
  }
  const auto it = b.m_json->find(key);
  return it == b.m_json->end() ? PgNode() : PgNode(&*it);
}

std::string PgNode::str(std::string_view key) const {
  const auto child = (*this)[key];
  return child && child.m_json->is_string() ? child.m_json->get<std::string>() : std::string();
}

std::int64_t PgNode::integer(std::string_view key) const {
  const auto child = (*this)[key];
  return child && child.m_json->is_number_integer() ? child.m_json->get<std::int64_t>() : 0;
}

bool PgNode::flag(std::string_view key) const {
  const auto child = (*this)[key];
  return child && child.m_json->is_boolean() && child.m_json->get<bool>();
}

std::vector<PgNode> PgNode::list(std::string_view key) const {
  std::vector<PgNode> out;
  const auto child = (*this)[key];
  if (child && child.m_json->is_array()) {
    for (const auto& item : *child.m_json) {
      out.emplace_back(&item);
    }
  }
  return out;
}

int PgNode::location() const {
  const auto child = (*this)["location"];
  return child && child.m_json->is_number_integer() ? child.m_json->get<int>() : -1;
}

std::string PgNode::string_value() const { return is("String") ? str("sval") : std::string(); }

void PgNode::visit(const std::function<void(const PgNode&)>& on_node) const {
  if (m_json != nullptr) {
    visit_json(*m_json, on_node);
  }
}

void PgNode::visit_strings(
    const std::vector<std::string_view>& keys,
    const std::function<void(std::string_view key, const std::string&)>& on_string) const {
  if (m_json != nullptr) {
    visit_strings_json(*m_json, keys, on_string);
  }
}

std::string joined_names(const std::vector<PgNode>& names) {
  std::string out;
  for (const auto& n : names) {
    out += (out.empty() ? "" : ".") + n.string_value();
  }
  return out;
}

std::string last_name(const std::vector<PgNode>& names) {
  return names.empty() ? std::string() : names.back().string_value();
}

}  // namespace migrator::lint
