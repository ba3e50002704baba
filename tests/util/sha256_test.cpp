#include "util/sha256.hpp"

#include <catch2/catch.hpp>

using migrator::util::sha256_hex;
using migrator::util::sha256_hex_normalized;

TEST_CASE("sha256: known digests", "[util]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("sha256: line endings do not change the checksum", "[util]") {
  CHECK(sha256_hex_normalized("a\r\nb\r\n") == sha256_hex("a\nb\n"));
  CHECK(sha256_hex_normalized("a\rb") == sha256_hex("a\nb"));
  // Mixed endings, a \r\r\n run, \r at either end, and none at all.
  CHECK(sha256_hex_normalized("\ra\r\r\nb\nc\r") == sha256_hex("\na\n\nb\nc\n"));
  CHECK(sha256_hex_normalized("plain\ntext") == sha256_hex("plain\ntext"));
}

TEST_CASE("sha256: a running digest read at any point, in base64, goes on after it is read", "[util]") {
  migrator::util::RunningSha256 running;
  CHECK(running.base64() == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  running.update("a");
  running.update("bc");
  CHECK(running.base64() == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");  // of "abc"
  CHECK(running.base64() == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");  // reading ends nothing
}
