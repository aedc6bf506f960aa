// tests/guests/faults/exit_status.c — not a fault: the control case. Prints a
// line and returns 7 from main; mcusim exec must exit with 1 (the guest exited
// with a non-zero status), print the line, and report no fault.
#include "report.h"

int main(void) {
  print("exit_status: returning 7\n");
  return 7;
}
