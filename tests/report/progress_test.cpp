#include "report/progress.hpp"

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <pty.h>
#include <unistd.h>

#include <chrono>
#include <thread>

using migrator::report::ProgressBar;

namespace {

// A pseudo-terminal: the bar draws only on a terminal. What it draws is read from the master.
struct Terminal {
  Terminal() {
    REQUIRE(openpty(&master, &slave, nullptr, nullptr, nullptr) == 0);
    fcntl(master, F_SETFL, O_NONBLOCK);
    out = fdopen(slave, "w");
  }
  ~Terminal() {
    std::fclose(out);
    close(master);
  }
  std::string drawn() {
    std::string text;
    char buffer[4096];
    for (ssize_t n; (n = read(master, buffer, sizeof buffer)) > 0;) {
      text.append(buffer, static_cast<std::size_t>(n));
    }
    return text;
  }
  int master = -1;
  int slave = -1;
  std::FILE* out = nullptr;
};

std::size_t redraws(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text) {
    n += c == '\r' ? 1 : 0;
  }
  return n;
}

}  // namespace

TEST_CASE("progress: work of unknown size keeps its time moving on a terminal", "[report]") {
  Terminal terminal;
  ProgressBar bar(terminal.out, true);
  bar.update("checking: every receipt has items", 0, 0);
  // One long statement: nobody calls update, the line is redrawn all the same.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const auto text = terminal.drawn();
  CHECK(text.find("checking: every receipt has items  ...  0.0 s") != std::string::npos);
  CHECK(redraws(text) >= 3);  // every quarter of a second
  CHECK(text.find(" s") != std::string::npos);
  bar.clear();
  // Cleared, it stays quiet until the next update.
  terminal.drawn();
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  CHECK(redraws(terminal.drawn()) == 0);
}

TEST_CASE("progress: a counted bar shows done of total, the rate and the time", "[report]") {
  Terminal terminal;
  ProgressBar bar(terminal.out, true);
  bar.update("receipts", 0, 100);
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  bar.update("receipts", 50, 100);
  const auto text = terminal.drawn();
  CHECK(text.find("receipts           [############............]  50/100") != std::string::npos);
  CHECK(text.find(" rows/s") != std::string::npos);
}

TEST_CASE("progress: nothing is drawn where the output is not a terminal", "[report]") {
  std::FILE* file = std::tmpfile();
  {
    ProgressBar bar(file, true);
    bar.update("receipts", 1, 2);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  CHECK(std::ftell(file) == 0);
  std::fclose(file);
}
