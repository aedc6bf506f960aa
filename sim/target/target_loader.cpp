// sim/target/target_loader.cpp — parse_target(): target TOML text to a checked
// Target. Every mistake is an Error(BadInput) at "<file>:<line>:<column>" with
// advice; docs/targets.md describes the format field by field.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "sim/error.hpp"
#include "sim/target/power_fields.hpp"
#include "sim/target/region_timing_fields.hpp"
#include "sim/target/spelling.hpp"
#include "sim/target/target.hpp"
#include "sim/target/target_text.hpp"
#include "sim/target/toml_fields.hpp"

namespace mcusim {
namespace {

constexpr std::string_view kTopLevel = "at the top level";
constexpr std::string_view kFormatDoc = "docs/targets.md describes the format";

constexpr KeySpec kName{"name", "name = \"my-board\""};
constexpr KeySpec kDescription{"description", "description = \"what this part is\""};
constexpr KeySpec kCore{
    "core", "core = \"cortex-m0\"  # cortex-m0 | cortex-m0plus | cortex-m4 | cortex-m4f"};
constexpr KeySpec kClock{"clock_hz", "clock_hz = 48_000_000  # core clock in Hz"};
constexpr KeySpec kMultiplier{"multiplier", "multiplier = \"fast\"  # fast | small (M0/M0+ only)"};
constexpr KeySpec kSource{"source", "source = \"datasheet and section the figures come from\""};
constexpr KeySpec kMaxClock{"max_clock_hz",
                            "max_clock_hz = 48_000_000  # the part's maximum core clock"};
constexpr KeySpec kMemory{"memory", "[[memory]] sections, one per region"};
constexpr std::array kTopKeys{kName,       kDescription, kCore,  kClock,
                              kMultiplier, kSource,      kMaxClock, kMemory};

constexpr KeySpec kRegionName{"name", "name = \"flash\""};
constexpr KeySpec kKind{"kind", "kind = \"flash\"  # flash | ram"};
constexpr KeySpec kBase{"base", "base = 0x0800_0000"};
constexpr KeySpec kSize{"size", "size = 0x0001_0000  # bytes"};
constexpr KeySpec kAccess{"access", "access = \"rx\"  # r | rw | rx | rwx"};
constexpr KeySpec kRegionSource{"source", "source = \"datasheet and section of this region\""};
constexpr std::array kRegionOwnKeys{kRegionName, kKind, kBase, kSize, kAccess, kRegionSource};

constexpr std::uint64_t kMaxClockHz = 1'000'000'000;
// 0xE000_0000 and up is the system region: the PPB (0xE000_0000..0xE00F_FFFF)
// holds the simulator's DWT, SysTick and ITM; the rest is vendor system space.
constexpr std::uint64_t kSystemRegionBase = 0xE000'0000;
constexpr std::uint64_t kAddressSpace = std::uint64_t{1} << 32;

constexpr std::array kAccessNames{std::string_view{"r"}, std::string_view{"rw"},
                                  std::string_view{"rx"}, std::string_view{"rwx"}};

// A region with where its fields were written, for messages about pairs.
struct ParsedRegion {
  MemoryRegion region;
  const toml::node* name_node = nullptr;
  const toml::node* base_node = nullptr;
  RegionTimingNodes timing;
};

class TargetParser {
 public:
  explicit TargetParser(const std::filesystem::path& file) : fields_(file) {}

