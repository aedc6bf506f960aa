#include "sim/target/region_timing_fields.hpp"

#include "sim/error.hpp"
#include "sim/memory/accelerator_registry.hpp"
#include "sim/target/spelling.hpp"

#include <fmt/format.h>

#include <array>
#include <bit>
#include <vector>

namespace mcusim {
namespace {

constexpr std::uint32_t kMaxWaitStates = 15;

constexpr KeySpec kWaitStates{"wait_states", "wait_states = 0  # 0..15; default: from wait_state_max_hz"};
constexpr KeySpec kDataWaitStates{"data_wait_states",
                                  "data_wait_states = 1  # 0..15; default: wait_states"};
constexpr KeySpec kWidth{"width_bytes", "width_bytes = 4  # bytes one read of the array brings: 4, 8 or 16"};
constexpr KeySpec kTable{"wait_state_max_hz",
                         "wait_state_max_hz = [24_000_000, 48_000_000]  # highest clock for 0, 1, ... WS"};
constexpr KeySpec kAccelerator{"accelerator", "[memory.accelerator] with model = \"prefetch-buffer\""};
constexpr std::array kTimingKeys{kWaitStates, kDataWaitStates, kWidth, kTable, kAccelerator};

constexpr KeySpec kModel{"model", "model = \"prefetch-buffer\"  # prefetch-buffer | art | xip-cache | instruction-cache"};
constexpr KeySpec kAccelSource{"source", "source = \"reference manual and section\""};
constexpr KeySpec kPrefetch{"prefetch", "prefetch = true"};
constexpr KeySpec kICache{"icache", "icache = true"};
constexpr KeySpec kDCache{"dcache", "dcache = true"};
constexpr KeySpec kLineBytes{"line_bytes", "line_bytes = 16"};
constexpr KeySpec kICacheLines{"icache_lines", "icache_lines = 64"};
constexpr KeySpec kDCacheLines{"dcache_lines", "dcache_lines = 8"};
constexpr KeySpec kSizeBytes{"size_bytes", "size_bytes = 16_384"};
constexpr KeySpec kWays{"ways", "ways = 2"};
constexpr KeySpec kMissCycles{"miss_cycles", "miss_cycles = 40  # cycles one line read takes"};
constexpr std::array kAllAcceleratorKeys{kPrefetch,    kICache,    kDCache, kLineBytes,
                                         kICacheLines, kDCacheLines, kSizeBytes, kWays,
                                         kMissCycles};

std::uint32_t small_count(const TomlFields& fields, const toml::node& node, const KeySpec& spec,
                          std::string_view context, std::int64_t low, std::int64_t high,
                          std::string_view advice) {
  const std::int64_t value = fields.as_integer(node, spec, context);
  if (value < low || value > high) {
    fields.fail(node.source(), fmt::format("{} ({}..{})", advice, low, high),
                fmt::format("{} = {} {} is out of range", spec.key, value, context));
  }
  return static_cast<std::uint32_t>(value);
}

std::vector<std::uint64_t> parse_table(const TomlFields& fields, const toml::node& node,
                                       std::string_view context) {
  constexpr std::string_view kAdvice =
      "list, for 0, 1, 2, ... wait states, the highest clock in Hz each allows, from the "
      "reference manual's flash latency table, rising: e.g. [24_000_000, 48_000_000]";
  const toml::array* array = node.as_array();
  if (array == nullptr || array->empty()) {
    fields.fail(node.source(), std::string(kAdvice),
                fmt::format("wait_state_max_hz {} must be a non-empty array of integers",
                            context));
  }
  std::vector<std::uint64_t> table;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    const std::int64_t hz = fields.as_integer(element, kTable, context);
    if (hz <= 0 || (!table.empty() && static_cast<std::uint64_t>(hz) <= table.back())) {
      fields.fail(element.source(), std::string(kAdvice),
                  fmt::format("wait_state_max_hz[{}] = {} {} must be positive and above the "
                              "entry before it",
                              i, hz, context));
    }
    table.push_back(static_cast<std::uint64_t>(hz));
  }
  if (table.size() > kMaxWaitStates + 1) {
    fields.fail(node.source(), std::string(kAdvice),
                fmt::format("wait_state_max_hz {} has {} entries; at most {} (0..15 wait states)",
                            context, table.size(), kMaxWaitStates + 1));
  }
  return table;
}

AcceleratorSpec parse_accelerator(const TomlFields& fields, const toml::node& node,
                                  std::string_view region_context) {
  const std::string context = fmt::format("in [memory.accelerator] of {}",
                                          region_context.substr(3));  // drop "in "
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    fields.fail(node.source(),
                "write a [memory.accelerator] section right after the region's [[memory]] "
                "lines, with model = \"...\"",
                fmt::format("accelerator {} must be a table", region_context));
  }
  const toml::node& model_node = fields.require(*table, kModel, context);
  const std::string name = fields.as_string(model_node, kModel, context);
  const AcceleratorModel* model = find_accelerator_model(name);
  if (model == nullptr) {
    std::vector<std::string_view> known;
    for (const AcceleratorModel& m : accelerator_models()) known.push_back(m.name);
    std::string advice = fmt::format("known models: {}", join_names(known));
    if (const auto guess = closest_match(name, known)) {
      advice = fmt::format("did you mean \"{}\"? {}", *guess, advice);
    }
    fields.fail(model_node.source(), std::move(advice),
                fmt::format("unknown accelerator model \"{}\" {}", name, context));
  }
  std::vector<KeySpec> allowed{kModel, kAccelSource};
  for (const KeySpec& spec : kAllAcceleratorKeys) {
    for (std::string_view key : model->keys) {
      if (key == spec.key) allowed.push_back(spec);
    }
  }
  fields.check_keys(*table, allowed, fmt::format("{} (model \"{}\")", context, name));

