// docker-compose.yml and the Dockerfile cannot run here (no Docker engine): these tests
// hold them to what the README promises and keep the Dockerfile's package list equal to
// scripts/deps.sh, the list the launcher and CI install.
#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

namespace {

const std::filesystem::path k_source_dir{MIGRATOR_SOURCE_DIR};

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> result;
  for (std::string word; in >> word;) {
    result.push_back(word);
  }
  return result;
}

std::vector<std::string> sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  return values;
}

// The words of a bash array written as `NAME=(` ... `)` on lines of their own.
std::vector<std::string> bash_array(const std::string& script, const std::string& name) {
  std::istringstream in(script);
  std::vector<std::string> result;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    line = line.substr(0, line.find('#'));
    if (!inside) {
      inside = line.rfind(name + "=(", 0) == 0;
      continue;
    }
    if (line.find(')') != std::string::npos) {
      return result;
    }
    for (auto& word : words(line)) {
      result.push_back(word);
    }
  }
  FAIL("no array " << name << " in scripts/deps.sh");
  return result;
}

// Dockerfile instructions with their backslash continuations joined and comments dropped.
std::vector<std::string> dockerfile_instructions(const std::string& dockerfile) {
  std::istringstream in(dockerfile);
  std::vector<std::string> result;
  std::string current;
  for (std::string line; std::getline(in, line);) {
    if (words(line).empty() || words(line).front().front() == '#') {
      continue;
    }
    const bool continued = !line.empty() && line.back() == '\\';
    current += (continued ? line.substr(0, line.size() - 1) : line) + " ";
    if (!continued) {
      result.push_back(current);
      current.clear();
    }
  }
  return result;
}

// The packages named by the `apt-get install` of the Dockerfile: the words after `install`
// that are not options, up to the end of that shell command.
std::vector<std::string> dockerfile_packages(const std::string& dockerfile) {
  for (const auto& instruction : dockerfile_instructions(dockerfile)) {
    const auto tokens = words(instruction);
    auto install = std::find(tokens.begin(), tokens.end(), "install");
    if (install == tokens.end() || install == tokens.begin() || *(install - 1) != "apt-get") {
      continue;
    }
    std::vector<std::string> packages;
    for (auto it = install + 1; it != tokens.end() && *it != "&&" && *it != ";"; ++it) {
      if (it->front() != '-') {
        packages.push_back(*it);
      }
    }
    return packages;
  }
  FAIL("the Dockerfile has no apt-get install");
  return {};
}

std::string first_word_after(const std::string& dockerfile, const std::string& keyword) {
  for (const auto& instruction : dockerfile_instructions(dockerfile)) {
    const auto tokens = words(instruction);
    if (tokens.size() > 1 && tokens.front() == keyword) {
      return tokens[1];
    }
  }
  return "";
}

YAML::Node compose() { return YAML::LoadFile((k_source_dir / "docker-compose.yml").string()); }

}  // namespace

TEST_CASE("docker-compose: postgres is PostgreSQL 15 with the demo credentials", "[tooling]") {
  const auto postgres = compose()["services"]["postgres"];
  REQUIRE(postgres.IsMap());
  CHECK(postgres["image"].as<std::string>() == "postgres:15");
  const auto env = postgres["environment"];
  CHECK(env["POSTGRES_USER"].as<std::string>() == "type43_user");
  CHECK(env["POSTGRES_PASSWORD"].as<std::string>() == "type43_pass");
  CHECK(env["POSTGRES_DB"].as<std::string>() == "type43_db");

  const auto ports = postgres["ports"].as<std::vector<std::string>>();
  REQUIRE(ports.size() == 1);
  CHECK_THAT(ports.front(), Catch::EndsWith(":5432:5432"));
}

TEST_CASE("docker-compose: postgres has a pg_isready health check and a named volume",
          "[tooling]") {
  const auto file = compose();
  const auto postgres = file["services"]["postgres"];
  const auto test = postgres["healthcheck"]["test"].as<std::vector<std::string>>();
  REQUIRE(test.size() == 2);
  CHECK(test[0] == "CMD-SHELL");
  CHECK_THAT(test[1], Catch::StartsWith("pg_isready") && Catch::Contains("-U type43_user") &&
                          Catch::Contains("-d type43_db"));

  const auto volumes = postgres["volumes"].as<std::vector<std::string>>();
  REQUIRE(volumes.size() == 1);
  const auto colon = volumes.front().find(':');
  const auto volume = volumes.front().substr(0, colon);
  CHECK(volumes.front().substr(colon + 1) == "/var/lib/postgresql/data");
  CHECK(file["volumes"][volume].IsDefined());
}

TEST_CASE("docker-compose: migrator waits for a healthy postgres and gets its URL",
          "[tooling]") {
  const auto services = compose()["services"];
  const auto migrator = services["migrator"];
  REQUIRE(migrator.IsMap());
  CHECK(migrator["depends_on"]["postgres"]["condition"].as<std::string>() == "service_healthy");

  const auto env = services["postgres"]["environment"];
  const auto expected_url = "postgresql://" + env["POSTGRES_USER"].as<std::string>() + ":" +
                            env["POSTGRES_PASSWORD"].as<std::string>() + "@postgres:5432/" +
                            env["POSTGRES_DB"].as<std::string>();
  CHECK(expected_url == "postgresql://type43_user:type43_pass@postgres:5432/type43_db");
  CHECK(migrator["environment"]["DATABASE_URL"].as<std::string>() == expected_url);

  const auto build = migrator["build"];
  CHECK(build["context"].as<std::string>() == ".");
  const auto dockerfile = k_source_dir / build["dockerfile"].as<std::string>();
  CHECK(std::filesystem::is_regular_file(dockerfile));
}

TEST_CASE("Dockerfile: installs the packages of scripts/deps.sh on Debian 12", "[tooling]") {
  const auto dockerfile = migrator::test::read_text(k_source_dir / "Dockerfile");
  const auto deps = migrator::test::read_text(k_source_dir / "scripts" / "deps.sh");

  const auto expected = bash_array(deps, "MIGRATOR_BUILD_PACKAGES");
  CHECK(std::find(expected.begin(), expected.end(), "libsoci-dev") != expected.end());
  CHECK(sorted(dockerfile_packages(dockerfile)) == sorted(expected));

  CHECK(first_word_after(dockerfile, "FROM") == "debian:bookworm-slim");
  CHECK(first_word_after(dockerfile, "WORKDIR") == "/opt/migrator");
  CHECK_THAT(first_word_after(dockerfile, "ENTRYPOINT"), Catch::Contains("migrator"));
}

