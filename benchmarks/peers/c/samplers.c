/* C reference of Wick's Monte Carlo samplers (src/Wick.Numeric/MonteCarlo), issue 16.
 *
 * The same algorithms, written as plain C: xoshiro256** seeded like Xoshiro.ForStream (SplitMix64), the same
 * 128-layer ziggurat for normals (7 bits layer, 1 bit sign, 52-bit magnitude, same tail code), Marsaglia–Tsang
 * χ² with the same log-free squeeze, the same layer structure, summation order and estimators. Built with
 * -ffp-contract=off (like .NET, which never fuses a*b+c), the programs print the same sums, bit for bit, as
 * Wick's `dotnet run -c Release --project benchmarks/Wick.Benchmarks -- samplers ...` for the same seed and stream
 * (benchmarks/peers/c/samplers.sh compares them).
 *
 * Usage: samplers KIND NETWORKS     KIND = full | tanh | chi2 | metric1 | metric4
 *   full    deep linear full-matrix sampler, n = 100, 10 layers, one input x = (1,…,1), G2, G4, G6 per layer
 *   tanh    the same with σ = tanh between layers (SamplerTanh's algorithm, below), G2, G4
 *   chi2    χ² chain, 10 layers of width 100, G2, G4, G6 (64 networks per generator call, as SampleAndAddMany)
 *   metric1 stochastic-metric sampler (4.69), tanh, n = 100, 10 layers, one input, G2, G4
 *   metric4 the same with 4 inputs of unit norm and overlap 1/2: K_ab and F_(ab)(cd) per layer
 * One JSON line: networks per CPU-second of this process and the per-layer sums (every network from stream
 * (seed 1, stream 0)).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---------------- xoshiro256** and SplitMix64 (Xoshiro.cs) ---------------- */

