/* tests/guests/plan_runner/plan_runner.c — runs a plan blob on the device
 * engine (runtime/engine) inside the simulator.
 *
 *   mcusim exec --target generic-m0 --semihosting-root DIR \
 *       --args "plan.bin input0.bin [input1.bin]" build/guests/plan_runner_m0.elf
 *
 * Reads the plan and the model's inputs through semihosting into RAM, runs
 * mcusim_plan_init and mcusim_plan_invoke (with trace-port layer markers) and
 * prints
 *   ops=<operator count>
 *   cycles=<invoke cycles, from DWT CYCCNT>
 *   output0=<output 0 as lower-case hex>
 * then exits 0. A plan the engine refuses prints "error=<status name>" and
 * exits with 10 + the status code.
 */
#include <stddef.h>
#include <stdint.h>

#include "cycle_counter.h"
#include "report.h"
#include "runtime/include/mcusim_engine.h"
#include "semihosting.h"

enum {
  PR_SYS_OPEN = 0x01,
  PR_SYS_CLOSE = 0x02,
  PR_SYS_READ = 0x06,
  PR_SYS_FLEN = 0x0C,
  PR_SYS_GET_CMDLINE = 0x15,
};

#define BLOB_CAPACITY (128u * 1024u)
#define INPUT_CAPACITY (16u * 1024u)
#define ARENA_CAPACITY (48u * 1024u)
#define MAX_INPUTS 4u

static uint8_t blob[BLOB_CAPACITY] __attribute__((aligned(16)));
static uint8_t input_files[MAX_INPUTS][INPUT_CAPACITY] __attribute__((aligned(16)));
static uint8_t arena[ARENA_CAPACITY] __attribute__((aligned(16)));
static mcusim_plan_ctx ctx;

__attribute__((noreturn)) static void fail(uint32_t status, const char *what) {
  print("error=");
  print(what);
  print("\n");
  semihost_exit(status);
}

static uint32_t string_length(const char *s) {
  uint32_t n = 0;
  while (s[n] != '\0') ++n;
  return n;
}

static uint32_t load_file(const char *path, uint8_t *into, uint32_t capacity) {
  const uint32_t open_block[3] = {(uint32_t)(uintptr_t)path, 1u /* "rb" */, string_length(path)};
  const uint32_t handle = semihost_call(PR_SYS_OPEN, open_block);
  if (handle == 0xFFFFFFFFu) fail(2, "cannot open a file given on the command line");
  const uint32_t flen_block[1] = {handle};
  const uint32_t length = semihost_call(PR_SYS_FLEN, flen_block);
  if (length == 0xFFFFFFFFu || length > capacity) fail(2, "file too large for the runner");
  const uint32_t read_block[3] = {handle, (uint32_t)(uintptr_t)into, length};
  if (semihost_call(PR_SYS_READ, read_block) != 0u) fail(2, "short read");
  const uint32_t close_block[1] = {handle};
  semihost_call(PR_SYS_CLOSE, close_block);
  return length;
}

/* Splits the command line "<elf> <plan> <input>..." in place; returns the
 * number of words after the ELF's name (the ELF's name may be quoted). */
static uint32_t arguments(char *line, uint32_t size, char **words, uint32_t max_words) {
  uint32_t block[2] = {(uint32_t)(uintptr_t)line, size};
  if (semihost_call(PR_SYS_GET_CMDLINE, block) != 0u) fail(2, "SYS_GET_CMDLINE failed");
  const uint32_t length = block[1] < size ? block[1] : size - 1u;
  line[length] = '\0';
  char *p = line;
  if (*p == '"' || *p == '\'') {
    const char quote = *p++;
    while (*p != '\0' && *p != quote) ++p;
    if (*p != '\0') ++p;
  } else {
    while (*p != '\0' && *p != ' ') ++p;
  }
  uint32_t n = 0;
  for (;;) {
    while (*p == ' ') *p++ = '\0';
    if (*p == '\0' || n == max_words) break;
    words[n++] = p;
    while (*p != '\0' && *p != ' ') ++p;
  }
  return n;
}

static void print_hex(const char *name, const uint8_t *data, uint32_t size) {
  static const char kDigits[] = "0123456789abcdef";
  char chunk[129];
  uint32_t n = 0;
  print(name);
  print("=");
  for (uint32_t i = 0; i < size; ++i) {
    chunk[n++] = kDigits[data[i] >> 4];
    chunk[n++] = kDigits[data[i] & 0xFu];
    if (n == sizeof chunk - 1u) {
      chunk[n] = '\0';
      print(chunk);
      n = 0;
    }
  }
  chunk[n++] = '\n';
  chunk[n] = '\0';
  print(chunk);
}

int main(void) {
  char line[256];
  char *words[1 + MAX_INPUTS];
  const uint32_t count = arguments(line, sizeof line, words, 1u + MAX_INPUTS);
  if (count < 1u) fail(2, "no plan file on the command line (--args \"plan.bin input0.bin\")");
  const uint32_t blob_size = load_file(words[0], blob, sizeof blob);

  const mcusim_plan_status status = mcusim_plan_init(&ctx, blob, blob_size, arena, sizeof arena);
  if (status != MCUSIM_PLAN_OK) fail(10u + (uint32_t)status, mcusim_plan_status_name(status));
  const uint32_t inputs = mcusim_plan_input_count(&ctx);
  if (inputs != count - 1u || inputs > MAX_INPUTS) fail(2, "give one input file per model input");
  for (uint32_t i = 0; i < inputs; ++i) {
    const uint32_t size = load_file(words[1u + i], input_files[i], INPUT_CAPACITY);
    if (size != mcusim_plan_input_size(&ctx, i)) fail(2, "an input file's size differs from its tensor's");
    uint8_t *to = (uint8_t *)mcusim_plan_input(&ctx, i);
    for (uint32_t k = 0; k < size; ++k) to[k] = input_files[i][k];
  }
  report_u32("ops", ctx.header->op_count);

  cycle_counter_enable();
  const uint32_t t0 = cycle_counter_read();
  mcusim_plan_invoke(&ctx);
  const uint32_t t1 = cycle_counter_read();
  report_u32("cycles", t1 - t0);
  for (uint32_t i = 0; i < mcusim_plan_output_count(&ctx); ++i) {
    char name[] = "output0";
    name[6] = (char)('0' + i);
    print_hex(name, (const uint8_t *)mcusim_plan_output(&ctx, i), mcusim_plan_output_size(&ctx, i));
  }
  return 0;
}
