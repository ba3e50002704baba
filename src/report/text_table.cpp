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

namespace {

// `text` cut to `width` columns, its last one "…" when cut.
std::string cut_to(const std::string& text, std::size_t width) {
  if (display_width(text) <= width) {
    return text;
  }
  std::size_t end = 0;
  for (std::size_t kept = 0; end < text.size() && kept + 1 < width;) {
    ++end;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      ++end;  // a character's continuation bytes stay with it
    }
    ++kept;
  }
  return text.substr(0, end) + "…";
}

}  // namespace

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
  if (m_fit.width > 0 && m_fit.column < widths.size()) {
    std::size_t total = 2 * (widths.size() - 1);
    for (const auto w : widths) {
      total += w;
    }
    auto& w = widths[m_fit.column];
    const auto floor = std::max<std::size_t>(display_width(m_columns[m_fit.column].title), 16);
    if (total > m_fit.width && w > floor) {
      w = std::max(floor, w - std::min(w, total - m_fit.width));
    }
  }
  auto line = [&](const std::vector<std::string>& cells, bool header) {
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const auto text = c == m_fit.column && m_fit.width > 0 ? cut_to(cells[c], widths[c]) : cells[c];
      const auto pad = std::string(widths[c] - display_width(text), ' ');
      const auto cell = header ? util::styled(text, util::Style::bold, bold_header) : text;
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
