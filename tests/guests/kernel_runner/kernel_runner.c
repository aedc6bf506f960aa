/* tests/guests/kernel_runner/kernel_runner.c — runs one int8 kernel of
 * runtime/kernels inside the simulator on a case read from a host file.
 *
 *   mcusim exec --target generic-m0 --semihosting-root DIR --args case.bin \
 *       build/guests/kernel_runner_m0.elf
 *
 * The file (case_blob.h describes it) is opened by the path given after the
 * ELF's name on the semihosting command line, read whole into RAM, checked,
 * and the kernel it names is called once between two reads of DWT CYCCNT.
 * Prints (one SYS_WRITE0 per piece):
 *   op=<n>
 *   cycles=<kernel cycles, the cost of a bare CYCCNT read pair subtracted>
 *   output=<output bytes as lower-case hex, two digits a byte>
 * and exits 0. A bad blob prints "error=<what>" and exits 2; an operator
 * this build cannot run (the float model edges, see below) exits 3.
 *
 * QUANTIZE float32->int8 and DEQUANTIZE need soft-float helpers (__aeabi_fmul,
 * __aeabi_i2f, ...) that tests/guests/common does not provide, so they are
 * compiled in only with -DKERNEL_RUNNER_FLOAT.
 */
#include <stddef.h>
#include <stdint.h>

#include "cycle_counter.h"
#include "report.h"
#include "runtime/kernels/kernels.h"
#include "semihosting.h"
#include "tests/guests/kernel_runner/case_blob.h"

/* tests/guests/common/mem.c */
void *memcpy(void *restrict dst, const void *restrict src, size_t n);

static uint32_t string_length(const char *s) {
  uint32_t n = 0;
  while (s[n] != '\0') ++n;
  return n;
}

enum {
  KR_SYS_OPEN = 0x01,
  KR_SYS_CLOSE = 0x02,
  KR_SYS_READ = 0x06,
  KR_SYS_FLEN = 0x0C,
  KR_SYS_GET_CMDLINE = 0x15,
};

#define BLOB_CAPACITY (160u * 1024u)
#define OUTPUT_CAPACITY (32u * 1024u)

static uint8_t blob[BLOB_CAPACITY] __attribute__((aligned(8)));
static uint8_t output[OUTPUT_CAPACITY] __attribute__((aligned(8)));

__attribute__((noreturn)) static void fail(uint32_t status, const char *what) {
  print("error=");
  print(what);
  print("\n");
  semihost_exit(status);
}

/* The command line is "<elf> <path>"; the ELF's name is quoted when it holds
 * spaces. Returns the path (NUL-terminated, inside `line`). */
static const char *blob_path(char *line, uint32_t size) {
  uint32_t block[2] = {(uint32_t)(uintptr_t)line, size};
  if (semihost_call(KR_SYS_GET_CMDLINE, block) != 0u) fail(2, "SYS_GET_CMDLINE failed");
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
  while (*p == ' ') ++p;
  if (*p == '\0') fail(2, "no case file on the command line (--args PATH)");
  char *end = p;
  while (*end != '\0' && *end != ' ') ++end;
  *end = '\0';
  return p;
}

static uint32_t load_blob(const char *path) {
  const uint32_t open_block[3] = {(uint32_t)(uintptr_t)path, 1u /* "rb" */, string_length(path)};
  const uint32_t handle = semihost_call(KR_SYS_OPEN, open_block);
  if (handle == 0xFFFFFFFFu) fail(2, "cannot open the case file");
  const uint32_t flen_block[1] = {handle};
  const uint32_t length = semihost_call(KR_SYS_FLEN, flen_block);
  if (length == 0xFFFFFFFFu || length > BLOB_CAPACITY) fail(2, "case file too large");
  const uint32_t read_block[3] = {handle, (uint32_t)(uintptr_t)blob, length};
  if (semihost_call(KR_SYS_READ, read_block) != 0u) fail(2, "short read of the case file");
  const uint32_t close_block[1] = {handle};
  semihost_call(KR_SYS_CLOSE, close_block);
  return length;
}

static case_blob_header header;
static case_blob_section sections[CASE_BLOB_MAX_SECTIONS];