typedef struct { uint64_t s0, s1, s2, s3; } xoshiro;

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t splitmix(uint64_t *state) {
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static xoshiro for_stream(uint64_t seed, uint64_t stream) {
    uint64_t sm = seed ^ (0xD1B54A32D192ED03ULL * (stream + 1));
    sm = splitmix(&sm) ^ stream;
    xoshiro x;
    x.s0 = splitmix(&sm); x.s1 = splitmix(&sm); x.s2 = splitmix(&sm); x.s3 = splitmix(&sm);
    if ((x.s0 | x.s1 | x.s2 | x.s3) == 0) x.s0 = 1;
    return x;
}

static inline uint64_t next_u64(xoshiro *r) {
    uint64_t result = rotl(r->s1 * 5, 7) * 9;
    uint64_t t = r->s1 << 17;
    r->s2 ^= r->s0; r->s3 ^= r->s1; r->s1 ^= r->s2; r->s0 ^= r->s3; r->s2 ^= t;
    r->s3 = rotl(r->s3, 45);
    return result;
}

static inline double open_uniform_bits(uint64_t u) { return (double)((u >> 11) + 1) * (1.0 / 9007199254740992.0); }
static inline double next_open_uniform(xoshiro *r) { return open_uniform_bits(next_u64(r)); }

/* ---------------- 128-layer ziggurat (Ziggurat in Xoshiro.cs) ---------------- */

#define ZIG_R 3.442619855899
static uint64_t ZK[128];
static double ZW[128], ZF[128];

static void ziggurat_init(void) {
    const double m1 = 4503599627370496.0, vn = 9.91256303526217e-3;
    double dn = ZIG_R, tn = dn;
    double q = vn / exp(-0.5 * dn * dn);
    ZK[0] = (uint64_t)(dn / q * m1);
    ZK[1] = 0;
    ZW[0] = q / m1;
    ZW[127] = dn / m1;
    ZF[0] = 1;
    ZF[127] = exp(-0.5 * dn * dn);
    for (int i = 126; i >= 1; i--) {
        dn = sqrt(-2 * log(vn / dn + exp(-0.5 * dn * dn)));
        ZK[i + 1] = (uint64_t)(dn / tn * m1);
        tn = dn;
        ZF[i] = exp(-0.5 * dn * dn);
        ZW[i] = dn / m1;
    }
}

static double normal_tail(xoshiro *r, uint64_t u) {
    const double rr = ZIG_R;
    for (;;) {
        int iz = (int)(u & 127);
        uint64_t mag = u >> 12;
        int negative = (u & 128) != 0;
        if (mag < ZK[iz]) { double v = (double)mag * ZW[iz]; return negative ? -v : v; }
        if (iz == 0) {
            double xx, y;
            do {
                xx = -log(next_open_uniform(r)) / rr;
                y = -log(next_open_uniform(r));
            } while (y + y < xx * xx);
            return negative ? -rr - xx : rr + xx;
        }
        double x = (double)mag * ZW[iz];
        double uni = (double)(next_u64(r) >> 11) * (1.0 / 9007199254740992.0);
        if (ZF[iz] + uni * (ZF[iz - 1] - ZF[iz]) < exp(-0.5 * x * x)) return negative ? -x : x;
        u = next_u64(r);
    }
}

/* x with its sign bit flipped when bit 7 of u is set (branch-free, as Wick's fast paths) */
static inline double flip_sign(double x, uint64_t u) {
    uint64_t b;
    memcpy(&b, &x, 8);
    b ^= (u & 128) << 56;
    memcpy(&x, &b, 8);
    return x;
}

static inline double next_normal(xoshiro *r) {
    uint64_t u = next_u64(r);
    unsigned iz = (unsigned)(u & 127);
    uint64_t mag = u >> 12;
    if (mag < ZK[iz]) { double x = (double)mag * ZW[iz]; return (u & 128) ? -x : x; }
    return normal_tail(r, u);
}

/* Xoshiro.FillNormals: n normals, state in locals */
static void fill_normals(xoshiro *r, double *dst, int n) {
    uint64_t s0 = r->s0, s1 = r->s1, s2 = r->s2, s3 = r->s3;
    for (int i = 0; i < n; i++) {
        uint64_t u = rotl(s1 * 5, 7) * 9;
        uint64_t t = s1 << 17;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t;
        s3 = rotl(s3, 45);
        unsigned iz = (unsigned)(u & 127);
        uint64_t mag = u >> 12;
        if (__builtin_expect(mag < ZK[iz], 1)) {
            dst[i] = flip_sign((double)mag * ZW[iz], u);
            continue;
        }
        r->s0 = s0; r->s1 = s1; r->s2 = s2; r->s3 = s3;
        dst[i] = normal_tail(r, u);
        s0 = r->s0; s1 = r->s1; s2 = r->s2; s3 = r->s3;
    }
    r->s0 = s0; r->s1 = s1; r->s2 = s2; r->s3 = s3;
}

/* ---------------- Marsaglia–Tsang χ² (GammaConstants, FillChiSquared) ---------------- */

typedef struct { double d, c; int boost; } gamma_law;

static gamma_law chi_law(int dof) {
    double a = dof / 2.0;
    int boost = a < 1;
    if (boost) a += 1;
    double d = a - 1.0 / 3;
    gamma_law g = { d, 1 / sqrt(9 * d), boost };
    return g;
}

static inline int accepts(double x, double u, double d, double c) {
    double cx = c * x, v1 = 1 + cx, cx2 = cx * cx;
    if ((u - 1) * fmin(1.0, v1) < -0.75 * d * cx2 * cx2) return 1;
    double v = v1 * v1 * v1;
    return log(u) < 0.5 * x * x + d * (1 - v + log(v));
}

static double next_gamma(xoshiro *r, double d, double c) {
    for (;;) {
        double x, v;
        do { x = next_normal(r); v = 1 + c * x; } while (v <= 0);
        double u = next_open_uniform(r);
        if (accepts(x, u, d, c)) return d * (v * v * v);
    }
}

static double gamma_sample(xoshiro *r, gamma_law g) {
    double x = next_gamma(r, g.d, g.c);
    if (g.boost) { double u = next_open_uniform(r); x *= u * u; }
    return 2 * x;
}

static double gamma_from(xoshiro *r, double x, double d, double c) {
    double v = 1 + c * x;
    if (v > 0) {
        double u = next_open_uniform(r);
        if (accepts(x, u, d, c)) return d * (v * v * v);
    }
    return next_gamma(r, d, c);
}

enum fast_stop { STOP_BOOST, STOP_TAIL, STOP_NONPOS, STOP_SQUEEZE };

static int fill_chi_fast(xoshiro *r, const gamma_law *laws, double *dst, int n, int i,
                         enum fast_stop *stop, uint64_t *uo, uint64_t *u2o) {
    uint64_t s0 = r->s0, s1 = r->s1, s2 = r->s2, s3 = r->s3, u = 0, u2 = 0;
    *stop = STOP_BOOST;
    for (; i < n; i++) {
        const gamma_law *g = &laws[i];
        if (g->boost) { *stop = STOP_BOOST; break; }
        u = rotl(s1 * 5, 7) * 9;
        uint64_t t = s1 << 17;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t;
        s3 = rotl(s3, 45);
        unsigned iz = (unsigned)(u & 127);
        uint64_t mag = u >> 12;
        if (mag >= ZK[iz]) { *stop = STOP_TAIL; break; }
        double x = flip_sign((double)mag * ZW[iz], u);
        double cx = g->c * x, v1 = 1 + cx;
        if (!(v1 > 0)) { *stop = STOP_NONPOS; break; }
        u2 = rotl(s1 * 5, 7) * 9;
        t = s1 << 17;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t;
        s3 = rotl(s3, 45);
        double un = open_uniform_bits(u2);
        double cx2 = cx * cx;
        if (!((un - 1) * fmin(1.0, v1) < -0.75 * g->d * cx2 * cx2)) { *stop = STOP_SQUEEZE; break; }
        dst[i] = 2 * g->d * (v1 * v1 * v1);
    }
    r->s0 = s0; r->s1 = s1; r->s2 = s2; r->s3 = s3;
    *uo = u; *u2o = u2;
    return i;
}

static void fill_chi_squared(xoshiro *r, const gamma_law *laws, double *dst, int n) {
    int i = 0;
    for (;;) {
        enum fast_stop stop; uint64_t u, u2;
        i = fill_chi_fast(r, laws, dst, n, i, &stop, &u, &u2);
        if (i == n) return;
        gamma_law g = laws[i];
        double x;
        switch (stop) {
        case STOP_BOOST: dst[i] = gamma_sample(r, g); break;
        case STOP_TAIL: dst[i] = 2 * gamma_from(r, normal_tail(r, u), g.d, g.c); break;
        case STOP_NONPOS: dst[i] = 2 * next_gamma(r, g.d, g.c); break;
        default:
            x = (double)(u >> 12) * ZW[u & 127];
            if (u & 128) x = -x;
            {
                double v1 = 1 + g.c * x;
                dst[i] = 2 * (accepts(x, open_uniform_bits(u2), g.d, g.c) ? g.d * (v1 * v1 * v1) : next_gamma(r, g.d, g.c));
            }
        }
        i++;
    }
}

/* ---------------- the samplers' tanh (SamplerTanh.cs) ---------------- */

/* The same IEEE operations in the same order as SamplerTanh.Tanh (and each of its Vector256 lanes), so the sums agree
 * bit for bit. a = min(|x|, 20); for a < 0.625 Cephes' rational a + (a s) P(s)/Q(s), s = a²; otherwise 1 − 2/(E + 2)
 * with E = e^{2a} − 1 = (((1 − 2^−k) + r) + r² q(r)) 2^k, 2a = k ln2 + r (Cody–Waite, k by the 1.5·2^52 shifter) and
 * q the Taylor series Σ_{n=2}^{13} r^{n−2}/n!; x's sign bit copied. */
static double TC[14];

static void sampler_tanh_init(void) {
    double f = 1;
    for (int n = 2; n <= 13; n++) { f *= n; TC[n] = 1 / f; }
}

static inline double from_bits(uint64_t b) { double x; memcpy(&x, &b, 8); return x; }
static inline uint64_t to_bits(double x) { uint64_t b; memcpy(&b, &x, 8); return b; }

static inline double sampler_tanh(double x) {
    const double ln2hi = 6.93147180369123816490e-01, ln2lo = 1.90821492927058770002e-10;
    const double log2e = 1.44269504088896338700e+00, shifter = 6755399441055744.0;
    const double p0 = -9.64399179425052238628e-1, p1 = -9.92877231001918586564e1, p2 = -1.61468768441708447952e3;
    const double q0 = 1.12811678491632931402e2, q1 = 2.23548839060100448583e3, q2 = 4.84406305325125486048e3;
    if (x != x) return x;
    double a = fabs(x), addend, numerator, denominator;
    if (!(a < 20)) a = 20;
    if (a < 0.625) {
        double s = a * a;
        addend = a;
        numerator = (a * s) * ((p0 * s + p1) * s + p2);
        denominator = ((s + q0) * s + q1) * s + q2;
    } else {
        double y = a + a;
        double shifted = y * log2e + shifter;
        double kd = shifted - shifter;
        double r = (y - kd * ln2hi) - kd * ln2lo;
        double q = TC[13];
        for (int n = 12; n >= 2; n--) q = q * r + TC[n];
        uint64_t k = to_bits(shifted);
        double scale = from_bits((k + 1023) << 52), inverse = from_bits((1023 - k) << 52);
        double e = (((1 - inverse) + r) + (r * r) * q) * scale;
        addend = 1;
        numerator = -2;
        denominator = e + 2;
    }
    double t = addend + numerator / denominator;
    return from_bits(to_bits(t) | (to_bits(x) & 0x8000000000000000ULL));
}

/* ---------------- per-layer estimates (PreactivationEstimates) ---------------- */

/* one input: est[m] = (1/n) Σ_i z_i^{2(m+1)} / (2m+1)!! */
static void estimate_single(const double *z, int n, int mmax, double *est) {
    memset(est, 0, sizeof(double) * mmax);
    for (int i = 0; i < n; i++) {
        double z2 = z[i] * z[i], p = 1;
        for (int m = 0; m < mmax; m++) { p *= z2; est[m] += p; }
    }
    double df = 1;
    for (int m = 0; m < mmax; m++) { df *= 2 * (m + 1) - 1; est[m] *= (1 / df) / n; }
}

/* several inputs: K_ab = S_ab/n (a ≤ b), then F_(ab)(cd) = (S_ab S_cd − Σ_i z_a z_b z_c z_d)/(n(n−1)) for pairs p ≤ q */
static int npairs(int k) { return k * (k + 1) / 2; }
static int per_layer_multi(int k) { int p = npairs(k); return p + p * (p + 1) / 2; }

static void estimate_multi(const double *z, int n, int k, double *est) {
    int P = npairs(k), pa[64], pb[64];
    double S[64];
    for (int a = 0, p = 0; a < k; a++)
        for (int b = a; b < k; b++, p++) { pa[p] = a; pb[p] = b; }
    for (int p = 0; p < P; p++) {
        double s = 0;
        for (int i = 0; i < n; i++) s += z[i * k + pa[p]] * z[i * k + pb[p]];
        S[p] = s;
        est[p] = s / n;
    }
    double norm = n > 1 ? 1.0 / (n * (n - 1.0)) : NAN;
    int q = 0;
    for (int p1 = 0; p1 < P; p1++)
        for (int p2 = p1; p2 < P; p2++, q++) {
            int a = pa[p1], b = pb[p1], c = pa[p2], d = pb[p2];
            double diag = 0;
            for (int i = 0; i < n; i++) diag += z[i * k + a] * z[i * k + b] * z[i * k + c] * z[i * k + d];
            est[P + q] = (S[p1] * S[p2] - diag) * norm;
        }
}

/* ---------------- full-matrix sampler (FullMatrixSampler, one input) ---------------- */

#define N 100
#define L 10

static void full_matrix(xoshiro *r, int tanh_between, int mmax, double *sums, double *est) {
    static double x0[N], a[N], b[N], act[N], row[N];
    for (int j = 0; j < N; j++) x0[j] = 1.0;               /* NetworkInputs.FromNorm(1, 100) */
    double *prev = x0, *next = a;
    for (int l = 1; l <= L; l++) {
        double sw = sqrt(1.0 / N);                           /* C_W = 1, C_b = 0 */
        if (l > 1 && tanh_between) { for (int q = 0; q < N; q++) act[q] = sampler_tanh(prev[q]); prev = act; }
        for (int i = 0; i < N; i++) {
            fill_normals(r, row, N);
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int j = 0;
            for (; j + 3 < N; j += 4) {
                s0 += row[j] * prev[j];
                s1 += row[j + 1] * prev[j + 1];
                s2 += row[j + 2] * prev[j + 2];
                s3 += row[j + 3] * prev[j + 3];
            }
            for (; j < N; j++) s0 += row[j] * prev[j];
            next[i] = sw * ((s0 + s1) + (s2 + s3));
        }
        estimate_single(next, N, mmax, est + (l - 1) * mmax);
        prev = next;
        next = next == a ? b : a;
    }
    for (int q = 0; q < L * mmax; q++) sums[q] += est[q];
}

/* ---------------- χ² chain (ChiSquaredChainSampler.SampleAndAddMany) ---------------- */

#define BATCH 64

static double log_one_plus(double x) { double u = 1 + x; return u == 1 ? x : log(u) * x / (u - 1); }

static double c2m(int m, double n) {                          /* CombinatorialFactor.Value: exp(Kahan Σ log1p(2k/n)) */
    double s = 0, comp = 0;
    for (int k = 1; k < m; k++) { double y = log_one_plus(2.0 * k / n) - comp, t = s + y; comp = (t - s) - y; s = t; }
    return exp(s);
}

static void chi_chain(xoshiro *r, long count, int mmax, double *sums) {
    static gamma_law laws[BATCH * L];
    static double draws[BATCH * L], q[BATCH * L], invN[L], invC[L * 8];
    double cw = 1, cb = 0, g0 = 1;                            /* Gram of x = (1,…,1) is 1 */
    for (int l = 0; l < L; l++) {
        invN[l] = 1.0 / N;
        for (int m = 1; m <= mmax; m++) invC[l * mmax + m - 1] = 1 / c2m(m, N);
    }
    for (int i = 0; i < BATCH * L; i++) laws[i] = chi_law(N);
    while (count > 0) {
        int b = count < BATCH ? (int)count : BATCH;
        fill_chi_squared(r, laws, draws, b * L);
        for (int k = 0; k < b; k++) q[k * L] = (cb + cw * g0) * draws[k * L] * invN[0];
        for (int l = 1; l < L; l++)
            for (int k = 0; k < b; k++) q[k * L + l] = (cb + cw * q[k * L + l - 1]) * draws[k * L + l] * invN[l];
        for (int k = 0; k < b; k++)
            for (int l = 0; l < L; l++) {
                double p = 1, ql = q[k * L + l];
                for (int m = 0; m < mmax; m++) { p *= ql; sums[l * mmax + m] += p * invC[l * mmax + m]; }
            }
        count -= b;
    }
}

/* ---------------- stochastic-metric sampler (StochasticMetricSampler) ---------------- */

#define KMAX 8

static void factor(const double *g, double *lo, int k) {     /* semi-definite Cholesky, as StochasticMetricSampler.Factor */
    memset(lo, 0, sizeof(double) * k * k);
    double scale = 0;
    for (int a = 0; a < k; a++) scale = fmax(scale, fabs(g[a * k + a]));
    for (int j = 0; j < k; j++) {
        double d = g[j * k + j];
        for (int p = 0; p < j; p++) d -= lo[j * k + p] * lo[j * k + p];
        if (d <= 1e-14 * scale) continue;
        double root = sqrt(d);
        lo[j * k + j] = root;
        for (int i = j + 1; i < k; i++) {
            double s = g[i * k + j];
            for (int p = 0; p < j; p++) s -= lo[i * k + p] * lo[j * k + p];
            lo[i * k + j] = s / root;
        }
    }
}

/* inputs with unit norm and overlap 1/2 realised in dimension 100 as NetworkInputs.FromGram does; g0 = their Gram */
static void gram_inputs(int k, double *g0) {
    double gram[KMAX][KMAX], lo[KMAX][KMAX] = { { 0 } }, x[KMAX][N];
    for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) gram[a][b] = a == b ? 1.0 : 0.5;
    if (k == 1) gram[0][0] = 1;
    for (int i = 0; i < k; i++)
        for (int j = 0; j <= i; j++) {
            double s = gram[i][j];
            for (int p = 0; p < j; p++) s -= lo[i][p] * lo[j][p];
            if (i == j) lo[i][i] = sqrt(fmax(s, 0));
            else lo[i][j] = lo[j][j] > 0 ? s / lo[j][j] : 0;
        }
    double scale = sqrt((double)N);
    memset(x, 0, sizeof x);
    for (int a = 0; a < k; a++) for (int p = 0; p <= a; p++) x[a][p] = scale * lo[a][p];
    if (k == 1) for (int j = 0; j < N; j++) x[0][j] = 1.0;   /* FromNorm(1, 100) */
    for (int a = 0; a < k; a++)
        for (int b = 0; b < k; b++) {
            double s = 0;
            for (int i = 0; i < N; i++) s += x[a][i] * x[b][i];
            g0[a * k + b] = s / N;
        }
}

