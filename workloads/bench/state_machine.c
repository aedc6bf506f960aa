// workloads/bench/state_machine.c — a switch-driven lexer (one state per
// token kind, one switch on the state and one on the character) over 12 KiB
// of generated C-like text, lexed repeatedly.
// Check: the token counts the lexer finds equal the counts the generator
// recorded while writing the text.
#include <stdint.h>

#include "bench.h"

enum { kTextBytes = 12 * 1024, kPasses = 32 };

typedef struct {
  uint32_t identifiers, numbers, strings, operators, comments, lines;
} Counts;

static char text[kTextBytes];
static uint32_t text_length;

// ---------------------------------------------------------------- generator
static uint32_t seed = 4242u;
static uint32_t pick(uint32_t n) { return (bench_lcg(&seed) >> 16) % n; }

static void put(char c) { text[text_length++] = c; }
static void put_string(const char *s) {
  while (*s != '\0') put(*s++);
}

static void generate(Counts *expected) {
  static const char *const kOperators[] = {"+",  "-",  "*",  "/",  "=", "<", ">", ";", "(", ")",
                                           "{",  "}",  "==", "!=", "<=", ">=", "&&", "||", ","};
  static const char kIdentStart[] = "abcdefghijklmnopqrstuvwxyz_";
  static const char kIdentRest[] = "abcdefghijklmnopqrstuvwxyz_0123456789";
  *expected = (Counts){0};
  text_length = 0;
  while (text_length < kTextBytes - 64u) {
    switch (pick(8)) {
      case 0:
      case 1:
      case 2: {  // identifier
        put(kIdentStart[pick(sizeof kIdentStart - 1)]);
        for (uint32_t n = pick(8); n != 0; --n) put(kIdentRest[pick(sizeof kIdentRest - 1)]);
        ++expected->identifiers;
        break;
      }
      case 3: {  // decimal or hex number
        if (pick(4) == 0) {
          put_string("0x");
          for (uint32_t n = 1 + pick(6); n != 0; --n) put("0123456789abcdef"[pick(16)]);
        } else {
          put((char)('1' + pick(9)));
          for (uint32_t n = pick(5); n != 0; --n) put((char)('0' + pick(10)));
        }
        ++expected->numbers;
        break;
      }
      case 4:
      case 5: {  // operator
        put_string(kOperators[pick(sizeof kOperators / sizeof kOperators[0])]);
        ++expected->operators;
        break;
      }
      case 6: {  // string literal with escapes
        put('"');
        for (uint32_t n = pick(12); n != 0; --n) {
          switch (pick(10)) {
            case 0: put_string("\\\""); break;
            case 1: put_string("\\\\"); break;
            case 2: put(' '); break;
            default: put((char)('a' + pick(26))); break;
          }
        }
        put('"');
        ++expected->strings;
        break;
      }
      default: {  // comment to the end of the line
        put_string("// ");
        for (uint32_t n = pick(20); n != 0; --n) put((char)('a' + pick(26)));
        put('\n');
        ++expected->comments;
        ++expected->lines;
        continue;  // the newline already separates
      }
    }
    if (pick(6) == 0) {
      put('\n');
      ++expected->lines;
    } else {
      put(' ');
    }
  }
}

// ---------------------------------------------------------------- lexer
typedef enum {
  kStart,
  kIdentifier,
  kZero,     // "0": a number, or the start of "0x"
  kDecimal,
  kHex,
  kString,
  kEscape,
  kSlash,    // "/": an operator, or the start of "//"
  kComment,
  kOperator, // first character of a possibly two-character operator
} State;

__attribute__((noinline)) static void lex(const char *p, uint32_t n, Counts *c) {
  State state = kStart;
  char first = 0;
  uint32_t i = 0;
  while (i <= n) {
    const char ch = i < n ? p[i] : ' ';  // a final blank flushes the last token
    switch (state) {
      case kStart:
        switch (ch) {
          case 'a' ... 'z':
          case 'A' ... 'Z':
          case '_': state = kIdentifier; break;
          case '0': state = kZero; break;
          case '1' ... '9': state = kDecimal; break;
          case '"': state = kString; break;
          case '/': state = kSlash; break;
          case '=': case '!': case '<': case '>': case '&': case '|':
            first = ch;
            state = kOperator;
            break;
          case '+': case '-': case '*': case ';': case '(': case ')': case '{': case '}': case ',':
            ++c->operators;
            break;
          case '\n': ++c->lines; break;
          default: break;  // blanks
        }
        ++i;
        break;
      case kIdentifier:
        switch (ch) {
          case 'a' ... 'z':
          case 'A' ... 'Z':
          case '0' ... '9':
          case '_': ++i; break;
          default: ++c->identifiers; state = kStart; break;  // ch not consumed
        }
        break;
      case kZero:
        if (ch == 'x' || ch == 'X') {
          state = kHex;
          ++i;
        } else {
          state = kDecimal;  // re-examine ch as a decimal digit
        }
        break;
      case kDecimal:
        switch (ch) {
          case '0' ... '9': ++i; break;
          default: ++c->numbers; state = kStart; break;
        }
        break;
      case kHex:
        switch (ch) {
          case '0' ... '9':
          case 'a' ... 'f':
          case 'A' ... 'F': ++i; break;
          default: ++c->numbers; state = kStart; break;
        }
        break;
      case kString:
        switch (ch) {
          case '\\': state = kEscape; break;
          case '"': ++c->strings; state = kStart; break;
          default: break;
        }
        ++i;
        break;
      case kEscape:
        state = kString;
        ++i;
        break;
      case kSlash:
        if (ch == '/') {
          state = kComment;
          ++i;
        } else {
          ++c->operators;
          state = kStart;
        }
        break;
      case kComment:
        if (ch == '\n') {
          ++c->comments;
          state = kStart;  // the newline is counted as a line by kStart
        } else {
          ++i;
        }
        break;
      case kOperator: {
        int pair = 0;
        switch (first) {
          case '=': case '!': case '<': case '>': pair = ch == '='; break;
          case '&': pair = ch == '&'; break;
          case '|': pair = ch == '|'; break;
          default: break;
        }
        ++c->operators;
        state = kStart;
        if (pair) ++i;
        break;
      }
    }
  }
}

int main(void) {
  Counts expected;
  generate(&expected);

  const uint32_t start = bench_start();
  Counts total = {0};
  for (uint32_t pass = 0; pass < kPasses; ++pass) lex(text, text_length, &total);
  const uint32_t cycles = bench_cycles(start);

  const int ok = total.identifiers == kPasses * expected.identifiers &&
                 total.numbers == kPasses * expected.numbers &&
                 total.strings == kPasses * expected.strings &&
                 total.operators == kPasses * expected.operators &&
                 total.comments == kPasses * expected.comments &&
                 total.lines == kPasses * expected.lines;
  const uint32_t result = expected.identifiers ^ (expected.numbers << 8) ^
                          (expected.strings << 16) ^ (expected.operators << 4) ^
                          (expected.comments << 12) ^ (expected.lines << 20);
  return bench_finish("state_machine", cycles, result, ok);
}
