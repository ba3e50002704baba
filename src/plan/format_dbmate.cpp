// dbmate: VERSION_name.sql, its up and down SQL in sections that begin at a line
// `-- migrate:up` and a line `-- migrate:down`; `transaction:false` on the up line runs the
// file outside a transaction.
#include <algorithm>
#include <map>
#include <optional>
#include <string_view>

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

bool regex_space(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'; }

// A marker line, `--\s*migrate:(up|down)(\s.*)?` matched by hand (std::regex over every
// comment line of 10,000 files was a twentieth of loading them): "up" or "down", and the
// rest of the line in `options`; nullopt for any other line.
std::optional<std::pair<bool, std::string>> marker(std::string_view line) {
  if (!line.starts_with("--")) {
    return std::nullopt;
  }
  std::size_t at = 2;
  while (at < line.size() && regex_space(line[at])) {
    ++at;
  }
  auto rest = line.substr(at);
  if (!rest.starts_with("migrate:")) {
    return std::nullopt;
  }
  rest.remove_prefix(8);
  const bool up = rest.starts_with("up");
  if (!up && !rest.starts_with("down")) {
    return std::nullopt;
  }
  rest.remove_prefix(up ? 2 : 4);
  // `.` matches no line break: a lone \r inside the options is no marker, as with the regex.
  if (!rest.empty() && (!regex_space(rest.front()) || rest.substr(1).find('\r') != std::string_view::npos)) {
    return std::nullopt;
  }
  return std::pair{up, std::string(rest)};
}

Sections find_sections(const std::string& text) {
  Sections out;
  std::size_t begin = 0;
  for (int line = 1; begin < text.size() || begin == 0; ++line) {
    const auto newline = text.find('\n', begin);
    const auto end = newline == std::string::npos ? text.size() : newline;
    auto content = std::string_view(text).substr(begin, end - begin);
    if (!content.empty() && content.back() == '\r') {
      content.remove_suffix(1);
    }
    if (const auto found = marker(content)) {
      auto& slot = found->first ? out.up : out.down;
      if (!slot) {
        slot = Marker{begin, newline == std::string::npos ? text.size() : newline + 1, line, found->second};
      }
    } else if (!out.up && content.find_first_not_of(" \t") != std::string_view::npos &&
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
std::optional<bool> transaction_option(std::string_view options) {
  std::optional<bool> out;
  std::size_t at = 0;
  while (at < options.size()) {
    const auto begin = options.find_first_not_of(" \t\v\f\r", at);
    if (begin == std::string_view::npos) {
      break;
    }
    const auto end = std::min(options.find_first_of(" \t\v\f\r", begin), options.size());
    const auto word = options.substr(begin, end - begin);
    if (word == "transaction:false") {
      out = false;
    } else if (word == "transaction:true") {
      out = true;
    }
    at = end;
  }
  return out;
}

}  // namespace

std::vector<Migration> read_dbmate(const DirListing& listing, core::Diagnostics& out, core::Diagnostics&) {
  std::vector<Migration> migrations;
  migrations.reserve(listing.sql_files.size());  // no moves of every migration as it grows
  std::map<core::Version, std::filesystem::path> seen;
  const auto problems_before = out.size();
  std::size_t files = 0;
  std::vector<std::string> unmarked;  // files without `-- migrate:up`
  for (const auto& file : listing.sql_files) {
    const auto name = file.filename().string();
    if (sql_file_format(name, false) != PlanFormat::dbmate) {
      continue;
    }
    // The form checked: [0-9]+_(.+)\.sql.
    const auto underscore = name.find('_');
    const auto version = parse_sql_version(name.substr(0, underscore), file, out);
    const auto text = read_plan_text(file, out);
    if (!version || !text || !claim_version(seen, *version, file, out)) {
      continue;
    }
    const auto sections = find_sections(*text);
    const auto hint = "a dbmate migration holds a line `-- migrate:up`, its SQL, then a line `-- migrate:down` and the SQL that undoes it";
    ++files;
    if (!sections.up) {
      out.push_back({{file, 1, 1}, "", "no `-- migrate:up` line", hint});
      unmarked.push_back(name);
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
    parts.name = readable_name(name.substr(underscore + 1, name.size() - underscore - 1 - 4));
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
  // Atlas's own form: VERSION_name.sql of up SQL alone, and atlas.sum. Not dbmate files that
  // lost their markers: one diagnostic that says what they are and the way to read them.
  if (listing.atlas_sum && !unmarked.empty() && unmarked.size() == files && out.size() == problems_before + files) {
    out.resize(problems_before);
    const auto dir = listing.dir.string();
    out.push_back({{listing.dir, 0, 0}, "",
                   "these are Atlas's own migration files (atlas.sum beside " + std::to_string(files) +
                       " VERSION_name.sql files, none with dbmate's `-- migrate:up`, such as " + unmarked.front() +
                       "): migrator reads the golang-migrate, dbmate and Flyway forms Atlas also writes, not its own",
                   "rename each to VERSION_name.up.sql, golang-migrate's form (up SQL alone, as Atlas's are), then "
                   "`atlas migrate hash --dir \"file://" + dir + "?format=golang-migrate\"`: Atlas reads them so too"});
  }
  return migrations;
}

}  // namespace migrator::plan::detail
