/* The δ-loop distribution of the adjacent pairing of 2m points over all (2m-1)!! pairings, by the algorithm of
 * Wick.Algebra.Pairings.LoopDistribution (strand ends updated per step, the last two levels unrolled) — the C
 * reference of issue 16. Build: gcc -O2 -march=native loops.c -o loops; run: ./loops M [reps]. Prints the counts
 * and the best time of reps. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int rest[64], endp[64];
static long long a[33];

static void complete(int count, int loops);

static void pair(int count, int i, int loops) {
  int x = rest[count - 1], y = rest[i], ex = endp[x], ey = endp[y], t;
  if (ex == y) loops++; else { endp[ex] = ey; endp[ey] = ex; }
  t = rest[i]; rest[i] = rest[count - 2]; rest[count - 2] = t;
  complete(count - 2, loops);
  t = rest[i]; rest[i] = rest[count - 2]; rest[count - 2] = t;
  if (ex != y) { endp[ex] = x; endp[ey] = y; }
}

static void complete(int count, int loops) {
  if (count == 4) {
    int ex = endp[rest[3]];
    int closes = (ex == rest[0]) + (ex == rest[1]) + (ex == rest[2]);
    a[loops + 2] += closes;
    a[loops + 1] += 3 - closes;
    return;
  }
  if (count == 0) { a[loops]++; return; }
  for (int i = 0; i < count - 1; i++) pair(count, i, loops);
}

int main(int argc, char **argv) {
  int m = argc > 1 ? atoi(argv[1]) : 8, reps = argc > 2 ? atoi(argv[2]) : 3, n = 2 * m;
  double best = 1e30;
  for (int r = 0; r < reps; r++) {
    for (int i = 0; i <= m; i++) a[i] = 0;
    for (int i = 0; i < n; i++) { rest[i] = i; endp[i] = i ^ 1; }
    struct timespec s, e;
    clock_gettime(CLOCK_MONOTONIC, &s);
    complete(n, 0);
    clock_gettime(CLOCK_MONOTONIC, &e);
    double t = (e.tv_sec - s.tv_sec) + 1e-9 * (e.tv_nsec - s.tv_nsec);
    if (t < best) best = t;
  }
  printf("m=%d seconds=%.6f counts=", m, best);
  for (int i = 0; i <= m; i++) printf("%s%lld", i ? "," : "", a[i]);
  printf("\n");
  return 0;
}
