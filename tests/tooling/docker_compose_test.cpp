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

// The Dockerfile's stages: the instructions from each FROM up to the next.
std::vector<std::vector<std::string>> dockerfile_stages(const std::string& dockerfile) {
  std::vector<std::vector<std::string>> stages;
  for (const auto& instruction : dockerfile_instructions(dockerfile)) {
    const auto tokens = words(instruction);
    if (tokens.front() == "FROM") {
      stages.emplace_back();
    }
    if (!stages.empty()) {
      stages.back().push_back(instruction);
    }
  }
  return stages;
}

// The packages named by the `apt-get install` of a stage: the words after `install` that are
// not options, up to the end of that shell command.
std::vector<std::string> stage_packages(const std::vector<std::string>& stage) {
  for (const auto& instruction : stage) {
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
  FAIL("the stage has no apt-get install");
  return {};
}

// The words of a stage's first `keyword` instruction after the keyword; empty when none.
std::vector<std::string> stage_words(const std::vector<std::string>& stage, const std::string& keyword) {
  for (const auto& instruction : stage) {
    auto tokens = words(instruction);
    if (tokens.front() == keyword) {
      tokens.erase(tokens.begin());
      return tokens;
    }
  }
  return {};
}

std::string joined(const std::vector<std::string>& tokens) {
  std::string text;
  for (const auto& token : tokens) {
    text += (text.empty() ? "" : " ") + token;
  }
  return text;
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

TEST_CASE("Dockerfile: the build stage installs the packages of scripts/deps.sh and builds the .deb",
          "[tooling]") {
  const auto stages = dockerfile_stages(migrator::test::read_text(k_source_dir / "Dockerfile"));
  REQUIRE(stages.size() == 2);
  const auto& build = stages.front();
  const auto deps = migrator::test::read_text(k_source_dir / "scripts" / "deps.sh");

  const auto expected = bash_array(deps, "MIGRATOR_BUILD_PACKAGES");
  CHECK(std::find(expected.begin(), expected.end(), "libsoci-dev") != expected.end());
  CHECK(sorted(stage_packages(build)) == sorted(expected));
  CHECK(joined(stage_words(build, "FROM")) == "debian:bookworm-slim AS build");
  bool packs = false;
  for (const auto& instruction : build) {
    packs = packs || instruction.find("cpack -G DEB") != std::string::npos;
  }
  CHECK(packs);
}

TEST_CASE("Dockerfile: the image holds the .deb's runtime libraries only and runs as a user",
          "[tooling]") {
  const auto stages = dockerfile_stages(migrator::test::read_text(k_source_dir / "Dockerfile"));
  REQUIRE(stages.size() == 2);
  const auto& image = stages.back();

  CHECK(joined(stage_words(image, "FROM")) == "debian:bookworm-slim");
  CHECK(joined(stage_words(image, "COPY")) == "--from=build /migrator.deb /tmp/migrator.deb");
  // apt installs the package and, from its Depends, the runtime libraries: nothing else.
  CHECK(stage_packages(image) == std::vector<std::string>{"/tmp/migrator.deb"});
  const auto user = joined(stage_words(image, "USER"));
  CHECK(!user.empty());
  CHECK(user != "root");
  CHECK(user != "0");
  CHECK(joined(stage_words(image, "WORKDIR")) == "/opt/migrator");
  CHECK_THAT(joined(stage_words(image, "ENTRYPOINT")), Catch::Contains("migrator"));
}
