/* Operands shared with Wick (benchmarks/Wick.Benchmarks/FlintComparisonBenchmarks.cs, class ProductWorkload):
 * splitmix64 seeded with the operand number; per attempt: one exponent per variable uniform in [low_j, high_j],
 * p uniform in [1, 999], a sign bit, q uniform in [1, 29] (rational workloads only); the term p/q (or p) is kept
 * when its exponent vector is new, until the operand has `terms` terms. uniform(lo, hi) = lo + next() % (hi - lo + 1). */
#include <stdint.h>
#define MAXVARS 4
#define P 2305843009213693951UL /* 2^61 - 1 */
static const ulong POINT[MAXVARS] = {3, 5, 7, 11};

typedef struct { const char *name; int vars; int low[MAXVARS]; int high[MAXVARS]; int terms; int pairs; int rational; } workload_t;
typedef struct { int count; int *exps; long *num; long *den; } operand_t;

static const workload_t WORKLOADS[] = {
    /* 1000 x 1000 terms, 4 symbols, integer coefficients, exponents 0..9 (AlgebraBenchmarks.Product1000's shape) */
    {"int1000", 4, {0, 0, 0, 0}, {9, 9, 9, 9}, 1000, 1, 0},
    /* 1000 x 1000 terms, widths n_l, n_{l-1} in -6..3, C_W and r in 0..3, rational coefficients */
    {"laurent1000", 4, {-6, -6, 0, 0}, {3, 3, 3, 3}, 1000, 1, 1},
    /* 1000 engine-sized products of 8 x 8 terms: widths -3..0, C_W and G4 in 0..2, rational coefficients */
    {"small", 4, {-3, -3, 0, 0}, {0, 0, 2, 2}, 8, 1000, 1},
    /* a dense exponent box: every monomial 1/(n_l^i n_{l-1}^j), i, j in 0..29 (900 x 900 terms), integer coefficients */
    {"dense", 2, {-29, -29, 0, 0}, {0, 0, 0, 0}, 900, 1, 0},
};

static const workload_t *find_workload(const char *name)
{
    for (unsigned i = 0; i < sizeof WORKLOADS / sizeof WORKLOADS[0]; i++)
        if (strcmp(WORKLOADS[i].name, name) == 0) return &WORKLOADS[i];
    return NULL;
}

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static long uniform(uint64_t *s, long lo, long hi) { return lo + (long)(splitmix64(s) % (uint64_t)(hi - lo + 1)); }

static void make_operand(operand_t *op, const workload_t *w, uint64_t seed)
{
    long box = 1;
    for (int j = 0; j < w->vars; j++) box *= w->high[j] - w->low[j] + 1;
    char *seen = calloc(box, 1);
    op->count = 0;
    op->exps = malloc(sizeof(int) * MAXVARS * w->terms);
    op->num = malloc(sizeof(long) * w->terms);
    op->den = malloc(sizeof(long) * w->terms);
    uint64_t s = seed;
    while (op->count < w->terms) {
        int e[MAXVARS];
        long pos = 0;
        for (int j = 0; j < w->vars; j++) e[j] = (int)uniform(&s, w->low[j], w->high[j]);
        for (int j = 0; j < w->vars; j++) pos = pos * (w->high[j] - w->low[j] + 1) + (e[j] - w->low[j]);
        long p = uniform(&s, 1, 999);
        if (splitmix64(&s) & 1) p = -p;
        long q = w->rational ? uniform(&s, 1, 29) : 1;
        if (seen[pos]) continue;
        seen[pos] = 1;
        for (int j = 0; j < w->vars; j++) op->exps[op->count * MAXVARS + j] = e[j];
        op->num[op->count] = p;
        op->den[op->count] = q;
        op->count++;
    }
    free(seen);
}

static ulong addmod(ulong a, ulong b) { ulong s = a + b; return s >= P ? s - P : s; }
static ulong mulmod(ulong a, ulong b) { return (ulong)(((unsigned __int128)a * b) % P); }
static ulong powmod(ulong b, ulong e) { ulong r = 1; while (e) { if (e & 1) r = mulmod(r, b); b = mulmod(b, b); e >>= 1; } return r; }
static ulong invmod(ulong a) { return powmod(a, P - 2); }
static ulong powmod_signed(ulong b, slong e) { return e >= 0 ? powmod(b, (ulong)e) : invmod(powmod(b, (ulong)-e)); }
