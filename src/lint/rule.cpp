#include "lint/rule.hpp"

#include <utility>

#include "util/line_col.hpp"

namespace migrator::lint {

std::string_view to_string(Field field) {
  switch (field) {
    case Field::sql:
      return "sql";
    case Field::rollback:
      return "rollback";
    case Field::verify:
      return "verify";
    case Field::preserve:
      return "preserve";
  }
  return "sql";
}

core::SourceLoc FieldContext::at(std::size_t offset) const {
  if (exact_loc) {
    return source.loc;
  }
  const auto lc = util::line_col(source.text, offset);
  auto loc = source.loc;
  loc.line += lc.line_delta;
  loc.column = (loc.column > 0 ? loc.column : 1) + lc.column - 1;
  return loc;
}

core::SourceLoc StatementContext::at_statement() const {
  return field.at(pg != nullptr ? pg->offset : sqlite->offset);
}

core::SourceLoc StatementContext::at_node(const PgNode& node) const {
  const auto location = node ? node.location() : -1;
  if (pg == nullptr || location < 0) {
    return at_statement();
  }
  return field.at(pg->base + static_cast<std::size_t>(location));
}

std::string_view StatementContext::text() const { return pg != nullptr ? pg->text : sqlite->text; }

void FindingSink::add(std::string_view rule, Severity severity, core::SourceLoc loc, std::string message,
                      std::string fix) {
  m_findings.push_back({std::string(rule), severity, std::move(loc), std::move(message), std::move(fix)});
}

Findings FindingSink::take() { return std::exchange(m_findings, {}); }

std::string quote_name(std::string_view name) { return "\"" + std::string(name) + "\""; }

}  // namespace migrator::lint
