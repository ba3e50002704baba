#pragma once
// Generates a table's rows on a worker thread while the calling thread writes them: on two
// cores the generator's share of a load (12-15% on SQLite, perf of bench
// construction_receipts) runs beside the database's. Rows travel in blocks of a few thousand
// through a bounded queue, so memory stays flat; they reach `sink` in order, on the calling
// thread (the database connection and the progress output stay on it).
#include <cstdint>

#include "generate/generator.hpp"

namespace migrator::generate {

// generator.write(table, ...) with the writing moved off the generating thread. Returns the
// rows written. An exception from `sink` stops the worker and is rethrown here; so is one
// from the generator.
std::uint64_t write_pipelined(Generator& generator, Table table, RowSink& sink);

}  // namespace migrator::generate
