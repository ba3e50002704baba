#include "lint/parse_cache.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace migrator::lint {

const PgParse& ParseCache::get(const plan::SqlText& text) {
  const auto it = m_parses.find(&text);
  if (it != m_parses.end()) {
    return it->second;
  }
  return m_parses.emplace(&text, PgParse::parse(text.text)).first->second;
}

PgParse ParseCache::take(const plan::SqlText& text) {
  const auto it = m_parses.find(&text);
  if (it == m_parses.end()) {
    return PgParse::parse(text.text);
  }
  auto parse = std::move(it->second);
  m_parses.erase(it);
  return parse;
}

namespace {

bool mentions_an_index(std::string_view sql) {
  std::string upper(sql);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  return upper.find("INDEX") != std::string::npos || upper.find("UNIQUE") != std::string::npos ||
         upper.find("PRIMARY") != std::string::npos;
}

}  // namespace

const std::vector<ParseCache::CreatedIndex>& ParseCache::created_indexes(const plan::Plan& plan,
                                                                          std::size_t after) {
  if (m_created_indexes && after >= m_created_after) {
    return *m_created_indexes;
  }
  m_created_indexes.emplace();
  m_created_after = after;
  for (std::size_t i = after + 1; i < plan.migrations.size(); ++i) {
    for (const auto& step : plan.migrations[i].steps) {
      const auto* sql = std::get_if<plan::Sql>(&step.action);
      const auto* text = sql != nullptr ? sql->for_dialect(core::Dialect::postgres) : nullptr;
      if (text == nullptr || !mentions_an_index(text->text)) {
        continue;
      }
      SchemaState seen;  // what this text alone creates
      for (const auto& statement : get(*text).statements()) {
        seen.track(statement, text->loc);
      }
      for (auto& [name, index] : seen.indexes) {
        m_created_indexes->push_back({i, std::move(index)});
      }
    }
  }
  return *m_created_indexes;
}

}  // namespace migrator::lint
