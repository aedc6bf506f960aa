#include "sim/machine/machine.hpp"

#include "sim/error.hpp"

#include <unicorn/unicorn.h>

#include <fmt/format.h>

namespace mcusim {
namespace {

// Unicorn maps memory in whole target pages (1 KiB for Arm, TIMING-FACTS.md).
constexpr std::uint32_t kPageSize = 1024;

// SYS_GET_CMDLINE: the ELF's file name (quoted if it has spaces, as newlib's
// start-up splits on them), then --args.
SemihostingConfig semihosting_config(const ElfImage& elf, const RunOptions& options) {
  SemihostingConfig config;
  config.root = options.semihosting_root;
  std::string name = elf.file.filename().string();
  if (name.find_first_of(" \t") != std::string::npos) name = '"' + name + '"';
  config.command_line = options.arguments.empty() ? name : name + ' ' + options.arguments;
  return config;
}

}  // namespace

Machine::Machine(const Target& target, const ElfImage& elf, const RunOptions& options)
    : target_(target),
      elf_(elf),
      options_(options),
      timing_{target.core, target.multiplier},
      memory_(target),
      core_(target.core),
      decoder_(target.core),
      memory_system_(target),
      cache_(decoder_, timing_, memory_, memory_system_),
      console_(options.console, options.console_limit, options.console_skip),
      ppb_(target.core, console_),
      semihosting_(memory_, console_, target.clock_hz, semihosting_config(elf, options)) {
  for (auto& block : memory_.blocks()) {
    const MemoryRegion& region = *block.region;
    if (region.base % kPageSize != 0 || region.size % kPageSize != 0) {
      throw_bad_input(
          "give every region a base and size that are multiples of 1 KiB (0x400)",
          "{}: region '{}' (base 0x{:08x}, size 0x{:x}) is not aligned to 1 KiB pages",
          target.file.string(), region.name, region.base, region.size);
    }
    core_.map_host_memory(region.base, region.size, region.access, block.bytes.data());
  }
  core_.map_mmio(PrivatePeripheralBus::kBase, PrivatePeripheralBus::kSize, &on_ppb_read,
                 &on_ppb_write, this);
  observer_ = options.timing ? options.observer : nullptr;
  block_only_ = options.timing && is_armv6m(target.core) && !options.precise &&
                (!observer_ || observer_->wants_blocks());
  block_observed_ = observer_ && observer_->wants_blocks() && !options.precise;
  if (options.timing) {
    core_.add_block_hook(&on_block, this);
    // ARMv6-M has no IT, no divide and no multi-word alignment rule beyond
    // what Unicorn enforces: its blocks run without the instruction hook.
    if (!block_only_) core_.add_code_hook(&on_instruction, this);
    if (block_observed_) {
      // One hook places data stalls and traffic on instructions by counting
      // accesses (machine_observe_blocks.cpp); none when neither is wanted.
      observe_traffic_ = observer_->wants_data_accesses();
      bool data_costs = false;
      for (const RegionTiming& timing : memory_system_.regions()) data_costs |= timing.data_costs;
      count_accesses_ = block_only_ && (observe_traffic_ || data_costs);
      if (count_accesses_ || observe_traffic_) {
        core_.add_memory_hook(&on_block_observed_access, this, 0, 0xFFFF'FFFFu, true);
      } else {
        // M4 without traffic: the instruction hook names the instruction; only
        // the regions where accesses stall are hooked, as without an observer.
        for (const RegionTiming& timing : memory_system_.regions()) {
          if (!timing.data_costs) continue;
          core_.add_memory_hook(&on_block_observed_access, this, timing.region->base,
                                static_cast<std::uint32_t>(timing.region->end() - 1),
                                timing.region->access.write);
        }
      }
    } else {
      install_memory_hooks();
      if (observer_ && observer_->wants_data_accesses()) {
        core_.add_memory_hook(&on_observed_access, this, 0, 0xFFFF'FFFFu, true);
      }
    }
  }
  core_.add_interrupt_hook(&on_interrupt, this);
  core_.add_invalid_memory_hook(&on_invalid_memory, this);
  load_image();
}

void Machine::load_image() {
  check_segments_fit(elf_, target_);
  for (const Segment& segment : elf_.segments) {
    if (!memory_.write(segment.address, segment.bytes)) {
      throw Error(ErrorKind::Internal,
                  fmt::format("{}: segment {} could not be written to guest memory",
                              elf_.file.string(), segment.index));
    }
  }
  // The stack guard: CMSIS's __StackLimit (or __stack_limit) when the ELF
  // defines one, else the bottom of the lowest RAM region.
  for (const char* name : {"__StackLimit", "__stack_limit"}) {
    if (const auto limit = elf_.find_symbol(name)) {
      stack_limit_ = *limit;
      stack_limit_source_ = name;
      return;
    }
  }
  if (const MemoryRegion* ram = target_.first_of(RegionKind::Ram)) {
    stack_limit_ = ram->base;
    stack_limit_source_ = fmt::format("the bottom of region '{}'", ram->name);
  }
}

std::uint64_t Machine::now() const noexcept {
  if (!current_ || !current_->contains(pc_)) return block_base_cycles_;
  const auto index = current_->index(pc_);
  return static_cast<std::uint64_t>(static_cast<std::int64_t>(block_base_cycles_ +
                                                               current_->prefix[index] +
                                                               fetch_stalls_through(index)) +
                                    block_dynamic_);
}

RunResult Machine::run() {
  const MemoryRegion* flash = target_.first_of(RegionKind::Flash);
  if (!flash) throw_bad_input("add a [[memory]] region of kind \"flash\"", "{}: no flash region",
                              target_.file.string());
  // Reset as on silicon: SP from word 0 and PC from word 1 of the vector table
  // at the start of flash (ARMv6-M/ARMv7-M ARM, B1.5.5 "Reset behavior").
  const auto initial_sp = memory_.read_u32(flash->base);
  const auto reset = memory_.read_u32(flash->base + 4);
  if (!initial_sp || !reset) {
    throw_bad_input("link the program with its vector table at the start of flash",
                    "{}: no vector table at 0x{:08x}", elf_.file.string(), flash->base);
  }
  if ((*reset & 1u) == 0) {
    throw_bad_input(
        "the reset vector must be a Thumb address (bit 0 set); Cortex-M cores only run Thumb code "
        "— check that the vector table is at the start of flash",
        "{}: reset vector 0x{:08x} at 0x{:08x} is not a Thumb address", elf_.file.string(), *reset,
        flash->base + 4);
  }
  core_.write_register(UC_ARM_REG_SP, *initial_sp);
  semihosting_.set_heap_info(heap_info_for(elf_, target_, *initial_sp));
  pc_ = *reset & ~1u;

  started_ = std::chrono::steady_clock::now();
  int error = core_.start(*reset);
  // Exception returns and WFI stop the emulation; the machine resumes it.
  while (true) {
    if (block_observed_) observe_block_stopped();
    const StopSnapshot stop = observer_ ? observe_stop() : StopSnapshot{};
    const auto resume = resume_after_stop(error);
    if (!resume) break;
    if (observer_) observe_resume(stop, *resume);
    error = core_.start(*resume);
  }
  interpret_stop(error);
  if (observer_) observe_end();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  console_.flush();

  RunResult result;
  result.target = target_.name;
  result.core = target_.core;
  result.clock_hz = target_.clock_hz;
  result.cycles = block_base_cycles_;
  result.instructions = instructions_;
  result.exit_status = exit_status_;
  result.fault = fault_;
  result.markers = ppb_.itm().markers();
  result.captures = semihosting_.take_captures();
  result.console_bytes = console_.bytes_written();
  result.host_seconds = seconds;
  result.blocks_decoded = cache_.size();
  result.elf_producer = elf_.producer;
  result.needs_precise_replay = stop_ == Stop::Replay;
  result.replay_reason = replay_reason_;
  result.precise = options_.timing && !block_only_;
  result.sleep_cycles = sleep_cycles_;
  result.exceptions_taken = exceptions_taken_;
  for (const RegionTiming& timing : memory_system_.regions()) {
    result.fetch_stall_cycles += timing.fetch_stall_cycles;
    result.data_stall_cycles += timing.data_stall_cycles;
  }
  return result;
}

RunResult simulate(const Target& target, const ElfImage& elf, const RunOptions& options) {
  RunResult first;
  {
    Machine machine(target, elf, options);
    first = machine.run();
  }
  if (!first.needs_precise_replay) return first;
  RunOptions precise = options;
  precise.precise = true;
  if (options.observer) options.observer->on_restart();
  precise.console_skip = first.console_bytes;
  Machine machine(target, elf, precise);
  RunResult exact = machine.run();
  exact.host_seconds += first.host_seconds;
  exact.replay_reason = first.replay_reason;
  return exact;
}

}  // namespace mcusim
