#pragma once
// Aligned text tables: a header row, columns padded to their widest cell, numbers right-aligned.
#include <string>
#include <vector>

namespace migrator::report {

enum class Align { left, right };

class TextTable {
 public:
  struct Column {
    std::string title;
    Align align = Align::left;
  };

  explicit TextTable(std::vector<Column> columns) : m_columns(std::move(columns)) {}
  void add_row(std::vector<std::string> cells);
  // On a terminal `width` columns wide: `column` (plain text, no styles) gives up what the
  // rows lack, its long cells cut with "…", down to its title's width or 16.
  void fit(std::size_t width, std::size_t column) { m_fit = {width, column}; }
  // Every line ends with "\n"; trailing spaces are trimmed. `bold_header` styles the titles.
  std::string render(bool bold_header = false) const;

 private:
  std::vector<Column> m_columns;
  std::vector<std::vector<std::string>> m_rows;
  struct Fit {
    std::size_t width = 0;  // 0: every cell whole
    std::size_t column = 0;
  } m_fit;
};

// Visible width of a UTF-8 string without ANSI escapes (one column per code point).
std::size_t display_width(const std::string& text);

}  // namespace migrator::report
