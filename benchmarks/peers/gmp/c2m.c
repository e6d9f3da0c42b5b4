/* GMP peer for issue 16: n^m c_{2m}(n) = sum_k a_k n^k by the same O(m^2) recurrence as Wick's
 * PairingPatterns.LoopCountsByTransfer, a_k(n) = (closing n + joining) a_{k-1}(n) with closing = 1 and
 * joining = 2k - 2 (the counts Wick derives per step from the adjacent pairing of 2k points; given here).
 * In place, top down: a[d] = joining a[d] + a[d-1] (mpz_mul_ui, mpz_add). Timed in-process (CLOCK_MONOTONIC),
 * median and minimum over the runs; prints a checksum (sum of a_k mod 2^61 - 1) and the size of a_1 in bits to
 * compare with Wick. Usage: c2m M [RUNS]. Build: see run.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <gmp.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static int cmp_double(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return x < y ? -1 : x > y; }

static void recurrence(mpz_t *a, int m)
{
    mpz_set_ui(a[0], 1);
    for (int d = 1; d <= m; d++) mpz_set_ui(a[d], 0);
    for (int k = 1; k <= m; k++) {
        unsigned long closing = 1, joining = 2UL * k - 2;
        for (int d = k; d >= 0; d--) {
            mpz_mul_ui(a[d], a[d], joining);
            if (d > 0) {
                if (closing == 1) mpz_add(a[d], a[d], a[d - 1]);
                else mpz_addmul_ui(a[d], a[d - 1], closing);
            }
        }
    }
}

int main(int argc, char **argv)
{
    int m = argc > 1 ? atoi(argv[1]) : 400, runs = argc > 2 ? atoi(argv[2]) : 21;
    mpz_t *a = malloc(sizeof(mpz_t) * (m + 1));
    for (int d = 0; d <= m; d++) mpz_init(a[d]);
    double *t = malloc(sizeof(double) * runs);
    for (int r = 0; r < runs; r++) {
        double t0 = now();
        recurrence(a, m);
        t[r] = now() - t0;
    }
    qsort(t, runs, sizeof(double), cmp_double);
    unsigned long check = 0, p = 2305843009213693951UL;
    for (int d = 0; d <= m; d++) check = (check + mpz_fdiv_ui(a[d], p)) % p;
    printf("c2m m=%d gmp=%s checksum=%lu bits_a1=%lu median_us=%.3f min_us=%.3f\n", m, gmp_version, check,
           (unsigned long)mpz_sizeinbase(a[m > 0 ? 1 : 0], 2), 1e6 * t[runs / 2], 1e6 * t[0]);
    return 0;
}
