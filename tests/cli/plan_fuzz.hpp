#pragma once
// A deterministic plan fuzzer (issue 9, "In CI"): the repository's scenario plans mutated
// (bytes flipped, text cut short, values swapped for other YAML types, NULs, invalid UTF-8,
// huge and deeply nested values, odd file names), each run through `migrator check` and
// `migrator apply` on SQLite. Asserted for every case: no signal, no hang, an exit code of
// 0 to 3, no "internal error", a message naming the file on a plan error, and a database
// left byte for byte as it was on exit 2.
#include <string>

namespace migrator::test {

// Runs cases [first, first + count) of the sequence (case n is the same on every machine).
void fuzz_plans(int first, int count);

}  // namespace migrator::test
