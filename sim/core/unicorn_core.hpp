// sim/core/unicorn_core.hpp — the one place that talks to Unicorn.
//
// Opens an engine for a core model, maps memory the caller owns, installs the
// hooks the machine needs and runs. Every uc_* result is checked here and
// turned into mcusim::Error with context, so no caller sees a uc_err.
#pragma once

#include "sim/target/target.hpp"

#include <cstdint>
#include <string_view>

struct uc_struct;

namespace mcusim {

class UnicornCore {
 public:
  // Hook signatures (Unicorn's, with our object as user data).
  using BlockHook = void (*)(uc_struct*, std::uint64_t address, std::uint32_t size, void* user);
  using CodeHook = BlockHook;
  using InterruptHook = void (*)(uc_struct*, std::uint32_t intno, void* user);
  using InvalidMemoryHook = bool (*)(uc_struct*, int type, std::uint64_t address, int size,
                                     std::int64_t value, void* user);
  using MmioRead = std::uint64_t (*)(uc_struct*, std::uint64_t offset, unsigned size, void* user);
  using MemoryHook = void (*)(uc_struct*, int type, std::uint64_t address, int size,
                              std::int64_t value, void* user);
  using MmioWrite = void (*)(uc_struct*, std::uint64_t offset, unsigned size, std::uint64_t value,
                             void* user);

  explicit UnicornCore(CoreModel core);
  ~UnicornCore();
  UnicornCore(const UnicornCore&) = delete;
  UnicornCore& operator=(const UnicornCore&) = delete;

  // Maps [base, base+size) onto host memory the caller keeps alive.
  void map_host_memory(std::uint32_t base, std::uint32_t size, const Access& access,
                       std::uint8_t* host);
  void map_mmio(std::uint32_t base, std::uint32_t size, MmioRead read, MmioWrite write,
                void* user);

  void add_block_hook(BlockHook hook, void* user);
  void add_code_hook(CodeHook hook, void* user);
  void add_interrupt_hook(InterruptHook hook, void* user);
  void add_invalid_memory_hook(InvalidMemoryHook hook, void* user);
  // Data reads (and writes, if `writes`) of [first, last]. Costly: with any
  // memory hook Unicorn sends every load and store through its slow path
  // (TIMING-FACTS.md), so the machine adds it only where accesses can stall.
  void add_memory_hook(MemoryHook hook, void* user, std::uint32_t first, std::uint32_t last,
                       bool writes);

  // Unicorn register ids (UC_ARM_REG_*).
  std::uint32_t read_register(int uc_register) const;
  void write_register(int uc_register, std::uint32_t value);
  std::uint32_t pc() const;
  std::uint32_t sp() const;
  std::uint32_t xpsr() const;
  std::uint32_t core_register(unsigned r) const;  // r0..r15

  // Runs from `pc` (Thumb bit added here) until stop() or an error; returns the
  // raw Unicorn result, which the machine interprets (faults are not errors here).
  int start(std::uint32_t pc);
  void stop();

  static std::string_view error_text(int uc_error);
  static std::string version();

  uc_struct* raw() const noexcept { return uc_; }

 private:
  uc_struct* uc_ = nullptr;
};

}  // namespace mcusim