static void check_blob(uint32_t length) {
  if (length < sizeof header) fail(2, "blob shorter than its header");
  memcpy(&header, blob, sizeof header);
  if (header.magic != CASE_BLOB_MAGIC) fail(2, "bad magic");
  if (header.version != CASE_BLOB_VERSION) fail(2, "unsupported version");
  if (header.total_size != length) fail(2, "total_size differs from the file's length");
  if (header.section_count > CASE_BLOB_MAX_SECTIONS) fail(2, "too many sections");
  const uint32_t table_end = sizeof header + header.section_count * sizeof(case_blob_section);
  if (table_end > length) fail(2, "section table past the end");
  memcpy(sections, blob + sizeof header, header.section_count * sizeof(case_blob_section));
  if ((header.params_offset & 3u) != 0u || header.params_offset > length ||
      header.params_size > length - header.params_offset) {
    fail(2, "params outside the blob");
  }
  for (uint32_t i = 0; i < header.section_count; ++i) {
    if ((sections[i].offset & 3u) != 0u || sections[i].offset > length ||
        sections[i].size > length - sections[i].offset) {
      fail(2, "section outside the blob");
    }
  }
  if (header.output_size > OUTPUT_CAPACITY) fail(2, "output too large");
}

/* Section i's data, or NULL when it is absent (missing or empty). */
static const void *section(uint32_t i) {
  if (i >= header.section_count || sections[i].size == 0u) return NULL;
  return blob + sections[i].offset;
}

static const int8_t *s8(uint32_t i) { return (const int8_t *)section(i); }
static const int32_t *s32(uint32_t i) { return (const int32_t *)section(i); }

static void get_params(void *params, uint32_t size) {
  if (header.params_size != size) fail(2, "params size differs from the kernel's struct");
  memcpy(params, blob + header.params_offset, size);
}

static void require_sections(uint32_t count) {
  if (header.section_count < count) fail(2, "missing sections");
  for (uint32_t i = 0; i < count; ++i) {
    if (section(i) == NULL) fail(2, "empty input section");
  }
}

static union {
  fully_connected_s8_params fc;
  conv2d_s8_params conv;
  depthwise_conv2d_s8_params dw;
  pool2d_s8_params pool;
  add_s8_params add;
  mul_s8_params mul;
  softmax_s8_params softmax;
  logistic_s8_params logistic;
  relu_s8_params relu;
  relu6_s8_params relu6;
  concatenation_s8_params concat;
  mean_s8_params mean;
  pad_s8_params pad;
  requantize_s8_params requantize;
  quantize_f32_params quantize_f32;
  dequantize_s8_params dequantize;
  reshape_params reshape;
} p;

static const int8_t *concat_inputs[CASE_BLOB_MAX_SECTIONS];

/* Fetches params and sections for the op; returns 0 if this build lacks it. */
static int prepare(void) {
  switch (header.op) {
    case CASE_OP_FULLY_CONNECTED:
      get_params(&p.fc, sizeof p.fc);
      require_sections(2);
      p.fc.per_channel_multiplier = s32(3);
      p.fc.per_channel_shift = s32(4);
      p.fc.variant_block = s32(5);
      return 1;
    case CASE_OP_CONV2D:
      get_params(&p.conv, sizeof p.conv);
      require_sections(2);
      if (section(3) == NULL || section(4) == NULL) fail(2, "missing multipliers or shifts");
      p.conv.multiplier = s32(3);
      p.conv.shift = s32(4);
      p.conv.variant_block = s32(5);
      return 1;
    case CASE_OP_DEPTHWISE_CONV2D:
      get_params(&p.dw, sizeof p.dw);
      require_sections(2);
      if (section(3) == NULL || section(4) == NULL) fail(2, "missing multipliers or shifts");
      p.dw.multiplier = s32(3);
      p.dw.shift = s32(4);
      return 1;
    case CASE_OP_AVERAGE_POOL:
    case CASE_OP_MAX_POOL: get_params(&p.pool, sizeof p.pool); require_sections(1); return 1;
    case CASE_OP_ADD: get_params(&p.add, sizeof p.add); require_sections(2); return 1;
    case CASE_OP_MUL: get_params(&p.mul, sizeof p.mul); require_sections(2); return 1;
    case CASE_OP_SOFTMAX: get_params(&p.softmax, sizeof p.softmax); require_sections(1); return 1;
    case CASE_OP_LOGISTIC:
    case CASE_OP_TANH: get_params(&p.logistic, sizeof p.logistic); require_sections(1); return 1;
    case CASE_OP_RELU:
    case CASE_OP_HARD_TANH: get_params(&p.relu, sizeof p.relu); require_sections(1); return 1;
    case CASE_OP_RELU6: get_params(&p.relu6, sizeof p.relu6); require_sections(1); return 1;
    case CASE_OP_CONCATENATION:
      get_params(&p.concat, sizeof p.concat);
      require_sections(1);
      if (p.concat.num_inputs < 1 || (uint32_t)p.concat.num_inputs + 1u != header.section_count ||
          sections[0].size != (uint32_t)p.concat.num_inputs * 4u) {
        fail(2, "concatenation inputs do not match num_inputs");
      }
      p.concat.copy_sizes = s32(0);
      for (uint32_t i = 0; i < (uint32_t)p.concat.num_inputs; ++i) concat_inputs[i] = s8(i + 1u);
      return 1;
    case CASE_OP_MEAN: get_params(&p.mean, sizeof p.mean); require_sections(1); return 1;
    case CASE_OP_PAD: get_params(&p.pad, sizeof p.pad); require_sections(1); return 1;
    case CASE_OP_REQUANTIZE: get_params(&p.requantize, sizeof p.requantize); require_sections(1); return 1;
    case CASE_OP_RESHAPE: get_params(&p.reshape, sizeof p.reshape); require_sections(1); return 1;
#ifdef KERNEL_RUNNER_FLOAT
    case CASE_OP_QUANTIZE_F32: get_params(&p.quantize_f32, sizeof p.quantize_f32); require_sections(1); return 1;
    case CASE_OP_DEQUANTIZE: get_params(&p.dequantize, sizeof p.dequantize); require_sections(1); return 1;
#else
    case CASE_OP_QUANTIZE_F32:
    case CASE_OP_DEQUANTIZE: return 0;
#endif
    default: fail(2, "unknown op");
  }
}

