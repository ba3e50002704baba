#include "lint/format.hpp"

#include <catch2/catch.hpp>

#include "lint/linter.hpp"
#include "plan/loader.hpp"
#include "support/temp_dir.hpp"

namespace lint = migrator::lint;
using migrator::test::TempDir;

namespace {

// The text report of a one-file plan, with the temporary directory's path cut out.
std::string text_report(const TempDir& dir) {
  const auto findings = lint::Linter().lint(migrator::plan::load(dir.path()));
  auto text = lint::format_text(findings, 1, false);
  const auto prefix = dir.path().string() + "/";
  for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix)) {
    text.erase(at, prefix.size());
  }
  return text;
}

lint::Finding sample() {
  return {"index-not-concurrent", lint::Severity::error, {"plans/a,b/001_x.yaml", 4, 7},
          "CREATE INDEX on \"receipts\" blocks writes: 100% of them", "CREATE INDEX CONCURRENTLY"};
}

}  // namespace

TEST_CASE("format: text shows the file line with a caret under the column", "[lint]") {
  TempDir dir;
  dir.write("001_index.yaml",
            "lock_timeout: 5s\n"
            "steps:\n"
            "  - name: index purchase dates\n"
            "    sql: |\n"
            "      SELECT 1;\n"
            "      CREATE INDEX receipts_date ON receipts (purchase_date);\n"
            "    rollback: DROP INDEX receipts_date;\n");
  CHECK(text_report(dir) ==
        "001_index.yaml:6:7: error[index-not-concurrent]: CREATE INDEX on \"receipts\" blocks every "
        "write to it while the index builds\n"
        " 6 |       CREATE INDEX receipts_date ON receipts (purchase_date);\n"
        "   |       ^\n"
        "  fix: CREATE INDEX CONCURRENTLY, in a migration of its own with transaction: false\n"
        "\n"
        "1 error, 0 warnings in 1 file\n");
}

TEST_CASE("format: a caret under a column after tabs and accents", "[lint]") {
  TempDir dir;
  dir.write("001_note.yaml",
            "steps:\n"
            "  - name: \"café\"\n"
            "    sql: |\n"
            "      SELECT 1;\n"
            "      \tUPDATE receipts SET note = 'é';\n"
            "    verify:\n"
            "      - name: é\n"
            "        sql: SELECT 'é', count(*) FROM receipts WHER note = 'é'\n"
            "    rollback: SELECT 1;\n");
  const auto text = text_report(dir);
  CHECK(text.find("001_note.yaml:5:8: error[unbatched-update]: UPDATE of every row of \"receipts\"") !=
        std::string::npos);
  CHECK(text.find(" 5 |       \tUPDATE receipts SET note = 'é';\n"
                  "   |       \t^\n") != std::string::npos);
  // "WHER" reads as an alias of receipts: the error is at "note", the 54th character
  CHECK(text.find("001_note.yaml:8:54: error[sql-syntax]: syntax error at or near \"note\"\n"
                  " 8 |         sql: SELECT 'é', count(*) FROM receipts WHER note = 'é'\n"
                  "   | " + std::string(53, ' ') + "^\n") != std::string::npos);
}

TEST_CASE("format: summary counts errors, warnings and files", "[lint]") {
  auto warning = sample();
  warning.severity = lint::Severity::warning;
  CHECK(lint::summary_line({}, 3) == "0 errors, 0 warnings in 3 files");
  CHECK(lint::summary_line({sample(), sample(), warning}, 1) == "2 errors, 1 warning in 1 file");
}

TEST_CASE("format: json is an array of findings", "[lint]") {
  CHECK(lint::format_json({sample()}) ==
        "[\n"
        "  {\n"
        "    \"column\": 7,\n"
        "    \"file\": \"plans/a,b/001_x.yaml\",\n"
        "    \"fix\": \"CREATE INDEX CONCURRENTLY\",\n"
        "    \"line\": 4,\n"
        "    \"message\": \"CREATE INDEX on \\\"receipts\\\" blocks writes: 100% of them\",\n"
        "    \"rule\": \"index-not-concurrent\",\n"
        "    \"severity\": \"error\"\n"
        "  }\n"
        "]\n");
  CHECK(lint::format_json({}) == "[]\n");
}

TEST_CASE("format: github annotations escape what the workflow syntax reserves", "[lint]") {
  auto warning = sample();
  warning.severity = lint::Severity::warning;
  warning.message = "two\nlines";
  CHECK(lint::format_github({sample(), warning}) ==
        "::error file=plans/a%2Cb/001_x.yaml,line=4,col=7,title=index-not-concurrent::CREATE INDEX on "
        "\"receipts\" blocks writes: 100%25 of them. fix: CREATE INDEX CONCURRENTLY\n"
        "::warning file=plans/a%2Cb/001_x.yaml,line=4,col=7,title=index-not-concurrent::two%0Alines. fix: "
        "CREATE INDEX CONCURRENTLY\n");
}
