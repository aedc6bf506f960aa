// sim/decode/decoder.hpp — Capstone decode of Thumb code into DecodedInsn,
// with the core's instruction set enforced (ARMv6-M for M0/M0+, ARMv7E-M for
// M4, plus FPv4-SP for M4F): an encoding the core lacks decodes as Undefined.
#pragma once

#include "sim/decode/instruction.hpp"
#include "sim/target/target.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace mcusim {

class Decoder {
 public:
  explicit Decoder(CoreModel core);
  ~Decoder();
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  // Decodes one instruction at `address` from `bytes` (at least 2 bytes; 4 for a
  // 32-bit encoding). `it_state` is the ITSTATE (xPSR bits IT[7:0]) in force
  // before the instruction; 0 outside IT blocks. Unknown/unsupported encodings
  // return cls == Undefined (size from the Thumb encoding rule: 32-bit when
  // bits[15:11] of the first halfword are 0b11101, 0b11110 or 0b11111).
  DecodedInsn decode_one(std::span<const std::uint8_t> bytes, std::uint32_t address,
                         std::uint8_t it_state = 0) const;

  // Decodes a straight run of instructions covering exactly `bytes`
  // (a translated block), tracking IT blocks across it. Decoding stops early
  // only if the bytes end inside an instruction.
  std::vector<DecodedInsn> decode_block(std::span<const std::uint8_t> bytes,
                                        std::uint32_t address,
                                        std::uint8_t it_state = 0) const;

  CoreModel core() const noexcept { return core_; }

 private:
  CoreModel core_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mcusim