  AcceleratorSpec spec = model->defaults;
  const auto flag = [&](const KeySpec& key, bool& into) {
    if (const toml::node* n = table->get(key.key)) into = fields.as_bool(*n, key, context);
  };
  const auto count = [&](const KeySpec& key, std::uint32_t& into, std::int64_t high) {
    if (const toml::node* n = table->get(key.key)) {
      into = small_count(fields, *n, key, context, 1, high,
                         fmt::format("write {}", key.example));
    }
  };
  flag(kPrefetch, spec.prefetch);
  flag(kICache, spec.icache);
  flag(kDCache, spec.dcache);
  count(kLineBytes, spec.line_bytes, 256);
  count(kICacheLines, spec.icache_lines, 4096);
  count(kDCacheLines, spec.dcache_lines, 4096);
  count(kSizeBytes, spec.size_bytes, 1 << 24);
  count(kWays, spec.ways, 64);
  count(kMissCycles, spec.miss_cycles, 10'000);
  if (const toml::node* n = table->get(kAccelSource.key)) {
    spec.source = fields.as_string(*n, kAccelSource, context);
  }
  if (const auto problem = accelerator_problem(spec)) {
    fields.fail(table->source(), fmt::format("fix the figures of model \"{}\" ({})", name, model->what),
                fmt::format("{} {}", *problem, context));
  }
  return spec;
}

}  // namespace

std::span<const KeySpec> region_timing_keys() noexcept { return kTimingKeys; }

RegionTimingNodes parse_region_timing(const TomlFields& fields, const toml::table& table,
                                      std::string_view context, MemoryRegion& region) {
  constexpr std::string_view kWaitAdvice =
      "give the wait states the reference manual states for this clock, 0..15, or leave "
      "the key out and give the part's table as wait_state_max_hz";
  RegionTimingNodes nodes;
  nodes.wait_states = table.get(kWaitStates.key);
  if (nodes.wait_states) {
    region.wait_states =
        small_count(fields, *nodes.wait_states, kWaitStates, context, 0, kMaxWaitStates, kWaitAdvice);
  }
  nodes.data_wait_states = table.get(kDataWaitStates.key);
  if (nodes.data_wait_states) {
    region.data_wait_states = small_count(fields, *nodes.data_wait_states, kDataWaitStates,
                                          context, 0, kMaxWaitStates, kWaitAdvice);
  }
  if (const toml::node* node = table.get(kWidth.key)) {
    const std::int64_t width = fields.as_integer(*node, kWidth, context);
    if (width != 4 && width != 8 && width != 16) {
      fields.fail(node->source(),
                  "write the width of one read of the memory array: 4 (32-bit), 8 (64-bit) or "
                  "16 (128-bit lines, STM32F4/L4)",
                  fmt::format("width_bytes = {} {} is not 4, 8 or 16", width, context));
    }
    region.width_bytes = static_cast<std::uint32_t>(width);
  }
  nodes.table = table.get(kTable.key);
  if (nodes.table) region.wait_state_max_hz = parse_table(fields, *nodes.table, context);
  if (const toml::node* node = table.get(kAccelerator.key)) {
    region.accelerator = parse_accelerator(fields, *node, context);
  }
  return nodes;
}

void resolve_wait_states(const TomlFields& fields, const toml::node& clock_node,
                         std::uint64_t clock_hz, const RegionTimingNodes& nodes,
                         MemoryRegion& region, std::vector<std::string>& warnings) {
  if (!region.wait_state_max_hz.empty()) {
    const std::optional<std::uint32_t> needed = region.required_wait_states(clock_hz);
    if (!needed) {
      fields.fail(clock_node.source(),
                  fmt::format("lower clock_hz to at most {} Hz, the highest clock in region '{}''s "
                              "wait_state_max_hz (written at {})",
                              region.wait_state_max_hz.back(), region.name,
                              fields.where(nodes.table->source())),
                  fmt::format("clock_hz = {} is above the flash latency table of region '{}': "
                              "no wait-state setting of this part allows it",
                              clock_hz, region.name));
    }
    if (!nodes.wait_states) {
      region.wait_states = *needed;
    } else if (region.wait_states < *needed) {
      warnings.push_back(fmt::format(
          "{}: wait_states = {} in region '{}' is below the {} the part's table "
          "(wait_state_max_hz) needs at {} Hz: the run models a part overclocked beyond its "
          "flash; remove the key to follow the table",
          fields.where(nodes.wait_states->source()), region.wait_states, region.name, *needed,
          clock_hz));
    }
  }
  if (!nodes.data_wait_states) region.data_wait_states = region.wait_states;
}

}  // namespace mcusim
