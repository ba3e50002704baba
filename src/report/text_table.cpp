#include "report/text_table.hpp"

#include <algorithm>

#include "util/terminal.hpp"

namespace migrator::report {

std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0x1b) {  // skip "\x1b[...m"
      while (i < text.size() && text[i] != 'm') {
        ++i;
      }
      continue;
    }
    width += (c & 0xC0) != 0x80 ? 1 : 0;
  }
  return width;
}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(m_columns.size());
  m_rows.push_back(std::move(cells));
}

std::string TextTable::render(bool bold_header) const {
  std::vector<std::size_t> widths(m_columns.size());
  for (std::size_t c = 0; c < m_columns.size(); ++c) {
    widths[c] = display_width(m_columns[c].title);
    for (const auto& row : m_rows) {
      widths[c] = std::max(widths[c], display_width(row[c]));
    }
  }
  auto line = [&](const std::vector<std::string>& cells, bool header) {
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const auto pad = std::string(widths[c] - display_width(cells[c]), ' ');
      const auto cell = header ? util::styled(cells[c], util::Style::bold, bold_header) : cells[c];
      out += (c == 0 ? "" : "  ");
      out += m_columns[c].align == Align::right ? pad + cell : cell + pad;
    }
    out.erase(out.find_last_not_of(' ') + 1);
    return out + "\n";
  };
  std::vector<std::string> titles;
  for (const auto& column : m_columns) {
    titles.push_back(column.title);
  }
  std::string out = line(titles, true);
  for (const auto& row : m_rows) {
    out += line(row, false);
  }
  return out;
}

}  // namespace migrator::report