  Target parse(std::string_view text) const {
    toml::table root;
    try {
      root = toml::parse(text, std::string_view{fields_.file().string()});
    } catch (const toml::parse_error& error) {
      fields_.fail(
          error.source(),
          fmt::format("fix the TOML syntax here (https://toml.io/en/v1.0.0); {}", kFormatDoc),
          fmt::format("TOML syntax error: {}", error.description()));
    }
    std::vector<KeySpec> top_keys(kTopKeys.begin(), kTopKeys.end());
    top_keys.push_back(power_key());
    fields_.check_keys(root, top_keys, kTopLevel);

    Target target;
    target.file = fields_.file();
    const toml::node& name = fields_.require(root, kName, kTopLevel);
    target.name = fields_.as_string(name, kName, kTopLevel);
    if (target.name.empty()) {
      fields_.fail(name.source(), "write name = \"<part>\", the name given to --target",
                   "name is empty");
    }
    if (const toml::node* node = root.get(kDescription.key)) {
      target.description = fields_.as_string(*node, kDescription, kTopLevel);
    }
    if (const toml::node* node = root.get(kSource.key)) {
      target.source = fields_.as_string(*node, kSource, kTopLevel);
    }
    target.core = parse_core_field(fields_.require(root, kCore, kTopLevel));
    const toml::node& clock = fields_.require(root, kClock, kTopLevel);
    target.clock_hz = parse_clock(clock);
    if (const toml::node* node = root.get(kMaxClock.key)) {
      target.max_clock_hz = parse_clock(*node);
      if (target.clock_hz > target.max_clock_hz) {
        fields_.fail(clock.source(),
                     fmt::format("lower clock_hz to at most {} Hz (max_clock_hz, at {}), or "
                                 "pick a part that runs this fast",
                                 target.max_clock_hz, fields_.where(node->source())),
                     fmt::format("clock_hz = {} is above this part's maximum of {} Hz",
                                 target.clock_hz, target.max_clock_hz));
      }
    }
    if (const toml::node* node = root.get(kMultiplier.key)) {
      target.multiplier = parse_multiplier(*node, target.core);
    }
    target.regions = parse_regions(root, clock, target);
    if (const toml::node* node = root.get(power_key().key)) {
      target.power = parse_power_figures(fields_, *node, target.clock_hz);
    }
    return target;
  }

 private:
  CoreModel parse_core_field(const toml::node& node) const {
    const std::string name = fields_.as_string(node, kCore, kTopLevel);
    if (const std::optional<CoreModel> core = parse_core(name)) return *core;
    std::vector<std::string_view> known;
    for (CoreModel core : {CoreModel::CortexM0, CoreModel::CortexM0Plus, CoreModel::CortexM4,
                           CoreModel::CortexM4F}) {
      known.push_back(core_name(core));
    }
    std::string advice = fmt::format("known cores: {}", join_names(known));
    if (const auto guess = closest_match(name, known)) {
      advice = fmt::format("did you mean \"{}\"? {}", *guess, advice);
    }
    fields_.fail(node.source(), std::move(advice), fmt::format("unknown core \"{}\"", name));
  }

  std::uint64_t parse_clock(const toml::node& node) const {
    const std::int64_t hz = fields_.as_integer(node, kClock, kTopLevel);
    if (hz <= 0 || static_cast<std::uint64_t>(hz) > kMaxClockHz) {
      fields_.fail(node.source(),
                   "give the core clock in Hz, 1 .. 1_000_000_000 (no Cortex-M0/M4 runs "
                   "faster than 1 GHz); e.g. clock_hz = 48_000_000 for 48 MHz",
                   fmt::format("clock_hz = {} is out of range", hz));
    }
    return static_cast<std::uint64_t>(hz);
  }

  Multiplier parse_multiplier(const toml::node& node, CoreModel core) const {
    const std::string name = fields_.as_string(node, kMultiplier, kTopLevel);
    if (!is_armv6m(core)) {
      fields_.fail(node.source(),
                   "remove the multiplier line: the Cortex-M4 multiplier is fixed, MUL takes "
                   "1 cycle (ARM DDI 0439B §3.3)",
                   fmt::format("multiplier = \"{}\" is a Cortex-M0/M0+ option, but core is \"{}\"",
                               name, core_name(core)));
    }
    if (name == "fast") return Multiplier::Fast;
    if (name == "small") return Multiplier::Small;
    fields_.fail(node.source(),
                 "write multiplier = \"fast\" (MULS in 1 cycle) or \"small\" (32 cycles), as "
                 "the chip's datasheet or reference manual states (ARM DDI 0432C §3.3, "
                 "DDI 0484C)",
                 fmt::format("unknown multiplier \"{}\"", name));
  }

