#include "sim/core/unicorn_core.hpp"

#include "sim/error.hpp"

#include <unicorn/unicorn.h>

#include <fmt/format.h>

namespace mcusim {
namespace {

void check(uc_err err, std::string_view what) {
  if (err != UC_ERR_OK) {
    throw Error(ErrorKind::Internal, fmt::format("unicorn: {} failed: {}", what, uc_strerror(err)),
                "this is a bug in mcusim or an unsupported Unicorn version; please report it");
  }
}

int cpu_model(CoreModel core) {
  // TIMING-FACTS.md: set the model right after uc_open; UC_MODE_MCLASS alone
  // silently gives a Cortex-M33.
  switch (core) {
    case CoreModel::CortexM0:
    case CoreModel::CortexM0Plus: return UC_CPU_ARM_CORTEX_M0;
    case CoreModel::CortexM4:
    case CoreModel::CortexM4F: return UC_CPU_ARM_CORTEX_M4;
  }
  return UC_CPU_ARM_CORTEX_M0;
}

std::uint32_t protection(const Access& access) {
  std::uint32_t perms = UC_PROT_NONE;
  if (access.read) perms |= UC_PROT_READ;
  if (access.write) perms |= UC_PROT_WRITE;
  if (access.execute) perms |= UC_PROT_EXEC;
  return perms;
}

}  // namespace

UnicornCore::UnicornCore(CoreModel core) {
  check(uc_open(UC_ARCH_ARM, UC_MODE_THUMB, &uc_), "uc_open(ARM, THUMB)");
  const uc_err err = uc_ctl_set_cpu_model(uc_, cpu_model(core));
  if (err != UC_ERR_OK) {
    uc_close(uc_);
    uc_ = nullptr;
    check(err, "selecting the CPU model");
  }
}

UnicornCore::~UnicornCore() {
  if (uc_) uc_close(uc_);
}

void UnicornCore::map_host_memory(std::uint32_t base, std::uint32_t size, const Access& access,
                                  std::uint8_t* host) {
  check(uc_mem_map_ptr(uc_, base, size, protection(access), host),
        fmt::format("mapping 0x{:08x}..0x{:08x}", base, std::uint64_t{base} + size - 1));
}

void UnicornCore::map_mmio(std::uint32_t base, std::uint32_t size, MmioRead read, MmioWrite write,
                           void* user) {
  check(uc_mmio_map(uc_, base, size, read, user, write, user),
        fmt::format("mapping MMIO 0x{:08x}", base));
}

void UnicornCore::add_block_hook(BlockHook hook, void* user) {
  uc_hook handle{};
  check(uc_hook_add(uc_, &handle, UC_HOOK_BLOCK, reinterpret_cast<void*>(hook), user, 1, 0),
        "adding the block hook");
}

void UnicornCore::add_code_hook(CodeHook hook, void* user) {
  uc_hook handle{};
  check(uc_hook_add(uc_, &handle, UC_HOOK_CODE, reinterpret_cast<void*>(hook), user, 1, 0),
        "adding the code hook");
}

void UnicornCore::add_interrupt_hook(InterruptHook hook, void* user) {
  uc_hook handle{};
  check(uc_hook_add(uc_, &handle, UC_HOOK_INTR, reinterpret_cast<void*>(hook), user, 1, 0),
        "adding the interrupt hook");
}

void UnicornCore::add_invalid_memory_hook(InvalidMemoryHook hook, void* user) {
  uc_hook handle{};
  check(uc_hook_add(uc_, &handle, UC_HOOK_MEM_INVALID, reinterpret_cast<void*>(hook), user, 1, 0),
        "adding the invalid-memory hook");
}

void UnicornCore::add_memory_hook(MemoryHook hook, void* user, std::uint32_t first,
                                  std::uint32_t last, bool writes) {
  uc_hook handle{};
  const int types = UC_HOOK_MEM_READ | (writes ? UC_HOOK_MEM_WRITE : 0);
  check(uc_hook_add(uc_, &handle, types, reinterpret_cast<void*>(hook), user, first, last),
        fmt::format("adding the memory hook on 0x{:08x}..0x{:08x}", first, last));
}

std::uint32_t UnicornCore::read_register(int uc_register) const {
  std::uint32_t value = 0;
  check(uc_reg_read(uc_, uc_register, &value), "reading a register");
  return value;
}

void UnicornCore::write_register(int uc_register, std::uint32_t value) {
  check(uc_reg_write(uc_, uc_register, &value), "writing a register");
}

std::uint32_t UnicornCore::pc() const { return read_register(UC_ARM_REG_PC); }
std::uint32_t UnicornCore::sp() const { return read_register(UC_ARM_REG_SP); }
std::uint32_t UnicornCore::xpsr() const { return read_register(UC_ARM_REG_XPSR); }

std::uint32_t UnicornCore::core_register(unsigned r) const {
  static constexpr int kIds[16] = {UC_ARM_REG_R0,  UC_ARM_REG_R1,  UC_ARM_REG_R2,  UC_ARM_REG_R3,
                                   UC_ARM_REG_R4,  UC_ARM_REG_R5,  UC_ARM_REG_R6,  UC_ARM_REG_R7,
                                   UC_ARM_REG_R8,  UC_ARM_REG_R9,  UC_ARM_REG_R10, UC_ARM_REG_R11,
                                   UC_ARM_REG_R12, UC_ARM_REG_SP,  UC_ARM_REG_LR,  UC_ARM_REG_PC};
  return read_register(kIds[r & 15u]);
}

int UnicornCore::start(std::uint32_t pc) {
  // The "until" address is one no Thumb code can reach (odd, top of memory).
  return uc_emu_start(uc_, pc | 1u, 0xffff'ffffu, 0, 0);
}

void UnicornCore::stop() { check(uc_emu_stop(uc_), "stopping emulation"); }

std::string_view UnicornCore::error_text(int uc_error) {
  return uc_strerror(static_cast<uc_err>(uc_error));
}

std::string UnicornCore::version() {
  unsigned major = 0, minor = 0;
  uc_version(&major, &minor);
  return fmt::format("{}.{}", major, minor);
}

}  // namespace mcusim
