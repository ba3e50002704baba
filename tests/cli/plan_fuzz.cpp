#include "cli/plan_fuzz.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <random>

#include "support/cli.hpp"
#include "support/command.hpp"
#include "support/db.hpp"
#include "support/temp_dir.hpp"

namespace migrator::test {
namespace {

namespace fs = std::filesystem;

// Plans and what apply needs to run them quickly: a tiny data set.
constexpr std::array<const char*, 4> k_plans{"vendor_normalization", "construction_receipts", "tax_amount",
                                             "benchmarks"};
// A wait no case should come near: reaching it is a hang.
constexpr int k_timeout_seconds = 60;

struct Mutation {
  std::string description;
  fs::path file;  // the plan file it changed (or renamed to)
};

std::string read_binary(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write_binary(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

std::size_t pick(std::mt19937& random, std::size_t size) {
  return size == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, size - 1)(random);
}

// The offset just after a "key: " on a random line, or npos when the text has none.
std::size_t random_value_offset(std::mt19937& random, const std::string& text) {
  std::vector<std::size_t> offsets;
  for (std::size_t at = text.find(": "); at != std::string::npos; at = text.find(": ", at + 2)) {
    offsets.push_back(at + 2);
  }
  return offsets.empty() ? std::string::npos : offsets[pick(random, offsets.size())];
}

std::string replace_value(std::mt19937& random, std::string text, const std::string& value) {
  const auto at = random_value_offset(random, text);
  if (at == std::string::npos) {
    return text + value;
  }
  const auto end = text.find('\n', at);
  return text.replace(at, (end == std::string::npos ? text.size() : end) - at, value);
}

Mutation mutate(std::mt19937& random, const fs::path& plan_dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(plan_dir)) {
    if (entry.path().extension() == ".yaml") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  const auto file = files[pick(random, files.size())];
  auto text = read_binary(file);
  const auto at = pick(random, text.size());
  static const std::array<std::string, 10> k_values{
      "[1, 2, 3]", "{a: b}", "~", "''", "-1", "99999999999999999999", "true", "\"\\0\"", "!!binary aGk=", "*alias"};
  std::string description;
  switch (std::uniform_int_distribution<int>(0, 11)(random)) {
    case 0:
      text[at] = static_cast<char>(text[at] ^ (1 << pick(random, 8)));
      description = "flipped a bit at byte " + std::to_string(at);
      break;
    case 1:
      text.resize(at);
      description = "cut at byte " + std::to_string(at);
      break;
    case 2: {
      const auto& value = k_values[pick(random, k_values.size())];
      text = replace_value(random, text, value);
      description = "a value replaced by " + value;
      break;
    }
    case 3:
      text.insert(at, 1, '\0');
      description = "a NUL at byte " + std::to_string(at);
      break;
    case 4:
      text.insert(at, pick(random, 2) == 0 ? "\xff\xfe" : "\xc3");
      description = "invalid UTF-8 at byte " + std::to_string(at);
      break;
    case 5:
      text = replace_value(random, text, std::string(200000, 'x'));
      description = "a value of 200,000 bytes";
      break;
    case 6: {
      const auto depth = 1 + pick(random, 20000);
      text = replace_value(random, text, std::string(depth, '[') + std::string(depth, ']'));
      description = "a value nested " + std::to_string(depth) + " deep";
      break;
    }
    case 7: {
      const auto line_start = text.rfind('\n', at);
      const auto line_end = text.find('\n', at);
      if (line_start != std::string::npos && line_end != std::string::npos) {
        text.erase(line_start, line_end - line_start);
      }
      description = "a line removed near byte " + std::to_string(at);
      break;
    }
    case 8: {
      const auto line_start = text.rfind('\n', at);
      const auto line_end = text.find('\n', at);
      if (line_start != std::string::npos && line_end != std::string::npos) {
        text.insert(line_end, text.substr(line_start, line_end - line_start));
      }
      description = "a line doubled near byte " + std::to_string(at);
      break;
    }
    case 9: {
      const auto indent = text.find("\n  ", at);
      if (indent != std::string::npos) {
        text.erase(indent + 1, 2);
      }
      description = "a line's indent removed after byte " + std::to_string(at);
      break;
    }
    case 10: {
      static const std::array<std::string, 7> k_names{
          "001 spaced name.yaml", "0001_dup.yaml", "1_x.yaml", "001_.yaml", "001_caf\xc3\xa9.yaml",
          "001_" + std::string(300, 'n') + ".yaml", "-1_negative.yaml"};
      const auto& name = k_names[pick(random, k_names.size())];
      std::error_code error;
      fs::rename(file, plan_dir / name, error);
      description = "renamed to \"" + name.substr(0, 40) + "\"" + (error ? " (refused: " + error.message() + ")" : "");
      return {description, error ? file : plan_dir / name};
    }
    default:
      text.insert(at, "\n- ");
      description = "a list item inserted at byte " + std::to_string(at);
      break;
  }
  write_binary(file, text);
  return {file.filename().string() + ": " + description, file};
}

int parse_code(const std::string& output, const std::string& label) {
  const auto at = output.rfind(label + "=");
  return at == std::string::npos ? -1 : std::stoi(output.substr(at + label.size() + 1));
}

void run_case(int index, const TempDir& base) {
  std::mt19937 random(static_cast<std::uint32_t>(index) * 2654435761u + 17);
  TempDir dir;
  fs::copy(base / "scenarios", dir / "scenarios", fs::copy_options::recursive);
  fs::copy_file(base / "canary.db", dir / "app.db");
  const std::string plan = k_plans[pick(random, k_plans.size())];
  const auto mutation = mutate(random, dir / "scenarios" / plan);
  INFO("fuzz case " << index << ": " << plan << "/" << mutation.description);

  const auto quoted = shell_quote((dir / "scenarios" / plan).string());
  const auto timeout = "timeout -s KILL " + std::to_string(k_timeout_seconds) + " ";
  const auto output = run_command(
      "cd " + shell_quote(dir.path().string()) + " && " + timeout + migrator_command("check " + quoted + " -q") +
      " >check.err 2>&1; echo check=$?; " + timeout +
      migrator_command("apply " + quoted + " --db sqlite:app.db --scale 0.001 -q") + " >/dev/null 2>apply.err; echo apply=$?");
  for (const auto* command : {"check", "apply"}) {
    const int code = parse_code(output.output, command);
    const auto err = read_text(dir / (std::string(command) + ".err"));
    INFO(command << " exited " << code << "\n" << err.substr(0, 2000));
    CHECK(code >= 0);
    CHECK(code <= 3);  // 137: killed by the timeout (a hang); above 128: a signal
    CHECK(err.find("internal error") == std::string::npos);
    CHECK(err.find("AddressSanitizer") == std::string::npos);
    CHECK(err.find("runtime error") == std::string::npos);
    if (code == 2) {
      // A plan error names where: the plan directory or one of its files (check reports on
      // stdout, which is in check.err too).
      CHECK((err.find(plan) != std::string::npos || err.find(".yaml") != std::string::npos));
    }
  }
  if (parse_code(output.output, "apply") == 2) {
    CHECK(read_binary(dir / "app.db") == read_binary(base / "canary.db"));
  }
}

}  // namespace

void fuzz_plans(int first, int count) {
  TempDir base;
  fs::copy(fs::path(MIGRATOR_SOURCE_DIR) / "scenarios", base / "scenarios", fs::copy_options::recursive);
  {
    auto canary = connect("sqlite:" + (base / "canary.db").string());
    canary->exec("CREATE TABLE canary (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO canary VALUES (1, 'untouched')");
  }
  for (int index = first; index < first + count; ++index) {
    run_case(index, base);
  }
}

}  // namespace migrator::test
