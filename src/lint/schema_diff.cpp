#include "lint/schema_diff.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <sstream>

namespace migrator::lint {
namespace {

std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  return {std::istream_iterator<std::string>(in), std::istream_iterator<std::string>()};
}

bool same_word(const std::string& word, std::string_view upper) {
  return word.size() == upper.size() && std::equal(word.begin(), word.end(), upper.begin(), [](char a, char b) {
           return std::toupper(static_cast<unsigned char>(a)) == b;
         });
}

// The name after CREATE [UNIQUE|CONSTRAINT] INDEX|TRIGGER [IF NOT EXISTS] in `w`, from `from`.
std::string created_name(const std::vector<std::string>& w, std::size_t from) {
  for (std::size_t i = from; i + 1 < w.size(); ++i) {
    if (same_word(w[i], "INDEX") || same_word(w[i], "TRIGGER")) {
      std::size_t name = i + 1;
      if (name + 2 < w.size() && same_word(w[name], "IF") && same_word(w[name + 1], "NOT")) {
        name += 3;
      }
      return name < w.size() ? w[name] : "";
    }
  }
  return "";
}

// Where two texts first and last differ, with a little context: "... a, b ..." each.
std::pair<std::string, std::string> difference(const std::string& a, const std::string& b) {
  constexpr std::size_t k_context = 30;
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) {
    ++head;
  }
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) {
    ++tail;
  }
  const auto start = head > k_context ? head - k_context : 0;
  const auto piece = [&](const std::string& s) {
    const auto end = std::min(s.size(), s.size() - tail + k_context);
    auto out = (start > 0 ? "..." : "") + s.substr(start, end - start) + (end < s.size() ? "..." : "");
    return shortened(out, 2 * k_context + 120);
  };
  return {piece(a), piece(b)};
}

// The names of a "columns <table> a, b, c" line.
std::vector<std::string> column_names(const std::string& line, const std::string& object) {
  std::vector<std::string> out;
  if (line.size() <= object.size() + 1) {
    return out;
  }
  const auto list = line.substr(object.size() + 1);
  for (std::size_t start = 0; start <= list.size();) {
    const auto comma = list.find(", ", start);
    out.push_back(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) {
      break;
    }
    start = comma + 2;
  }
  return out;
}

// Whether a table's columns that both sides have are in the same order: a column added or
// dropped changes the list, and its own line reports it.
bool common_columns_in_order(const std::string& object, const std::string& before, const std::string& after) {
  auto a = column_names(before, object);
  auto b = column_names(after, object);
  const auto kept = [](std::vector<std::string>& from, const std::vector<std::string>& other) {
    std::erase_if(from, [&](const std::string& name) { return std::find(other.begin(), other.end(), name) == other.end(); });
  };
  const auto a_all = a;
  kept(a, b);
  kept(b, a_all);
  return a == b;
}

}  // namespace

std::string object_of(const std::string& line) {
  const auto w = words(line);
  if (w.size() < 2) {
    return line;
  }
  // A CREATE statement after the kind (PostgreSQL's index and trigger lines, SQLite's index
  // lines after the table): the object is its name.
  if ((w[0] == "index" || w[0] == "trigger")) {
    for (std::size_t i = 1; i < std::min<std::size_t>(w.size(), 4); ++i) {
      if (same_word(w[i], "CREATE")) {
        const auto name = created_name(w, i + 1);
        return name.empty() ? line : w[0] + " " + name;
      }
    }
  }
  const bool two_word_kind = (w[0] == "materialized" && w[1] == "view") ||
                             ((w[0] == "partitioned" || w[0] == "foreign" || w[0] == "virtual") && w[1] == "table") ||
                             ((w[0] == "primary" || w[0] == "foreign") && w[1] == "key");
  const std::size_t count = two_word_kind || w[0] == "constraint" ? 3 : 2;
  std::string out;
  for (std::size_t i = 0; i < std::min(count, w.size()); ++i) {
    out += (i == 0 ? "" : " ") + w[i];
  }
  return out;
}

std::string shortened(const std::string& line, std::size_t limit) {
  if (line.size() <= limit) {
    return line;
  }
  auto cut = line.rfind(' ', limit);
  if (cut == std::string::npos || cut < limit / 2) {
    cut = limit;
  }
  return line.substr(0, cut) + " ...";
}

SchemaDiff schema_diff(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  std::vector<std::string> only_before;
  std::vector<std::string> only_after;
  std::set_difference(before.begin(), before.end(), after.begin(), after.end(), std::back_inserter(only_before));
  std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::back_inserter(only_after));
  // An object with one line on each side changed; with several (SQLite's checks of a table)
  // the lines cannot be paired, and are listed as they are.
  std::map<std::string, std::vector<const std::string*>> by_object_before;
  std::map<std::string, std::vector<const std::string*>> by_object_after;
  for (const auto& line : only_before) {
    by_object_before[object_of(line)].push_back(&line);
  }
  for (const auto& line : only_after) {
    by_object_after[object_of(line)].push_back(&line);
  }
  SchemaDiff out;
  for (const auto& line : only_before) {
    const auto object = object_of(line);
    const auto theirs = by_object_after.find(object);
    if (by_object_before[object].size() == 1 && theirs != by_object_after.end() && theirs->second.size() == 1) {
      const auto& after_line = *theirs->second.front();
      const bool columns = object.starts_with("columns ");
      if (columns && common_columns_in_order(object, line, after_line)) {
        continue;  // the added or dropped column's own line says it
      }
      auto [was, is] = difference(line, after_line);
      (columns ? out.reordered : out.changed).push_back({object, std::move(was), std::move(is)});
    } else {
      out.removed.push_back(shortened(line));
    }
  }
  for (const auto& line : only_after) {
    const auto object = object_of(line);
    const auto mine = by_object_before.find(object);
    if (mine == by_object_before.end() || mine->second.size() != 1 || by_object_after[object].size() != 1) {
      out.left.push_back(shortened(line));
    }
  }
  return out;
}

}  // namespace migrator::lint
