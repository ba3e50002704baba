#pragma once
// A migration's version: 64 bits, so that the timestamps dbmate, golang-migrate, diesel and
// Atlas write (20240101120000) are versions too.
//
// Flyway's dotted versions (1.1, 2.0.3; V1_1__ in a file name) are keys in the same
// integer space: bit 62 marks one, and the bits below it code its parts so that comparing
// two keys as integers orders them as Flyway does (part by part, numerically; 1.1 < 1.2 <
// 1.10 < 2). The code is reversible, so a key is shown as the text it came from, and it is
// what history stores and SQL sorts. A plan in which some version is dotted keys all its
// versions that way (version 3 there is the dotted key of "3", not 3).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace migrator::core {

using Version = std::int64_t;

// True for the key of a dotted version.
bool is_dotted(Version version);

// The parts of a version as written: digits, or digits separated by dots or (Flyway's
// file names) underscores: "12" -> {12}, "2.0.3" -> {2, 0, 3}, "1_1" -> {1, 1}. Nullopt
// for anything else, a part beyond 62 bits included.
std::optional<std::vector<std::uint64_t>> version_parts(std::string_view text);

// The dotted key of `parts`; nullopt when they do not fit in the 62 bits (a version of up
// to about six short parts, or a timestamp and a few more, fits).
std::optional<Version> dotted_version(std::span<const std::uint64_t> parts);

// `version` as a key of a plan or history that uses dotted keys: a whole number n becomes
// the key of "n"; a dotted key is returned as it is.
Version as_dotted(Version version);

// The version as a person writes it: "12", "20240101120000", "1.1".
std::string version_text(Version version);
// As a heading in reports: whole numbers padded as plans name their files ("003"), a dotted
// version as written.
std::string version_heading(Version version);

}  // namespace migrator::core
