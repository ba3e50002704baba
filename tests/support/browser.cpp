#include "support/browser.hpp"

#include <png.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "support/command.hpp"

namespace migrator::test {
namespace {

// --no-sandbox: the tests run as root on CI, where chromium's sandbox refuses to start.
std::string chromium(const std::string& arguments) {
  return "chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run " + arguments;
}

std::string file_url(const std::filesystem::path& page) {
  return "file://" + std::filesystem::absolute(page).string();
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// &quot; &amp; &lt; &gt; &#39; back to text (what --dump-dom escapes in an attribute).
std::string unescaped(std::string text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    const auto end = text.find(';', i);
    const auto entity = text.substr(i, end - i + 1);
    out += entity == "&quot;" ? "\"" : entity == "&amp;" ? "&" : entity == "&lt;" ? "<" : entity == "&gt;" ? ">" : "'";
    i = end;
  }
  return out;
}

constexpr const char* k_measure = R"(<script>
const charts = [];
for (const svg of document.querySelectorAll('svg.chart')) {
  const title = svg.querySelector('text.chart-title');
  let bars = 0;
  for (const bar of svg.querySelectorAll('rect.bar')) { if (bar.getBBox().width > 0) bars++; }
  charts.push({title: title ? title.textContent : '', title_width: title ? title.getBBox().width : 0,
               bars: bars, height: svg.getBoundingClientRect().height});
}
document.body.setAttribute('data-charts', JSON.stringify(charts));
</script>)";

}  // namespace

void screenshot(const std::filesystem::path& page, const std::filesystem::path& png, int width, int height) {
  std::filesystem::remove(png);
  const auto r = run_command(chromium("--screenshot=" + shell_quote(png.string()) + " --window-size=" +
                                      std::to_string(width) + "," + std::to_string(height) + " " +
                                      shell_quote(file_url(page))) +
                             " 2>&1");
  if (r.exit_code != 0 || !std::filesystem::exists(png)) {
    throw std::runtime_error("chromium did not render " + page.string() + " (exit " + std::to_string(r.exit_code) +
                             "):\n" + r.output);
  }
}

double ink_share(const std::filesystem::path& png) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_file(&image, png.c_str()) == 0) {
    throw std::runtime_error("cannot read " + png.string() + ": " + image.message);
  }
  image.format = PNG_FORMAT_RGB;
  std::vector<png_byte> pixels(PNG_IMAGE_SIZE(image));
  if (png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr) == 0) {
    throw std::runtime_error("cannot decode " + png.string() + ": " + image.message);
  }
  const std::size_t count = pixels.size() / 3;
  std::size_t inked = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (pixels[i * 3] != pixels[0] || pixels[i * 3 + 1] != pixels[1] || pixels[i * 3 + 2] != pixels[2]) {
      ++inked;
    }
  }
  return count == 0 ? 0.0 : static_cast<double>(inked) / static_cast<double>(count);
}

std::vector<RenderedChart> rendered_charts(const std::filesystem::path& page) {
  auto html = read_file(page);
  const auto body_end = html.rfind("</body>");
  if (body_end == std::string::npos) {
    throw std::runtime_error(page.string() + " has no </body>");
  }
  html.insert(body_end, k_measure);
  const auto measured = page.parent_path() / (page.stem().string() + ".measured.html");
  std::ofstream(measured) << html;
  const auto r = run_command(chromium("--dump-dom " + shell_quote(file_url(measured))) + " 2>/dev/null");
  std::filesystem::remove(measured);
  const std::string marker = "data-charts=\"";
  const auto start = r.output.find(marker);
  if (r.exit_code != 0 || start == std::string::npos) {
    throw std::runtime_error("chromium did not lay out " + page.string() + " (exit " + std::to_string(r.exit_code) + ")");
  }
  const auto end = r.output.find('"', start + marker.size());
  const auto charts = nlohmann::json::parse(unescaped(r.output.substr(start + marker.size(), end - start - marker.size())));
  std::vector<RenderedChart> out;
  for (const auto& c : charts) {
    out.push_back({c["title"], c["title_width"], c["bars"], c["height"]});
  }
  return out;
}

}  // namespace migrator::test
