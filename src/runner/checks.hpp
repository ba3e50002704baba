#pragma once
// Evaluating verify and preserve checks, with values compared the way SPEC says: numbers as
// numbers, decimals exactly, booleans as booleans, everything else as text.
#include <string>
#include <string_view>

#include "db/connection.hpp"
#include "plan/model.hpp"
#include "runner/observer.hpp"

namespace migrator::runner {

// Runs the check's query for the connection's dialect and judges it.
CheckOutcome run_check(db::Connection& db, const plan::Check& check);

// Judges an already fetched result (exposed for tests).
CheckOutcome judge(const plan::Check& check, const db::ResultSet& result);

// True when two values are equal as SPEC compares them ("4590.750" == "4590.75", "t" == "true").
bool values_equal(std::string_view a, std::string_view b);

// True when every cell of `after` is a number the same as or larger than the cell of `before`
// at its place (one row, the same columns): a preserve invariant with compare: at_least.
bool result_at_least(const db::ResultSet& after, const db::ResultSet& before);

// A result as one line of text, numbers canonical: the value a preserve check compares.
std::string render_result(const db::ResultSet& result);

}  // namespace migrator::runner
