#pragma once
// Pages checked as a person sees them: Debian's chromium, headless, renders a page to a PNG
// (read back with libpng) and reports what its layout engine drew. The tests fail, never
// skip, when chromium is missing: scripts/test installs it.
#include <filesystem>
#include <string>
#include <vector>

namespace migrator::test {

// Renders `page` at `width` x `height` CSS pixels into `png`; throws with chromium's output
// when it fails.
void screenshot(const std::filesystem::path& page, const std::filesystem::path& png, int width, int height);

// The share of pixels of `png` that differ from its top-left pixel (the page's background):
// 0 for a blank page.
double ink_share(const std::filesystem::path& png);

struct RenderedChart {
  std::string title;     // the chart's visible title text
  double title_width = 0;  // its width as laid out, in CSS pixels
  int bars = 0;          // bars drawn wider than nothing
  double height = 0;     // the chart's height on the page
};

// Every <svg class="chart"> of `page` as chromium laid it out (a copy of the page with a
// measuring script is loaded; the page itself has none).
std::vector<RenderedChart> rendered_charts(const std::filesystem::path& page);

}  // namespace migrator::test
