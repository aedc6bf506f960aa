// sim/memory/accelerator_registry.hpp — the accelerator models a target file
// can name in [memory.accelerator] model = "...", with the keys each takes and
// its defaults. To add one: write impl/<model>.cpp with a make_<model>()
// factory and add a row to kAcceleratorModels in accelerator_registry.cpp
// (sim/memory/README.md).
#pragma once

#include "sim/memory/memory_accelerator.hpp"

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mcusim {

using AcceleratorFactory = std::unique_ptr<MemoryAccelerator> (*)(const AcceleratorSpec&,
                                                                  const RegionFigures&);

struct AcceleratorModel {
  std::string_view name;
  std::string_view what;                 // one line for messages and docs
  std::span<const std::string_view> keys;  // keys of [memory.accelerator] besides model, source
  AcceleratorSpec defaults;              // a spec with the model's default figures
  AcceleratorFactory make;
};

std::span<const AcceleratorModel> accelerator_models() noexcept;
const AcceleratorModel* find_accelerator_model(std::string_view name) noexcept;

// What is wrong with a spec's figures (e.g. ways not dividing the lines), or
// nullopt. The loader reports it at the [memory.accelerator] table.
std::optional<std::string> accelerator_problem(const AcceleratorSpec& spec);

// The region without an accelerator: wait states on every access.
std::unique_ptr<MemoryAccelerator> make_wait_states_only(const AcceleratorSpec& spec,
                                                         const RegionFigures& figures);
std::unique_ptr<MemoryAccelerator> make_prefetch_buffer(const AcceleratorSpec& spec,
                                                        const RegionFigures& figures);
std::unique_ptr<MemoryAccelerator> make_art_accelerator(const AcceleratorSpec& spec,
                                                        const RegionFigures& figures);
std::unique_ptr<MemoryAccelerator> make_xip_cache(const AcceleratorSpec& spec,
                                                  const RegionFigures& figures);
std::unique_ptr<MemoryAccelerator> make_instruction_cache(const AcceleratorSpec& spec,
                                                          const RegionFigures& figures);

}  // namespace mcusim
