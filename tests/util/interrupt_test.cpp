#include <catch2/catch.hpp>
#include <signal.h>

#include "core/error.hpp"
#include "util/interrupt.hpp"

using namespace migrator;

TEST_CASE("interrupt: a signal runs the registered cancellers and stops new work", "[util]") {
  int cancelled = 0;
  {
    util::CancelRegistration registration([&] { ++cancelled; });
    util::stop_if_interrupted();  // nothing asked yet
    util::simulate_interrupt(SIGTERM);
    CHECK(cancelled == 1);
    CHECK(util::interrupted());
    try {
      util::stop_if_interrupted();
      FAIL("no stop after SIGTERM");
    } catch (const core::Interrupted& e) {
      CHECK(std::string(e.what()) == "terminated (SIGTERM)");
      CHECK(e.exit_code() == 143);
    }
  }
  util::simulate_interrupt(0);
  util::simulate_interrupt(SIGINT);  // the registration is gone: not called again
  CHECK(cancelled == 1);
  CHECK(util::interrupt_name(SIGINT) == "interrupted (SIGINT)");
  util::simulate_interrupt(0);
  CHECK_FALSE(util::interrupted());
}
