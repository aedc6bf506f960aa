// reports/html_charts.cpp — see html_charts.hpp. Plain SVG 1.1 with CSS
// classes the page's inline stylesheet colours: no script, no font, no
// external reference, so the page renders the same offline.
#include "reports/html_charts.hpp"

#include "reports/xml_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <memory>

namespace mcusim {
namespace {

constexpr double kChartWidth = 760;
constexpr double kLabelWidth = 220;
constexpr double kBarHeight = 18;
constexpr double kRowHeight = 24;

// The colours of stacked parts, in order (the stylesheet's .part-N).
constexpr std::size_t kPartColours = 8;

std::string svg_open(double width, double height, const std::string& label) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "role=\"img\" aria-label=\"{2}\">\n",
      width, height, xml_escaped(label));
}

// One horizontal band of stacked parts scaled to `scale` bytes over the bar's width.
struct Band {
  std::string label;
  std::vector<std::pair<std::string, double>> parts;
  std::vector<std::pair<std::string, double>> marks;  // high-water marks: (label, offset in bytes)
};

// A band is scaled to its own total (flash and RAM differ by orders of
// magnitude); a part that is not empty gets at least a sliver. Below the
// band: a legend with every part's bytes, then the high-water marks' labels,
// one line each so they never overlap.
std::string band_svg(const Band& band, double y, std::size_t& colour) {
  const double width = kChartWidth - kLabelWidth - 20;
  double total = 0;
  for (const auto& part : band.parts) total += part.second;
  std::string svg = fmt::format("<text class=\"label\" x=\"0\" y=\"{}\">{} ({} bytes)</text>\n", y + 18,
                                xml_escaped(band.label), format_number(total));
  double x = kLabelWidth;
  double legend_x = kLabelWidth;
  for (const auto& [name, bytes] : band.parts) {
    const double w = total > 0 ? std::max(bytes > 0 ? 3.0 : 0.0, width * bytes / total) : 0;
    const std::size_t part = colour++ % kPartColours;
    svg += fmt::format(
        "<rect class=\"mem-part part-{}\" data-part=\"{}\" x=\"{:.2f}\" y=\"{}\" width=\"{:.2f}\" height=\"28\">"
        "<title>{}: {} bytes</title></rect>\n",
        part, xml_escaped(name), x, y, w, xml_escaped(name), format_number(bytes));
    svg += fmt::format(
        "<rect class=\"part-{}\" x=\"{:.0f}\" y=\"{}\" width=\"10\" height=\"10\"/>"
        "<text class=\"label\" x=\"{:.0f}\" y=\"{}\">{} {}</text>\n",
        part, legend_x, y + 36, legend_x + 14, y + 45, xml_escaped(name), format_number(bytes));
    legend_x += 22 + 7.0 * static_cast<double>(name.size() + format_number(bytes).size());
    x += w;
  }
  double mark_y = y + 62;
  for (const auto& [name, offset] : band.marks) {
    const double mx = kLabelWidth + (total > 0 ? width * std::min(offset, total) / total : 0);
    svg += fmt::format(
        "<line class=\"high-water\" x1=\"{0:.2f}\" x2=\"{0:.2f}\" y1=\"{1}\" y2=\"{2}\"><title>{3}</title></line>\n"
        "<text class=\"mark\" x=\"{4:.2f}\" y=\"{5}\">{3}</text>\n",
        mx, y - 4, mark_y - 10, xml_escaped(name), std::min(mx, kChartWidth - 160), mark_y);
    mark_y += 14;
  }
  return svg;
}

}  // namespace

std::string layer_bar_chart_svg(const Report& report) {
  if (!report.contains("layers") || !report["layers"].is_array() || report["layers"].empty()) return {};
  const Report& layers = report["layers"];
  double most = 0;
  for (const auto& layer : layers) most = std::max(most, number_at(layer, "cycles").value_or(0));
  const double height = kRowHeight * static_cast<double>(layers.size()) + 8;
  const double width = kChartWidth - kLabelWidth - 110;
  std::string svg = svg_open(kChartWidth, height, "cycles per layer, cold inference");
  double y = 4;
  for (const auto& layer : layers) {
    const double cycles = number_at(layer, "cycles").value_or(0);
    const double w = most > 0 ? std::max(1.0, width * cycles / most) : 1.0;
    const std::string name = fmt::format("{} {} ({})", format_number(layer.value("index", Report())),
                                         layer.value("name", std::string()), layer.value("op", std::string()));
    svg += fmt::format("<text class=\"label\" x=\"0\" y=\"{:.0f}\">{}</text>\n", y + 13, xml_escaped(name));
    svg += fmt::format(
        "<rect class=\"layer-bar\" data-layer=\"{}\" x=\"{}\" y=\"{:.0f}\" width=\"{:.2f}\" height=\"{}\">"
        "<title>{}: {} cycles</title></rect>\n",
        xml_escaped(layer.value("name", std::string())), kLabelWidth, y, w, kBarHeight, xml_escaped(name),
        format_number(cycles));
    svg += fmt::format("<text class=\"value\" x=\"{:.2f}\" y=\"{:.0f}\">{} cycles</text>\n", kLabelWidth + w + 6,
                       y + 13, format_number(cycles));
    y += kRowHeight;
  }
  return svg + "</svg>\n";
}

