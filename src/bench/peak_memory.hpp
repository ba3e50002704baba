#pragma once
// Peak resident memory of this process, resettable so that one benchmark run can be measured
// after another in the same process (Linux: /proc/self/clear_refs "5" resets VmHWM).
#include <cstdint>

namespace migrator::bench {

// Starts a new peak from the current resident size; false when the kernel refuses, in which
// case peak_rss_bytes() keeps counting from the start of the process.
bool reset_peak_rss();
// VmHWM from /proc/self/status, else getrusage's ru_maxrss.
std::uint64_t peak_rss_bytes();

}  // namespace migrator::bench