static void stochastic_metric(xoshiro *r, int k, int mmax, const double *g0, double *sums, double *est) {
    static double z[N * KMAX], act[N * KMAX];
    double metric[KMAX * KMAX], lo[KMAX * KMAX], u[KMAX];
    double cw = 1, cb = 0;
    int per = k == 1 ? mmax : per_layer_multi(k);
    for (int q = 0; q < k * k; q++) metric[q] = cb + cw * g0[q];
    for (int l = 1; l <= L; l++) {
        if (l > 1) {
            for (int q = 0; q < N * k; q++) act[q] = sampler_tanh(z[q]);
            double scale = cw / N;
            for (int a = 0; a < k; a++)
                for (int b = a; b < k; b++) {
                    double acc = 0;
                    for (int j = 0; j < N; j++) acc += act[j * k + a] * act[j * k + b];
                    metric[a * k + b] = metric[b * k + a] = cb + scale * acc;
                }
        }
        factor(metric, lo, k);
        for (int i = 0; i < N; i++) {
            fill_normals(r, u, k);
            for (int a = 0; a < k; a++) {
                double v = 0;
                for (int b = 0; b <= a; b++) v += lo[a * k + b] * u[b];
                z[i * k + a] = v;
            }
        }
        if (k == 1) estimate_single(z, N, mmax, est + (l - 1) * per);
        else estimate_multi(z, N, k, est + (l - 1) * per);
    }
    for (int q = 0; q < L * per; q++) sums[q] += est[q];
}

