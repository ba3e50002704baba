#include "util/edit_distance.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <string_view>

using migrator::util::edit_distance;
using migrator::util::nearest;

TEST_CASE("edit_distance: each kind of edit counts one, a swap of neighbours included", "[util]") {
  CHECK(edit_distance("status", "status") == 0);
  CHECK(edit_distance("statu", "status") == 1);   // inserted
  CHECK(edit_distance("statuss", "status") == 1);  // deleted
  CHECK(edit_distance("statas", "status") == 1);   // substituted
  CHECK(edit_distance("stauts", "status") == 1);   // swapped
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("ca", "abc") == 3);  // optimal string alignment: no edit of a swapped pair
}

TEST_CASE("nearest: a swap suggests the word it came from, before a shorter one as near", "[util]") {
  constexpr std::array<std::string_view, 4> commands = {"stats", "status", "verify", "apply"};
  CHECK(nearest("stauts", commands) == "status");
  CHECK(nearest("stat", commands) == "stats");
  CHECK(nearest("aplpy", commands) == "apply");
  CHECK(nearest("deploy", commands).empty());
  constexpr std::array<std::string_view, 2> shells = {"zsh", "bash"};
  CHECK(nearest("bsh", shells) == "bash");  // the first letter is rarely the slip
}
