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
  // Every line ends with "\n"; trailing spaces are trimmed. `bold_header` styles the titles.
  std::string render(bool bold_header = false) const;

 private:
  std::vector<Column> m_columns;
  std::vector<std::vector<std::string>> m_rows;
};

// Visible width of a UTF-8 string without ANSI escapes (one column per code point).
std::size_t display_width(const std::string& text);

}  // namespace migrator::report