/* ---------------- driver ---------------- */

static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s full|tanh|chi2|metric1|metric4 NETWORKS\n", argv[0]); return 2; }
    const char *kind = argv[1];
    long networks = atol(argv[2]);
    ziggurat_init();
    sampler_tanh_init();
    static double sums[L * 256], est[L * 256];
    int per;
    xoshiro r = for_stream(1, 0);
    double t0 = cpu_seconds();
    if (!strcmp(kind, "full") || !strcmp(kind, "tanh")) {
        int tanh_between = kind[0] == 't';
        per = tanh_between ? 2 : 3;
        for (long s = 0; s < networks; s++) full_matrix(&r, tanh_between, per, sums, est);
    } else if (!strcmp(kind, "chi2")) {
        per = 3;
        chi_chain(&r, networks, per, sums);
    } else if (!strcmp(kind, "metric1") || !strcmp(kind, "metric4")) {
        int k = kind[6] - '0';
        double g0[KMAX * KMAX];
        gram_inputs(k, g0);
        per = k == 1 ? 2 : per_layer_multi(k);
        for (long s = 0; s < networks; s++) stochastic_metric(&r, k, 2, g0, sums, est);
    } else { fprintf(stderr, "unknown sampler %s\n", kind); return 2; }
    double dt = cpu_seconds() - t0;
    printf("{\"peer\": \"c\", \"sampler\": \"%s\", \"networks\": %ld, \"cpu_seconds\": %.6f, \"networks_per_second\": %.6g, \"sums\": [",
           kind, networks, dt, networks / dt);
    for (int q = 0; q < L * per; q++) printf(q ? ", %.17g" : "%.17g", sums[q]);
    printf("]}\n");
    return 0;
}