  std::vector<MemoryRegion> parse_regions(const toml::table& root, const toml::node& clock,
                                         Target& target) const {
    const toml::node& node = fields_.require(root, kMemory, kTopLevel);
    const toml::array* array = node.as_array();
    constexpr std::string_view kArrayAdvice =
        "write one [[memory]] section (double brackets) per region, each with name, kind, "
        "base, size and access";
    if (array == nullptr) {
      fields_.fail(
          node.source(), std::string(kArrayAdvice),
          fmt::format("memory must be an array of tables, not {}", toml_type_name(node.type())));
    }
    std::vector<ParsedRegion> parsed;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::node& element = *array->get(i);
      const toml::table* table = element.as_table();
      if (table == nullptr) {
        fields_.fail(
            element.source(), std::string(kArrayAdvice),
            fmt::format("memory[{}] must be a table, not {}", i, toml_type_name(element.type())));
      }
      parsed.push_back(parse_region(*table, i));
    }
    check_names_unique(parsed);
    check_no_overlap(parsed);
    for (RegionKind kind : {RegionKind::Flash, RegionKind::Ram}) {
      const bool present = std::any_of(parsed.begin(), parsed.end(),
                                       [kind](const auto& p) { return p.region.kind == kind; });
      if (present) continue;
      const bool flash = kind == RegionKind::Flash;
      fields_.fail(
          node.source(),
          flash ? "add a [[memory]] section with kind = \"flash\": the vector table and code "
                  "live at the start of the first flash region"
                : "add a [[memory]] section with kind = \"ram\": the stack, .data and .bss "
                  "live there",
          fmt::format("target has no {} region", flash ? "flash" : "RAM"));
    }
    std::vector<MemoryRegion> regions;
    for (ParsedRegion& p : parsed) {
      resolve_wait_states(fields_, clock, target.clock_hz, p.timing, p.region, target.warnings);
      regions.push_back(std::move(p.region));
    }
    std::sort(regions.begin(), regions.end(),
              [](const MemoryRegion& a, const MemoryRegion& b) { return a.base < b.base; });
    return regions;
  }

