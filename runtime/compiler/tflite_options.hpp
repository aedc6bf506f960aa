// runtime/compiler/tflite_options.hpp — reading an operator's builtin options
// (the BuiltinOptions union of the TFLite schema) into OpOptions, with the
// checks that belong to the options themselves (supported fused activations,
// the options table matching the operator). Internal to the reader.
#pragma once

#include <string>

#include "runtime/compiler/model.hpp"
#include "runtime/compiler/tflite_subset_generated.h"

namespace mcusim::compiler {

// `where` prefixes messages ("<file>: operator <i> (<NAME>)"). Throws
// mcusim::Error (BadInput).
OpOptions read_builtin_options(const tflite::Operator& op, OpKind kind, const std::string& where);

}  // namespace mcusim::compiler
