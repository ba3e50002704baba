#include "cli/app.hpp"
#include "util/interrupt.hpp"

int main(int argc, char** argv) {
  migrator::util::install_interrupt_handlers();
  return migrator::cli::run(argc, argv);
}
