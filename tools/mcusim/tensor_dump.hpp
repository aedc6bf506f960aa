// tools/mcusim/tensor_dump.hpp — `run --dump-tensors DIR`: every activation
// tensor of the cold inference as the guest left it in its arena, in the
// layout of TFLite Micro's reference dumps (index.json + t<index>.bin), so a
// model's tensors can be compared with TFLite Micro's one by one.
#pragma once

#include "tools/mcusim/model_run.hpp"

#include <filesystem>

namespace mcusim::cli {

// Written whole or not at all: into DIR.partial, then renamed to DIR
// (replacing an earlier dump there).
void write_tensor_dump(const std::filesystem::path& dir, const ModelRunOutcome& outcome);

}  // namespace mcusim::cli
