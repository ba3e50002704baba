#include "plan/atlas_sum.hpp"

#include <set>
#include <string>
#include <string_view>

#include "plan/plan_file.hpp"
#include "util/sha256.hpp"

namespace migrator::plan {
namespace {

constexpr std::string_view k_prefix = "h1:";
const char* const k_rehash = "`atlas migrate hash` writes it again from the migrations";

struct SumLine {
  std::string name;
  std::string hash;
  int line = 0;
};

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

core::Diagnostics atlas_sum_problems(const std::filesystem::path& sum_file,
                                     const std::vector<std::filesystem::path>& migration_files) {
  core::Diagnostics out;
  const auto text = read_plan_file(sum_file, out);
  if (!text) {
    return out;
  }
  const auto dir = sum_file.parent_path();
  // Lines as Go's bufio.Scanner gives them to Atlas: split at \n, a \r before it dropped.
  std::string total;
  std::vector<SumLine> lines;
  int number = 0;
  for (std::size_t from = 0; from < text->size();) {
    const auto end = std::min(text->find('\n', from), text->size());
    const auto line = trimmed(std::string_view(*text).substr(from, end - from));
    from = end + 1;
    ++number;
    if (number == 1) {
      total = line.starts_with(k_prefix) ? std::string(line.substr(k_prefix.size())) : "";
      if (total.empty()) {
        out.push_back({{sum_file, 1, 1}, "", "the first line is not atlas.sum's sum (h1:...)", k_rehash});
        return out;
      }
      continue;
    }
    const auto at = line.find(k_prefix);
    if (at == std::string_view::npos) {
      out.push_back({{sum_file, number, 1}, "", "not a line of atlas.sum (NAME h1:HASH)", k_rehash});
      return out;
    }
    lines.push_back({std::string(trimmed(line.substr(0, at))), std::string(line.substr(at + k_prefix.size())), number});
  }

  if (number == 0) {
    out.push_back({{sum_file, 1, 1}, "", "the first line is not atlas.sum's sum (h1:...)", k_rehash});
    return out;
  }
  util::RunningSha256 sum_of_lines;
  for (const auto& l : lines) {
    sum_of_lines.update(l.name);
    sum_of_lines.update(l.hash);
  }
  if (sum_of_lines.base64() != total) {
    out.push_back({{sum_file, 1, 1}, "",
                   "its first line does not sum the lines after it: the file was edited by hand, or merged from "
                   "two branches",
                   std::string(k_rehash) + ", once the migrations' order is the one meant"});
  }

  // Each line's hash covers every file before it: after the first that differs, all do.
  util::RunningSha256 running;
  for (const auto& l : lines) {
    const auto file = dir / l.name;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
      out.push_back({{sum_file, l.line, 1}, "", "lists " + l.name + ", which is not in the directory",
                     "a migration removed or renamed after hashing; " + std::string(k_rehash)});
      break;
    }
    const auto content = read_plan_file(file, out);
    if (!content) {
      break;
    }
    running.update(l.name);
    running.update(*content);
    if (running.base64() != l.hash) {
      out.push_back({{file, 0, 0}, "",
                     "changed since atlas.sum hashed it (line " + std::to_string(l.line) + " of atlas.sum)",
                     "a migration that ran anywhere should not change; if this edit is meant, `atlas migrate "
                     "hash` records it"});
      break;
    }
  }

  std::set<std::string> listed;
  for (const auto& l : lines) {
    listed.insert(l.name);
  }
  for (const auto& file : migration_files) {
    if (listed.count(file.lexically_relative(dir).generic_string()) == 0) {
      out.push_back({{file, 0, 0}, "", "not in atlas.sum: added after `atlas migrate hash` last ran",
                     "run `atlas migrate hash`, which Atlas's own checks ask for"});
    }
  }
  return out;
}

}  // namespace migrator::plan