  ParsedRegion parse_region(const toml::table& table, std::size_t index) const {
    ParsedRegion parsed;
    MemoryRegion& region = parsed.region;
    // The name first, so every later message can say which region it is about.
    const std::string numbered = fmt::format("in [[memory]] #{}", index + 1);
    parsed.name_node = &fields_.require(table, kRegionName, numbered);
    region.name = fields_.as_string(*parsed.name_node, kRegionName, numbered);
    if (region.name.empty()) {
      fields_.fail(parsed.name_node->source(), "write name = \"flash\", \"sram\", ...",
                   fmt::format("name {} is empty", numbered));
    }
    const std::string context = fmt::format("in [[memory]] '{}'", region.name);
    std::vector<KeySpec> keys(kRegionOwnKeys.begin(), kRegionOwnKeys.end());
    for (const KeySpec& key : region_timing_keys()) keys.push_back(key);
    fields_.check_keys(table, keys, context);

    const toml::node& kind = fields_.require(table, kKind, context);
    const std::string kind_name = fields_.as_string(kind, kKind, context);
    if (kind_name == "flash") {
      region.kind = RegionKind::Flash;
    } else if (kind_name == "ram") {
      region.kind = RegionKind::Ram;
    } else {
      fields_.fail(kind.source(), "write kind = \"flash\" or kind = \"ram\"",
                   fmt::format("unknown kind \"{}\" {}", kind_name, context));
    }

    parsed.base_node = &fields_.require(table, kBase, context);
    const std::int64_t base = fields_.as_integer(*parsed.base_node, kBase, context);
    if (base < 0 || static_cast<std::uint64_t>(base) >= kAddressSpace) {
      fields_.fail(parsed.base_node->source(), "give a 32-bit address, 0x0000_0000 .. 0xdfff_ffff",
                   fmt::format("base = {} {} is not a 32-bit address", base, context));
    }
    const toml::node& size_node = fields_.require(table, kSize, context);
    const std::int64_t size = fields_.as_integer(size_node, kSize, context);
    if (size <= 0) {
      fields_.fail(size_node.source(),
                   "give the region's size in bytes, e.g. size = 0x0001_0000 for 64 KiB",
                   fmt::format("size = {} {}: a region needs at least one byte", size, context));
    }
    const std::uint64_t end = static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(size);
    if (end > kAddressSpace) {
      fields_.fail(size_node.source(),
                   fmt::format("shrink the region to at most {} bytes, or lower its base",
                               format_size(kAddressSpace - static_cast<std::uint64_t>(base))),
                   fmt::format("[[memory]] '{}' ends at {}, beyond the 4 GiB address space",
                               region.name, format_address(end - 1)));
    }
    if (end > kSystemRegionBase) {
      fields_.fail(
          static_cast<std::uint64_t>(base) >= kSystemRegionBase ? parsed.base_node->source()
                                                                : size_node.source(),
          "place memory below 0xe000_0000; from there up is the Cortex-M system region, and "
          "the PPB at 0xe000_0000..0xe00f_ffff belongs to the simulator (DWT, SysTick, ITM)",
          fmt::format(
              "[[memory]] '{}' ({}) reaches into the system region at 0xe000_0000 "
              "and above",
              region.name,
              format_range(static_cast<std::uint64_t>(base), static_cast<std::uint64_t>(size))));
    }
    region.base = static_cast<std::uint32_t>(base);
    region.size = static_cast<std::uint32_t>(size);

    const toml::node& access = fields_.require(table, kAccess, context);
    const std::string access_text = fields_.as_string(access, kAccess, context);
    if (std::find(kAccessNames.begin(), kAccessNames.end(), access_text) == kAccessNames.end()) {
      fields_.fail(
          access.source(),
          fmt::format("write access = \"rx\" for flash or \"rwx\" / \"rw\" for RAM "
                      "(one of {})",
                      join_names(kAccessNames)),
          fmt::format("access = \"{}\" {} is not one of r, rw, rx, rwx", access_text, context));
    }
    region.access.read = true;
    region.access.write = access_text.find('w') != std::string::npos;
    region.access.execute = access_text.find('x') != std::string::npos;

    parsed.timing = parse_region_timing(fields_, table, context, region);
    if (const toml::node* node = table.get(kRegionSource.key)) {
      region.source = fields_.as_string(*node, kRegionSource, context);
    }
    return parsed;
  }

  void check_names_unique(const std::vector<ParsedRegion>& parsed) const {
    for (std::size_t i = 0; i < parsed.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (parsed[i].region.name != parsed[j].region.name) continue;
        fields_.fail(
            parsed[i].name_node->source(),
            "give each [[memory]] region its own name (e.g. \"sram1\", \"sram2\")",
            fmt::format("duplicate region name '{}' (first defined at {})", parsed[i].region.name,
                        fields_.where(parsed[j].name_node->source())));
      }
    }
  }

  void check_no_overlap(const std::vector<ParsedRegion>& parsed) const {
    for (std::size_t i = 0; i < parsed.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        const MemoryRegion& later = parsed[i].region;
        const MemoryRegion& earlier = parsed[j].region;
        if (later.base >= earlier.end() || earlier.base >= later.end()) continue;
        fields_.fail(parsed[i].base_node->source(),
                     "move or shrink one of them: regions may touch but not share bytes",
                     fmt::format("[[memory]] '{}' ({}) overlaps [[memory]] '{}' ({})", later.name,
                                 format_range(later.base, later.size), earlier.name,
                                 format_range(earlier.base, earlier.size)));
      }
    }
  }

  TomlFields fields_;
};

}  // namespace

Target parse_target(std::string_view toml_text, const std::filesystem::path& file) {
  return TargetParser(file).parse(toml_text);
}

}  // namespace mcusim
