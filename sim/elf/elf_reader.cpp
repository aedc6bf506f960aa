// sim/elf/elf_reader.cpp — load_elf(): an ELF32 little-endian ARM executable,
// read with LLVM's Object library, to an ElfImage. The file is untrusted: every
// offset and size is checked before use, and every failure names the file.
#include <fmt/format.h>
#include <llvm/BinaryFormat/ELF.h>
#include <llvm/Object/ELF.h>
#include <llvm/Support/Error.h>
#include <llvm/Support/MemoryBuffer.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "sim/elf/elf_image.hpp"
#include "sim/error.hpp"
#include "sim/target/target_text.hpp"

namespace mcusim {
namespace {

using ElfFile = llvm::object::ELFFile<llvm::object::ELF32LE>;

constexpr std::string_view kBuildAdvice =
    "build the program for Cortex-M with a Thumb toolchain, e.g. clang --target=thumbv6m-none-eabi "
    "-mcpu=cortex-m0 (or arm-none-eabi-gcc -mcpu=cortex-m0 -mthumb), and pass the linked .elf";
constexpr std::string_view kRebuildAdvice =
    "the file is damaged or was cut short (an interrupted build or copy?); rebuild or re-copy it";

std::string machine_name(unsigned machine) {
  switch (machine) {
    case llvm::ELF::EM_ARM:
      return "ARM";
    case llvm::ELF::EM_386:
      return "x86";
    case llvm::ELF::EM_X86_64:
      return "x86-64";
    case llvm::ELF::EM_AARCH64:
      return "AArch64";
    case llvm::ELF::EM_RISCV:
      return "RISC-V";
    case llvm::ELF::EM_AVR:
      return "AVR";
    case llvm::ELF::EM_MIPS:
      return "MIPS";
    case llvm::ELF::EM_PPC:
      return "PowerPC";
    case llvm::ELF::EM_PPC64:
      return "PowerPC64";
    case llvm::ELF::EM_XTENSA:
      return "Xtensa";
    case llvm::ELF::EM_MSP430:
      return "MSP430";
    default:
      return fmt::format("machine {}", machine);
  }
}

// The identification checks, on raw bytes, before LLVM sees the file: they give
// the most useful message (the machine even when the class is wrong too).
void check_identification(const std::string& name, llvm::StringRef data) {
  if (data.size() < 4 || std::memcmp(data.data(), llvm::ELF::ElfMagic, 4) != 0) {
    const bool hex = !data.empty() && data.front() == ':';
    throw_bad_input(std::string(kBuildAdvice), "{}: not an ELF file{}", name,
                    hex ? " (it looks like Intel HEX; pass the .elf the build produced instead)"
                        : " (no \\x7fELF magic at its start)");
  }
  constexpr std::size_t kIdentAndMachine = 20;  // e_ident[16], e_type, e_machine
  if (data.size() < kIdentAndMachine) {
    throw_bad_input(std::string(kRebuildAdvice), "{}: truncated ELF header ({} bytes)", name,
                    data.size());
  }
  const auto byte = [&](std::size_t i) {
    return static_cast<unsigned>(static_cast<unsigned char>(data[i]));
  };
  const bool little = byte(llvm::ELF::EI_DATA) == llvm::ELF::ELFDATA2LSB;
  const bool big = byte(llvm::ELF::EI_DATA) == llvm::ELF::ELFDATA2MSB;
  const auto half = [&](std::size_t i) {
    return little ? byte(i) | byte(i + 1) << 8 : byte(i) << 8 | byte(i + 1);
  };
  const bool is32 = byte(llvm::ELF::EI_CLASS) == llvm::ELF::ELFCLASS32;
  const bool is64 = byte(llvm::ELF::EI_CLASS) == llvm::ELF::ELFCLASS64;
  const unsigned machine = half(18);
  const unsigned type = half(16);
  if (!little && !big) {
    throw_bad_input(std::string(kRebuildAdvice), "{}: invalid ELF data encoding {}", name,
                    byte(llvm::ELF::EI_DATA));
  }
  if (machine != llvm::ELF::EM_ARM) {
    throw_bad_input(std::string(kBuildAdvice),
                    "{}: an ELF for {}{}, not ARM: mcusim runs 32-bit little-endian Cortex-M "
                    "(Thumb) executables",
                    name, machine_name(machine), is64 ? " (64-bit)" : "");
  }
  if (!is32) {
    throw_bad_input(std::string(kBuildAdvice), "{}: a {} ARM ELF; mcusim runs 32-bit ELF files",
                    name, is64 ? "64-bit" : "invalid-class");
  }
  if (!little) {
    throw_bad_input("link little-endian (the Cortex-M default): drop -mbig-endian / -EB",
                    "{}: a big-endian ARM ELF; mcusim simulates little-endian Cortex-M cores",
                    name);
  }
  if (type == llvm::ELF::ET_REL) {
    throw_bad_input(
        "link it into an executable with a linker script for the target's memory "
        "map (e.g. ld.lld -T board.ld -o app.elf *.o) and pass that",
        "{}: a relocatable object file (.o), not a linked executable", name);
  }
  if (type != llvm::ELF::ET_EXEC) {
    throw_bad_input("link a static bare-metal executable (no -shared, no -pie)",
                    "{}: not an executable ELF (e_type {}{})", name, type,
                    type == llvm::ELF::ET_DYN ? ", a shared object or PIE" : "");
  }
}

[[noreturn]] void fail_malformed(const std::string& name, llvm::Error error) {
  throw_bad_input(std::string(kRebuildAdvice), "{}: truncated or malformed ELF: {}", name,
                  llvm::toString(std::move(error)));
}

template <typename T>
T take(const std::string& name, llvm::Expected<T> value) {
  if (!value) fail_malformed(name, value.takeError());
  return std::move(*value);
}

std::vector<Segment> read_segments(const std::string& name, const ElfFile& elf,
                                   llvm::StringRef data) {
  std::vector<Segment> segments;
  int index = -1;
  for (const auto& header : take(name, elf.program_headers())) {
    ++index;
    if (header.p_type != llvm::ELF::PT_LOAD || header.p_memsz == 0) continue;
    const std::uint64_t offset = header.p_offset;
    const std::uint64_t file_size = header.p_filesz;
    const std::uint64_t memory_size = header.p_memsz;
    const std::uint64_t address = header.p_paddr;
    if (file_size > memory_size) {
      throw_bad_input(std::string(kRebuildAdvice),
                      "{}: segment {} has more file bytes ({}) than memory bytes ({})", name, index,
                      file_size, memory_size);
    }
    if (offset + file_size > data.size()) {
      throw_bad_input(std::string(kRebuildAdvice),
                      "{}: truncated: segment {} needs file bytes {}..{}, but the file has {}",
                      name, index, offset, offset + file_size, data.size());
    }
    if (address + memory_size > (std::uint64_t{1} << 32)) {
      throw_bad_input("check the linker script's MEMORY and AT> lines",
                      "{}: segment {} ({} + {}) runs past the 4 GiB address space", name, index,
                      format_address(address), format_size(memory_size));
    }
    Segment segment;
    segment.address = static_cast<std::uint32_t>(address);
    segment.file_size = static_cast<std::uint32_t>(file_size);
    segment.memory_size = static_cast<std::uint32_t>(memory_size);
    segment.read = (header.p_flags & llvm::ELF::PF_R) != 0;
    segment.write = (header.p_flags & llvm::ELF::PF_W) != 0;
    segment.execute = (header.p_flags & llvm::ELF::PF_X) != 0;
    const auto* begin = data.bytes_begin() + offset;
    segment.bytes.assign(begin, begin + file_size);
    segment.index = index;
    segments.push_back(std::move(segment));
  }
  if (segments.empty()) {
    throw_bad_input(
        "link with a linker script that places .text (and the vector table) in "
        "the target's flash",
        "{}: no loadable segments (PT_LOAD with a non-zero size)", name);
  }
  return segments;
}

// .symtab: functions (Thumb bit cleared), data objects, and untyped labels
// except the ARM mapping symbols ($t, $a, $d).
std::vector<Symbol> read_symbols(const std::string& name, const ElfFile& elf) {
  std::vector<Symbol> symbols;
  const auto sections = take(name, elf.sections());
  for (const auto& section : sections) {
    if (section.sh_type != llvm::ELF::SHT_SYMTAB) continue;
    const llvm::StringRef strings = take(name, elf.getStringTableForSymtab(section, sections));
    for (const auto& raw : take(name, elf.symbols(&section))) {
      if (raw.isUndefined()) continue;
      const unsigned type = raw.getType();
      if (type != llvm::ELF::STT_FUNC && type != llvm::ELF::STT_OBJECT &&
          type != llvm::ELF::STT_NOTYPE) {
        continue;
      }
      const llvm::StringRef symbol_name = take(name, raw.getName(strings));
      if (symbol_name.empty() || (type == llvm::ELF::STT_NOTYPE && symbol_name.startswith("$"))) {
        continue;
      }
      Symbol symbol;
      symbol.name = symbol_name.str();
      symbol.is_function = type == llvm::ELF::STT_FUNC;
      symbol.address = static_cast<std::uint32_t>(raw.st_value);
      if (symbol.is_function) symbol.address &= ~std::uint32_t{1};
      symbol.size = static_cast<std::uint32_t>(raw.st_size);
      symbols.push_back(std::move(symbol));
    }
  }
  // By address; at one address functions first, then by name (deterministic).
  std::sort(symbols.begin(), symbols.end(), [](const Symbol& a, const Symbol& b) {
    if (a.address != b.address) return a.address < b.address;
    if (a.is_function != b.is_function) return a.is_function;
    return a.name < b.name;
  });
  return symbols;
}

// .comment: the compilers and linker that built the file, NUL-separated
// ("Linker: LLD 14.0.6", "Debian clang version 14.0.6"); joined with "; ".
std::string read_producer(const std::string& name, const ElfFile& elf) {
  const auto sections = take(name, elf.sections());
  const llvm::StringRef section_names = take(name, elf.getSectionStringTable(sections));
  std::string producer;
  for (const auto& section : sections) {
    if (take(name, elf.getSectionName(section, section_names)) != ".comment") continue;
    const auto contents = take(name, elf.getSectionContents(section));
    llvm::StringRef rest(reinterpret_cast<const char*>(contents.data()), contents.size());
    while (!rest.empty()) {
      const auto [entry, tail] = rest.split('\0');
      const llvm::StringRef trimmed = entry.trim();
      if (!trimmed.empty()) {
        if (!producer.empty()) producer += "; ";
        producer += trimmed.str();
      }
      rest = tail;
    }
  }
  return producer;
}

}  // namespace

ElfImage load_elf(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::error_code status;
  if (std::filesystem::is_directory(file, status)) {
    throw_bad_input("pass the program's .elf file", "{}: is a directory, not an ELF file", name);
  }
  auto buffer = llvm::MemoryBuffer::getFile(name, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    throw_bad_input("check the path; build the program first if it is a build output",
                    "cannot read ELF file {}: {}", name, buffer.getError().message());
  }
  const llvm::StringRef data = (*buffer)->getBuffer();
  return parse_elf({reinterpret_cast<const std::uint8_t*>(data.data()), data.size()}, file);
}

ElfImage parse_elf(std::span<const std::uint8_t> bytes, const std::filesystem::path& file) {
  const std::string name = file.string();
  const llvm::StringRef data(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  check_identification(name, data);
  const ElfFile elf = take(name, ElfFile::create(data));

  ElfImage image;
  image.file = file;
  image.entry = static_cast<std::uint32_t>(elf.getHeader().e_entry);
  image.segments = read_segments(name, elf, data);
  image.symbols = read_symbols(name, elf);
  image.producer = read_producer(name, elf);
  return image;
}

}  // namespace mcusim
