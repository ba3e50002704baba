#include "history/entry.hpp"

#include <stdexcept>

#include "history/serialize.hpp"

namespace migrator::history {

const std::string& Entry::definition_json() const {
  if (!m_definition_json) {
    // A caller's bug, never the user's: it read the history without the definitions it needs.
    throw std::logic_error("migration " + core::version_text(version) + " of \"" + plan +
                           "\" was read from the history without its definition");
  }
  return *m_definition_json;
}

const plan::Migration& Entry::definition() const {
  if (!m_definition) {
    m_definition = std::make_shared<const plan::Migration>(deserialize(definition_json()));
  }
  // The version and checksum are the row's own, also after it was re-keyed (dotted versions).
  if (m_definition->version != version || m_definition->sha256 != checksum) {
    auto mine = std::make_shared<plan::Migration>(*m_definition);
    mine->version = version;
    mine->sha256 = checksum;
    m_definition = std::move(mine);
  }
  return *m_definition;
}

void Entry::set_definition(const plan::Migration& migration, core::Dialect dialect) {
  set_definition_json(serialize(migration, dialect));
}

void Entry::set_definition_json(std::string json) {
  m_definition_json = std::move(json);
  m_definition.reset();
}

}  // namespace migrator::history
