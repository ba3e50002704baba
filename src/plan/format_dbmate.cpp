// dbmate: VERSION_name.sql, its up and down SQL in sections that begin at a line
// `-- migrate:up` and a line `-- migrate:down`; `transaction:false` on the up line runs the
// file outside a transaction.
#include <map>
#include <regex>
#include <sstream>

#include "plan/plan_file.hpp"
#include "plan/sql_file_migration.hpp"
#include "plan/sql_formats.hpp"

namespace migrator::plan::detail {
namespace {

struct Marker {
  std::size_t line_begin = 0;  // byte offset where the marker line begins
  std::size_t body_begin = 0;  // ... and where the line after it begins
  int line = 0;                // its 1-based line number
  std::string options;         // what follows migrate:up on its line
};

struct Sections {
  std::optional<Marker> up;
  std::optional<Marker> down;
  std::optional<int> statement_before_up;  // the line of SQL above the up marker
};

Sections find_sections(const std::string& text) {
  static const std::regex k_marker(R"(--\s*migrate:(up|down)(\s.*)?)");
  Sections out;
  std::size_t begin = 0;
  for (int line = 1; begin < text.size() || begin == 0; ++line) {
    const auto newline = text.find('\n', begin);
    const auto end = newline == std::string::npos ? text.size() : newline;
    auto content = text.substr(begin, end - begin);
    if (!content.empty() && content.back() == '\r') {
      content.pop_back();
    }
    std::smatch match;
    // Only a comment line can be a marker: the regex is not run on every line of SQL.
    if (content.starts_with("--") && std::regex_match(content, match, k_marker)) {
      auto& slot = match[1] == "up" ? out.up : out.down;
      if (!slot) {
        slot = Marker{begin, newline == std::string::npos ? text.size() : newline + 1, line, match[2].str()};
      }
    } else if (!out.up && content.find_first_not_of(" \t") != std::string::npos &&
               content.find_first_not_of(" \t") != content.find("--")) {
      out.statement_before_up = out.statement_before_up.value_or(line);
    }
    if (newline == std::string::npos) {
      break;
    }
    begin = newline + 1;
  }
  return out;
}

// transaction:false -> false; nullopt when the line does not say.
std::optional<bool> transaction_option(const std::string& options) {
  std::istringstream words(options);
  std::optional<bool> out;
  for (std::string word; words >> word;) {
    if (word == "transaction:false") {
      out = false;
    } else if (word == "transaction:true") {
      out = true;
    }
  }
  return out;
}

}  // namespace

std::vector<Migration> read_dbmate(const DirListing& listing, core::Diagnostics& out, core::Diagnostics&) {
  static const std::regex k_name(R"(([0-9]+)_(.+)\.sql)");
  std::vector<Migration> migrations;
  migrations.reserve(listing.sql_files.size());  // no moves of every migration as it grows
  std::map<core::Version, std::filesystem::path> seen;
  for (const auto& file : listing.sql_files) {
    const auto name = file.filename().string();
    std::smatch match;
    if (sql_file_format(name, false) != PlanFormat::dbmate || !std::regex_match(name, match, k_name)) {
      continue;
    }
    const auto version = parse_sql_version(match[1].str(), file, out);
    const auto text = read_plan_text(file, out);
    if (!version || !text || !claim_version(seen, *version, file, out)) {
      continue;
    }
    const auto sections = find_sections(*text);
    const auto hint = "a dbmate migration holds a line `-- migrate:up`, its SQL, then a line `-- migrate:down` and the SQL that undoes it";
    if (!sections.up) {
      out.push_back({{file, 1, 1}, "", "no `-- migrate:up` line", hint});
      continue;
    }
    if (sections.down && sections.down->line_begin < sections.up->line_begin) {
      out.push_back({{file, sections.down->line, 1}, "", "`-- migrate:down` comes before `-- migrate:up`", hint});
      continue;
    }
    if (sections.statement_before_up) {
      out.push_back({{file, *sections.statement_before_up, 1}, "", "SQL above the `-- migrate:up` line would never run",
                     "move it below `-- migrate:up`, or make it a comment"});
      continue;
    }
    SqlFileParts parts;
    parts.version = *version;
    parts.name = readable_name(match[2].str());
    parts.file = file;
    const auto up_end = sections.down ? sections.down->line_begin : text->size();
    parts.up = {file, text->substr(sections.up->body_begin, up_end - std::min(up_end, sections.up->body_begin)),
                sections.up->line + 1};
    if (sections.down) {
      parts.down = SqlSection{file, text->substr(std::min(sections.down->body_begin, text->size())),
                              sections.down->line + 1};
    }
    parts.missing_down = "no `-- migrate:down` line in " + name;
    parts.transaction = transaction_option(sections.up->options);
    parts.checksum_text = *text;
    migrations.push_back(sql_file_migration(parts));
  }
  return migrations;
}

}  // namespace migrator::plan::detail
