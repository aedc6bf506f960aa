// sim/decode/operand_fields.hpp — reading a DecodedInsn's operand fields from
// Capstone's detail (operand_fields.cpp); used by the decoder only.
#pragma once

#include "sim/decode/instruction.hpp"

#include <capstone/capstone.h>

namespace mcusim::decode_detail {

// First register-list operand of LDM/STM/VLDM/VSTM (operand 0 is the base);
// PUSH/POP/VPUSH/VPOP have only the list.
int first_list_operand(unsigned id) noexcept;

// Memory operand, register list and register sets of a defined instruction.
void fill_operands(DecodedInsn& insn, const cs_insn& raw, csh handle);

}  // namespace mcusim::decode_detail
