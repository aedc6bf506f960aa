/* tests/tools/user_kernels/fc_null_store.c — a user's FULLY_CONNECTED kernel
 * with a classic bug: it stores its result through a NULL pointer. On the
 * bundled targets address 0 is flash (the vector table, as on silicon), so
 * a NULL read would silently read the table; the store is what faults.
 * `mcusim run --kernel FULLY_CONNECTED=...` must end with exit 3 and a
 * faulted report (tests/tools/fault_matrix_test.cpp, docs/robustness.md). */
#include "runtime/include/mcusim_kernels.h"

#if MCUSIM_KERNEL_ABI_VERSION != 1
#error "written for kernel ABI 1"
#endif

/* A global the compiler cannot see through, so the store is not folded into a trap. */
int8_t* volatile fc_result_slot = 0;

void fully_connected_s8(const fully_connected_s8_params* p, const int8_t* input, const int8_t* filter,
                        const int32_t* bias, int8_t* output) {
  (void)p;
  (void)filter;
  (void)bias;
  (void)output;
  *fc_result_slot = input[0]; /* the bug: the result pointer was never set */
}
