#include <algorithm>
#include <set>

#include "lint/rules/helpers.hpp"
#include "lint/rules/rules.hpp"

namespace migrator::lint::rules {
namespace {

// PostgreSQL's NAMEDATALEN - 1: longer names are cut with only a NOTICE.
constexpr std::size_t k_max_identifier_bytes = 63;

// The identifier a token spells (without its double quotes); "" for a string or a symbol.
// PostgreSQL's parser has already cut long names in its tree, so they are read from the text
// (the SQLite tokenizer reads PostgreSQL's words and quoted names the same way).
std::string identifier(const SqliteToken& token) {
  if (!token.word.empty()) {
    return std::string(token.text);
  }
  if (token.text.size() >= 2 && token.text.front() == '"' && token.text.back() == '"') {
    return std::string(token.text.substr(1, token.text.size() - 2));
  }
  return {};
}

// At most `bytes` of `name`, without splitting a UTF-8 character.
std::string first_bytes(const std::string& name, std::size_t bytes) {
  auto end = std::min(bytes, name.size());
  while (end > 0 && end < name.size() && (static_cast<unsigned char>(name[end]) & 0xC0U) == 0x80U) {
    --end;
  }
  return name.substr(0, end);
}

// `name` cut to 63 bytes, as PostgreSQL does.
std::string truncated(const std::string& name) { return first_bytes(name, k_max_identifier_bytes); }

// What a message shows of a name: whole when short, else its start ("select concat(…").
std::string shown(const std::string& name) {
  constexpr std::size_t k_shown_bytes = 40;
  const auto line_end = name.find_first_of("\r\n");
  if (name.size() <= 2 * k_shown_bytes && line_end == std::string::npos) {
    return quote_name(name);
  }
  return quote_name(first_bytes(name, std::min(line_end, k_shown_bytes)) + "\u2026");
}

class IdentifierTooLong final : public Rule {
 public:
  IdentifierTooLong()
      : Rule("identifier-too-long", Severity::error,
             "an identifier longer than 63 bytes (PostgreSQL silently cuts it)") {}

  bool applies_to(Field field) const override { return field == Field::sql || field == Field::rollback; }

  void check(const StatementContext& ctx, FindingSink& out) const override {
    if (ctx.pg == nullptr) {
      return;
    }
    std::set<std::string> seen;
    for (const auto& statement : split_sqlite(ctx.pg->text)) {
      for (const auto& token : statement.tokens) {
        check_token(ctx, token, seen, out);
      }
    }
  }

 private:
  void check_token(const StatementContext& ctx, const SqliteToken& token, std::set<std::string>& seen,
                   FindingSink& out) const {
    const auto name = identifier(token);
    if (name.size() <= k_max_identifier_bytes || !seen.insert(name).second) {
      return;
    }
    // A line break in a quoted name: a string in double quotes, as MySQL and SQLite take them.
    if (name.find_first_of("\r\n") != std::string::npos) {
      report(out, ctx.field.at(ctx.pg->offset + token.offset),
             "identifier " + shown(name) + " is " + std::to_string(name.size()) +
                 " bytes over several lines: a string in double quotes, which PostgreSQL reads as a name",
             "PostgreSQL takes a string in single quotes ('...', a ' inside doubled); double quotes name a "
             "table or column");
      return;
    }
    report(out, ctx.field.at(ctx.pg->offset + token.offset),
           "identifier " + shown(name) + " is " + std::to_string(name.size()) +
               " bytes: PostgreSQL cuts it to " + quote_name(truncated(name)) +
               ", and two names that differ only after that become one",
           "shorten it to 63 bytes or fewer");
  }
};

}  // namespace

const Rule& identifier_too_long() {
  static const IdentifierTooLong rule;
  return rule;
}

}  // namespace migrator::lint::rules
