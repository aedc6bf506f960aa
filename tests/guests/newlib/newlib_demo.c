// tests/guests/newlib/newlib_demo.c — an ordinary C program on Debian's newlib
// (--specs=rdimon.specs): stdio, the heap, a host file named by argv[1], and
// exit(3), all through semihosting (tests/sim/machine/newlib_guest_test.cpp).
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  printf("hello from newlib, argc=%d\n", argc);

  char *buffer = malloc(1000);
  if (buffer == NULL) {
    printf("malloc failed\n");
    return 4;
  }
  strcpy(buffer, "heap ok");
  printf("%s at %p\n", buffer, (void *)buffer);
  free(buffer);

  if (argc < 2) {
    printf("usage: newlib_demo FILE\n");
    return 5;
  }
  FILE *file = fopen(argv[1], "r");
  if (file == NULL) {
    printf("fopen %s failed: errno %d\n", argv[1], errno);
    return 6;
  }
  char text[256];
  const size_t got = fread(text, 1, sizeof text - 1, file);
  text[got] = '\0';
  fclose(file);
  printf("read %u bytes: %s\n", (unsigned)got, text);

  exit(3);
}
