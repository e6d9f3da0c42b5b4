/* Brute-force perfect matchings of 2m points by the algorithm of Wick.Algebra.Pairings.PairingEnumerator
 * (iterative; level k pairs arr[2k] with arr[2k+1+c_k]; the last six points completed in their fifteen ways,
 * i.e. leaf-unrolled, in the same order) — the C reference of issue 16. Each pairing is "visited" by adding the partner of the last
 * point to a checksum (the same visitor as PairingThroughputBenchmarks.EnumerateAll), so the expected checksum is
 * (2m-3)!! (2m-1)(2m-2)/2. Build: gcc -O2 -march=native matchings.c -o matchings; run: ./matchings M [reps].
 * Prints the count, the checksum and the best time of reps. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int arr[64], partner[64], choice[32];

static inline void swap(int i, int j) { int t = arr[i]; arr[i] = arr[j]; arr[j] = t; }

static inline void pair(int x, int y) { partner[x] = y; partner[y] = x; }

#define VISIT() (sink += partner[n - 1])
#define FOUR(a, b, c, d) do { \
    pair(a, b); pair(c, d); VISIT(); \
    pair(a, c); pair(b, d); VISIT(); \
    pair(a, d); pair(b, c); VISIT(); } while (0)

static int advance(int m) {
  int top = m - 4, k = top;
  while (k >= 0 && choice[k] == 2 * (m - k) - 2) k--;
  if (k < 0) return 0;
  for (int j = top; j > k; j--)
    if (choice[j]) { swap(2 * j + 1, 2 * j + 1 + choice[j]); choice[j] = 0; }
  int slot = 2 * k + 1;
  if (choice[k]) swap(slot, slot + choice[k]);
  choice[k]++;
  swap(slot, slot + choice[k]);
  for (int j = k; j <= top; j++) { int x = arr[2 * j], y = arr[2 * j + 1]; partner[x] = y; partner[y] = x; }
  return 1;
}

static long long run(int m, long long *count) {
  int n = 2 * m;
  long long sink = 0;
  for (int i = 0; i < n; i++) { arr[i] = i; partner[i] = i ^ 1; }
  for (int k = 0; k < m; k++) choice[k] = 0;
  *count = 0;
  do {
    int u = arr[n - 6], p0 = arr[n - 5], p1 = arr[n - 4], p2 = arr[n - 3], p3 = arr[n - 2], p4 = arr[n - 1];
    pair(u, p0); FOUR(p1, p2, p3, p4);
    pair(u, p1); FOUR(p0, p2, p3, p4);
    pair(u, p2); FOUR(p1, p0, p3, p4);
    pair(u, p3); FOUR(p1, p2, p0, p4);
    pair(u, p4); FOUR(p1, p2, p3, p0);
    *count += 15;
  } while (advance(m));
  return sink;
}

int main(int argc, char **argv) {
  int m = argc > 1 ? atoi(argv[1]) : 8, reps = argc > 2 ? atoi(argv[2]) : 3;
  if (m < 3 || m > 30) { fprintf(stderr, "M must be 3..30\n"); return 2; }
  double best = 1e30;
  long long count = 0, sink = 0;
  for (int r = 0; r < reps; r++) {
    struct timespec s, e;
    clock_gettime(CLOCK_MONOTONIC, &s);
    sink = run(m, &count);
    clock_gettime(CLOCK_MONOTONIC, &e);
    double t = (e.tv_sec - s.tv_sec) + 1e-9 * (e.tv_nsec - s.tv_nsec);
    if (t < best) best = t;
  }
  printf("m=%d seconds=%.6f pairings=%lld checksum=%lld rate=%.3g/s\n", m, best, count, sink, count / best);
  return 0;
}
