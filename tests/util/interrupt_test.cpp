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

TEST_CASE("interrupt: a signal leaves each connection one cancellation owed until it is paid or settled", "[util]") {
  util::CancelRegistration first([] {});
  util::CancelRegistration second([] {});
  CHECK_FALSE(first.pending());
  util::simulate_interrupt(SIGINT);
  CHECK(first.pending());
  CHECK(first.take_pending());  // paid by the statement that came next
  CHECK_FALSE(first.take_pending());
  CHECK(second.pending());
  util::wait_for_cancellers();  // undoing begins: nothing more is owed
  CHECK_FALSE(second.pending());
  util::simulate_interrupt(0);
  util::simulate_interrupt(SIGTERM);
  CHECK_THROWS_AS(util::stop_if_interrupted(), core::Interrupted);
  CHECK_FALSE(first.pending());  // the runner saw it first
  util::simulate_interrupt(0);
}
