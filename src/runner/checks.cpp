#include "runner/checks.hpp"

#include <cctype>
#include <optional>

namespace migrator::runner {
namespace {

// A decimal number in canonical form: sign, digits without leading zeros, fraction without
// trailing zeros ("-012.500" -> "-12.5"). nullopt when `text` is not a plain decimal.
std::optional<std::string> canonical_decimal(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    negative = text[i] == '-';
    ++i;
  }
  std::string whole;
  std::string fraction;
  bool dot = false;
  bool any_digit = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && !dot) {
      dot = true;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      (dot ? fraction : whole) += c;
      any_digit = true;
    } else {
      return std::nullopt;
    }
  }
  if (!any_digit) {
    return std::nullopt;
  }
  whole.erase(0, whole.find_first_not_of('0'));
  fraction.erase(fraction.find_last_not_of('0') + 1);
  if (whole.empty()) {
    whole = "0";
  }
  if (whole == "0" && fraction.empty()) {
    negative = false;
  }
  return (negative ? "-" : "") + whole + (fraction.empty() ? "" : "." + fraction);
}

std::optional<bool> as_boolean(std::string_view text) {
  if (text == "t" || text == "true" || text == "TRUE" || text == "True") {
    return true;
  }
  if (text == "f" || text == "false" || text == "FALSE" || text == "False") {
    return false;
  }
  return std::nullopt;
}

std::string cell_text(const db::Cell& cell) {
  if (!cell) {
    return "NULL";
  }
  if (auto number = canonical_decimal(*cell)) {
    return *number;
  }
  return *cell;
}

std::string plural(std::size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

// -1, 0 or 1 as canonical decimal `a` is below, equal to or above `b`.
int compare_canonical(const std::string& a, const std::string& b) {
  const bool negative_a = a.starts_with('-');
  const bool negative_b = b.starts_with('-');
  if (negative_a != negative_b) {
    return negative_a ? -1 : 1;
  }
  const auto magnitude = [](std::string_view text) {
    text.remove_prefix(text.starts_with('-') ? 1 : 0);
    const auto dot = text.find('.');
    return std::pair{text.substr(0, dot), dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1)};
  };
  const auto [whole_a, fraction_a] = magnitude(a);
  const auto [whole_b, fraction_b] = magnitude(b);
  int order = whole_a.size() != whole_b.size() ? (whole_a.size() < whole_b.size() ? -1 : 1)
                                               : whole_a.compare(whole_b) < 0 ? -1 : whole_a.compare(whole_b) > 0;
  if (order == 0) {
    const auto width = std::max(fraction_a.size(), fraction_b.size());
    const auto padded = [width](std::string_view f) { return std::string(f) + std::string(width - f.size(), '0'); };
    const auto c = padded(fraction_a).compare(padded(fraction_b));
    order = c < 0 ? -1 : c > 0;
  }
  return negative_a ? -order : order;
}

}  // namespace

bool result_at_least(const db::ResultSet& after, const db::ResultSet& before) {
  if (after.rows.size() != 1 || before.rows.size() != 1 || after.rows[0].size() != before.rows[0].size()) {
    return false;
  }
  for (std::size_t i = 0; i < after.rows[0].size(); ++i) {
    const auto& a = after.rows[0][i];
    const auto& b = before.rows[0][i];
    const auto da = a ? canonical_decimal(*a) : std::nullopt;
    const auto db_ = b ? canonical_decimal(*b) : std::nullopt;
    if (!da || !db_ || compare_canonical(*da, *db_) < 0) {
      return false;
    }
  }
  return true;
}

bool values_equal(std::string_view a, std::string_view b) {
  const auto da = canonical_decimal(a);
  const auto db_ = canonical_decimal(b);
  if (da && db_) {
    return *da == *db_;
  }
  const auto ba = as_boolean(a);
  const auto bb = as_boolean(b);
  if (ba && (bb || b == "1" || b == "0")) {
    return *ba == (bb ? *bb : b == "1");
  }
  if (bb && (a == "1" || a == "0")) {
    return *bb == (a == "1");
  }
  return a == b;
}

std::string render_result(const db::ResultSet& result) {
  if (result.rows.size() == 1 && result.rows[0].size() == 1) {
    return cell_text(result.rows[0][0]);
  }
  std::string out;
  for (const auto& row : result.rows) {
    out += out.empty() ? "(" : "; (";
    for (std::size_t i = 0; i < row.size(); ++i) {
      out += (i == 0 ? "" : ", ") + cell_text(row[i]);
    }
    out += ")";
  }
  return out.empty() ? "no rows" : out;
}

CheckOutcome judge(const plan::Check& check, const db::ResultSet& result) {
  CheckOutcome outcome;
  const auto rows = result.rows.size();
  if (check.expect) {
    outcome.expected = *check.expect;
    if (rows != 1 || result.rows[0].size() != 1) {
      outcome.observed = plural(rows, "row") + " of " + plural(result.columns.size(), "column");
      outcome.expected += " (one row, one column)";
      return outcome;
    }
    const auto& cell = result.rows[0][0];
    outcome.observed = cell_text(cell);
    outcome.passed = cell && values_equal(*cell, *check.expect);
    return outcome;
  }
  if (check.expect_rows) {
    outcome.expected = plural(static_cast<std::size_t>(*check.expect_rows), "row");
    outcome.observed = plural(rows, "row");
    if (rows > 0 && rows <= 5) {  // small results are worth showing: they tell the story
      outcome.observed += ": " + render_result(result);
    }
    outcome.passed = static_cast<std::int64_t>(rows) == *check.expect_rows;
    return outcome;
  }
  outcome.expected = "no rows";
  outcome.observed = rows == 0 ? "no rows" : plural(rows, "row") + ", first " +
                                                 render_result({result.columns, {result.rows[0]}});
  outcome.passed = rows == 0;
  return outcome;
}

CheckOutcome run_check(db::Connection& db, const plan::Check& check) {
  const auto* text = check.sql.for_dialect(db.dialect());
  return judge(check, db.query(text->text));
}

}  // namespace migrator::runner
