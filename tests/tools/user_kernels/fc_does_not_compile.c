/* tests/tools/user_kernels/fc_does_not_compile.c — a kernel with a type
 * error: `mcusim run --kernel` must pass on clang's message, exit 2. */
#include "runtime/include/mcusim_kernels.h"

void fully_connected_s8(const fully_connected_s8_params* p, const int8_t* input, const int8_t* filter,
                        const int32_t* bias, int8_t* output) {
  output[0] = p->no_such_field;
}
