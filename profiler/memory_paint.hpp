// profiler/memory_paint.hpp — high-water marks by paint and scan, as firmware
// engineers measure stack depth on silicon: the runtime's start-up fills the
// stack and the arena with a known word (runtime/device/capture_tags.h) before
// the first inference, hands both regions to the host after the last one
// (MCUSIM_CAPTURE), and the host finds how far the writes reached.
//
// Resolution is one word. A word the program wrote with exactly the paint
// value is not seen; the paint is chosen so that an int8 tensor or a pushed
// register rarely equals it, but "rarely" is not "never", so the result is a
// lower bound that is exact in all but such coincidences.
#pragma once

#include <cstdint>
#include <span>

namespace mcusim::profiler {

// The stack grows down from the end of `stack` (its top): the depth reached is
// the distance from the top to the lowest word that differs from `paint`.
// `stack` starts at a word boundary.
std::uint32_t stack_depth_bytes(std::span<const std::uint8_t> stack, std::uint32_t paint) noexcept;

// The arena fills upwards from its start: the bytes used are up to and
// including the highest word that differs from `paint`.
std::uint32_t arena_used_bytes(std::span<const std::uint8_t> arena, std::uint32_t paint) noexcept;

}  // namespace mcusim::profiler
