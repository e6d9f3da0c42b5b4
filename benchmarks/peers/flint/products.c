/* FLINT peer for issue 16: the same operands as Wick's FlintComparisonBenchmarks (splitmix64, see operands.h),
 * multiplied with fmpz_mpoly_mul (integer workloads) or fmpq_mpoly_mul (rational workloads), one thread, ORD_LEX.
 * Only the multiplication is timed (in-process, CLOCK_MONOTONIC); prints the median and minimum over the runs, the
 * number of terms of the product and a checksum: the product evaluated at (3, 5, 7, 11, ...) modulo 2^61 - 1
 * (negative exponents through modular inverses), which Wick prints for the same workload.
 * Laurent operands are multiplied by x^-low (FLINT has no negative exponents); the checksum undoes the shift.
 * Build and run: see run.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <flint/flint.h>
#include <flint/fmpz_mpoly.h>
#include <flint/fmpq_mpoly.h>
#include "operands.h"

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static int cmp_double(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return x < y ? -1 : x > y; }

/* An operand as an fmpq_mpoly with exponents shifted by -low (all non-negative). */
static void to_fmpq(fmpq_mpoly_t A, const operand_t *op, const workload_t *w, const fmpq_mpoly_ctx_t ctx)
{
    ulong exps[MAXVARS];
    fmpq_t c;
    fmpq_init(c);
    for (int t = 0; t < op->count; t++) {
        for (int j = 0; j < w->vars; j++) exps[j] = (ulong)(op->exps[t * MAXVARS + j] - w->low[j]);
        fmpq_set_si(c, op->num[t], (ulong)op->den[t]);
        fmpq_mpoly_push_term_fmpq_ui(A, c, exps, ctx);
    }
    fmpq_mpoly_sort_terms(A, ctx);
    fmpq_mpoly_combine_like_terms(A, ctx);
    fmpq_clear(c);
}

static void to_fmpz(fmpz_mpoly_t A, const operand_t *op, const workload_t *w, const fmpz_mpoly_ctx_t ctx)
{
    ulong exps[MAXVARS];
    for (int t = 0; t < op->count; t++) {
        for (int j = 0; j < w->vars; j++) exps[j] = (ulong)(op->exps[t * MAXVARS + j] - w->low[j]);
        fmpz_mpoly_push_term_si_ui(A, op->num[t], exps, ctx);
    }
    fmpz_mpoly_sort_terms(A, ctx);
    fmpz_mpoly_combine_like_terms(A, ctx);
}

/* Value at x_j = POINT[j] mod P of a product whose exponents are shifted by shift[j]. */
static ulong checksum_fmpq(const fmpq_mpoly_t A, const workload_t *w, const slong *shift, const fmpq_mpoly_ctx_t ctx)
{
    ulong sum = 0;
    slong exps[MAXVARS];
    fmpq_t c;
    fmpq_init(c);
    for (slong t = 0; t < fmpq_mpoly_length(A, ctx); t++) {
        fmpq_mpoly_get_term_coeff_fmpq(c, A, t, ctx);
        fmpq_mpoly_get_term_exp_si(exps, A, t, ctx);
        ulong v = mulmod(fmpz_fdiv_ui(fmpq_numref(c), P), invmod(fmpz_fdiv_ui(fmpq_denref(c), P)));
        for (int j = 0; j < w->vars; j++) v = mulmod(v, powmod_signed(POINT[j], exps[j] - shift[j]));
        sum = addmod(sum, v);
    }
    fmpq_clear(c);
    return sum;
}

static ulong checksum_fmpz(const fmpz_mpoly_t A, const workload_t *w, const slong *shift, const fmpz_mpoly_ctx_t ctx)
{
    ulong sum = 0;
    slong exps[MAXVARS];
    fmpz_t c;
    fmpz_init(c);
    for (slong t = 0; t < fmpz_mpoly_length(A, ctx); t++) {
        fmpz_mpoly_get_term_coeff_fmpz(c, A, t, ctx);
        fmpz_mpoly_get_term_exp_si(exps, A, t, ctx);
        ulong v = fmpz_fdiv_ui(c, P);
        for (int j = 0; j < w->vars; j++) v = mulmod(v, powmod_signed(POINT[j], exps[j] - shift[j]));
        sum = addmod(sum, v);
    }
    fmpz_clear(c);
    return sum;
}