std::string memory_map_svg(const Report& report) {
  if (!report.contains("flash_bytes") || !report["flash_bytes"].is_object()) return {};
  const Report& flash = report["flash_bytes"];
  const double code = number_at(flash, "code").value_or(0);
  const double weights = number_at(flash, "weights").value_or(0);
  const double ram = number_at(report, "ram_bytes").value_or(0);
  const double arena = number_at(report, "arena_bytes").value_or(0);
  const double stack = number_at(report, "stack_reserved_bytes").value_or(0);
  const double data_bss = std::max(0.0, ram - arena - stack);
  // RAM in the firmware's order (runtime/firmware linker script): data and
  // bss, the arena, the stack at the top growing down.
  Band flash_band{"flash", {{"code", code}, {"weights + plan", weights}}, {}};
  Band ram_band{"RAM", {{"data + bss", data_bss}, {"arena", arena}, {"stack reserve", stack}}, {}};
  if (const auto peak = number_at(report, "arena_peak_bytes")) {
    ram_band.marks.emplace_back(fmt::format("arena peak {}", format_number(*peak)), data_bss + *peak);
  }
  if (const auto peak = number_at(report, "stack_peak_bytes")) {
    ram_band.marks.emplace_back(fmt::format("stack peak {}", format_number(*peak)), ram - *peak);
  }
  std::size_t colour = 0;
  std::string svg = svg_open(kChartWidth, 210, "memory map: flash and RAM used");
  svg += band_svg(flash_band, 10, colour);
  svg += band_svg(ram_band, 90, colour);
  return svg + "</svg>\n";
}

std::string breakdown_svg(const std::vector<std::pair<std::string, double>>& parts, const std::string& unit) {
  double total = 0;
  for (const auto& part : parts) total += part.second;
  if (total <= 0) return {};
  const double width = kChartWidth - 20;
  std::string svg = svg_open(kChartWidth, 40 + 20 * static_cast<double>(parts.size()), "breakdown");
  double x = 0;
  std::size_t colour = 0;
  double legend_y = 48;
  for (const auto& [name, value] : parts) {
    const double w = width * value / total;
    const std::size_t part = colour++ % kPartColours;
    svg += fmt::format(
        "<rect class=\"part-{}\" x=\"{:.2f}\" y=\"4\" width=\"{:.2f}\" height=\"26\"><title>{}: {} {}</title></rect>\n",
        part, x, w, xml_escaped(name), format_number(value), xml_escaped(unit));
    svg += fmt::format(
        "<rect class=\"part-{}\" x=\"0\" y=\"{}\" width=\"12\" height=\"12\"/><text class=\"label\" x=\"18\" y=\"{}\">"
        "{}: {} {} ({} %)</text>\n",
        part, legend_y - 10, legend_y, xml_escaped(name), format_number(value), xml_escaped(unit),
        format_number(100.0 * value / total));
    legend_y += 20;
    x += w;
  }
  return svg + "</svg>\n";
}

namespace {

struct Frame {
  double cycles = 0;  // this frame and everything below it
  std::map<std::string, std::unique_ptr<Frame>> children;  // by name: a stable, sorted order
};

void draw_frames(const Frame& frame, double x, double y, double scale, std::size_t& colour, std::string& svg) {
  for (const auto& [name, child] : frame.children) {
    const double w = child->cycles * scale;
    if (w >= 0.5) {
      svg += fmt::format(
          "<rect class=\"frame part-{}\" x=\"{:.2f}\" y=\"{:.0f}\" width=\"{:.2f}\" height=\"18\">"
          "<title>{}: {} cycles</title></rect>\n",
          colour++ % kPartColours, x, y, w, xml_escaped(name), format_number(child->cycles));
      // Names only where they fit (about 7 px a character).
      const std::size_t fits = static_cast<std::size_t>(w / 7.0);
      if (fits >= 4) {
        svg += fmt::format("<text class=\"inbar\" x=\"{:.2f}\" y=\"{:.0f}\">{}</text>\n", x + 3, y + 13,
                           xml_escaped(name.size() > fits ? name.substr(0, fits - 1) + "…" : name));
      }
      draw_frames(*child, x, y + 20, scale, colour, svg);
    }
    x += w;
  }
}

std::size_t depth_of(const Frame& frame) {
  std::size_t deepest = 0;
  for (const auto& entry : frame.children) deepest = std::max(deepest, 1 + depth_of(*entry.second));
  return deepest;
}

}  // namespace

std::string icicle_svg(const Report& contexts) {
  if (!contexts.is_array() || contexts.empty()) return {};
  Frame root;
  for (const auto& context : contexts) {
    const double cycles = number_at(context, "cycles").value_or(0);
    if (cycles <= 0 || !context.contains("stack")) continue;
    root.cycles += cycles;
    Frame* frame = &root;
    for (const auto& name : context["stack"]) {
      auto& child = frame->children[name.is_string() ? name.get<std::string>() : "?"];
      if (!child) child = std::make_unique<Frame>();
      child->cycles += cycles;
      frame = child.get();
    }
  }
  if (root.cycles <= 0) return {};
  const double width = kChartWidth - 20;
  std::string svg = svg_open(kChartWidth, 20.0 * static_cast<double>(depth_of(root)) + 4, "calling contexts");
  std::size_t colour = 0;
  draw_frames(root, 0, 2, width / root.cycles, colour, svg);
  return svg + "</svg>\n";
}

}  // namespace mcusim