/* The call itself: kept out of line so that the CYCCNT reads around it time
 * exactly the kernel call. */
__attribute__((noinline)) static void run(void) {
  int8_t *out = (int8_t *)output;
  switch (header.op) {
    case CASE_OP_FULLY_CONNECTED: fully_connected_s8(&p.fc, s8(0), s8(1), s32(2), out); break;
    case CASE_OP_CONV2D: conv2d_s8(&p.conv, s8(0), s8(1), s32(2), out); break;
    case CASE_OP_DEPTHWISE_CONV2D: depthwise_conv2d_s8(&p.dw, s8(0), s8(1), s32(2), out); break;
    case CASE_OP_AVERAGE_POOL: average_pool_s8(&p.pool, s8(0), out); break;
    case CASE_OP_MAX_POOL: max_pool_s8(&p.pool, s8(0), out); break;
    case CASE_OP_ADD: add_s8(&p.add, s8(0), s8(1), out); break;
    case CASE_OP_MUL: mul_s8(&p.mul, s8(0), s8(1), out); break;
    case CASE_OP_SOFTMAX: softmax_s8(&p.softmax, s8(0), out); break;
    case CASE_OP_LOGISTIC: logistic_s8(&p.logistic, s8(0), out); break;
    case CASE_OP_TANH: tanh_s8(&p.logistic, s8(0), out); break;
    case CASE_OP_RELU: relu_s8(&p.relu, s8(0), out); break;
    case CASE_OP_HARD_TANH: hard_tanh_s8(&p.relu, s8(0), out); break;
    case CASE_OP_RELU6: relu6_s8(&p.relu6, s8(0), out); break;
    case CASE_OP_CONCATENATION: concatenation_s8(&p.concat, concat_inputs, out); break;
    case CASE_OP_MEAN: mean_s8(&p.mean, s8(0), out); break;
    case CASE_OP_PAD: pad_s8(&p.pad, s8(0), out); break;
    case CASE_OP_REQUANTIZE: quantize_s8_s8(&p.requantize, s8(0), out); break;
    case CASE_OP_RESHAPE: reshape(&p.reshape, s8(0), out); break;
#ifdef KERNEL_RUNNER_FLOAT
    case CASE_OP_QUANTIZE_F32: quantize_f32_s8(&p.quantize_f32, (const float *)section(0), out); break;
    case CASE_OP_DEQUANTIZE: dequantize_s8_f32(&p.dequantize, s8(0), (float *)output); break;
#endif
    default: break;
  }
}

static void print_output(void) {
  static const char kDigits[] = "0123456789abcdef";
  char chunk[129];
  uint32_t n = 0;
  print("output=");
  for (uint32_t i = 0; i < header.output_size; ++i) {
    chunk[n++] = kDigits[output[i] >> 4];
    chunk[n++] = kDigits[output[i] & 0xFu];
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
  const uint32_t length = load_blob(blob_path(line, sizeof line));
  check_blob(length);
  if (!prepare()) fail(3, "operator not built into this runner (float model edge)");
  report_u32("op", header.op);

  cycle_counter_enable();
  /* Calibration: a bare pair of reads, subtracted from the timed pair. */
  const uint32_t c0 = cycle_counter_read();
  const uint32_t c1 = cycle_counter_read();
  const uint32_t t0 = cycle_counter_read();
  run();
  const uint32_t t1 = cycle_counter_read();
  report_u32("cycles", (t1 - t0) - (c1 - c0));
  report_u32("cycles_raw", t1 - t0);
  print_output();
  return 0;
}