int main(int argc, char **argv)
{
    const char *name = argc > 1 ? argv[1] : "int1000";
    int runs = argc > 2 ? atoi(argv[2]) : 9;
    const workload_t *w = find_workload(name);
    if (!w) { fprintf(stderr, "unknown workload %s\n", name); return 2; }
    operand_t *a = malloc(sizeof(operand_t) * w->pairs), *b = malloc(sizeof(operand_t) * w->pairs);
    for (int i = 0; i < w->pairs; i++) { make_operand(&a[i], w, 2 * i + 1); make_operand(&b[i], w, 2 * i + 2); }
    slong shift[MAXVARS];
    for (int j = 0; j < w->vars; j++) shift[j] = -2 * (slong)w->low[j];
    double *times = malloc(sizeof(double) * runs);
    ulong check = 0;
    slong terms = 0;
    if (w->rational) {
        fmpq_mpoly_ctx_t ctx;
        fmpq_mpoly_ctx_init(ctx, w->vars, ORD_LEX);
        fmpq_mpoly_struct *A = malloc(sizeof(fmpq_mpoly_struct) * w->pairs), *B = malloc(sizeof(fmpq_mpoly_struct) * w->pairs);
        fmpq_mpoly_t C;
        fmpq_mpoly_init(C, ctx);
        for (int i = 0; i < w->pairs; i++) {
            fmpq_mpoly_init(A + i, ctx); fmpq_mpoly_init(B + i, ctx);
            to_fmpq(A + i, &a[i], w, ctx); to_fmpq(B + i, &b[i], w, ctx);
        }
        for (int r = 0; r < runs; r++) {
            check = 0; terms = 0;
            double t0 = now(), spent = 0;
            for (int i = 0; i < w->pairs; i++) {
                t0 = now();
                fmpq_mpoly_mul(C, A + i, B + i, ctx);
                spent += now() - t0;
                terms += fmpq_mpoly_length(C, ctx);
                check = addmod(check, checksum_fmpq(C, w, shift, ctx));
            }
            times[r] = spent;
        }
    } else {
        fmpz_mpoly_ctx_t ctx;
        fmpz_mpoly_ctx_init(ctx, w->vars, ORD_LEX);
        fmpz_mpoly_struct *A = malloc(sizeof(fmpz_mpoly_struct) * w->pairs), *B = malloc(sizeof(fmpz_mpoly_struct) * w->pairs);
        fmpz_mpoly_t C;
        fmpz_mpoly_init(C, ctx);
        for (int i = 0; i < w->pairs; i++) {
            fmpz_mpoly_init(A + i, ctx); fmpz_mpoly_init(B + i, ctx);
            to_fmpz(A + i, &a[i], w, ctx); to_fmpz(B + i, &b[i], w, ctx);
        }
        for (int r = 0; r < runs; r++) {
            check = 0; terms = 0;
            double t0, spent = 0;
            for (int i = 0; i < w->pairs; i++) {
                t0 = now();
                fmpz_mpoly_mul(C, A + i, B + i, ctx);
                spent += now() - t0;
                terms += fmpz_mpoly_length(C, ctx);
                check = addmod(check, checksum_fmpz(C, w, shift, ctx));
            }
            times[r] = spent;
        }
    }
    qsort(times, runs, sizeof(double), cmp_double);
    printf("%s flint=%s products=%d terms=%ld checksum=%lu median_us=%.2f min_us=%.2f per_product_us=%.3f\n",
           name, FLINT_VERSION, w->pairs, (long)terms, (unsigned long)check, 1e6 * times[runs / 2], 1e6 * times[0],
           1e6 * times[runs / 2] / w->pairs);
    return 0;
}
