/* Math functions: the host's libm where results agree, checked the way msvcrt reports errors
 * (errno EDOM when a finite or infinite argument gives NaN, ERANGE when finite arguments give an
 * infinity), and msvcrt's own: _fpclass, _isnan, _finite, _copysign, and the floating-point
 * control and status words (_controlfp, _control87, _statusfp, _clearfp, _fpreset) in msvcrt's
 * bit layout, mapped onto the SSE MXCSR register that x64 code computes with. */
#include <math.h>
#include <string.h>
#include "crt.h"
#include "msvcrt.h"

static double check(double r, double x, double y)
{
	if (isnan(r) && !isnan(x) && !isnan(y))
		*msvcrt__errno() = 33; /* EDOM */
	else if (isinf(r) && isfinite(x) && isfinite(y))
		*msvcrt__errno() = CRT_ERANGE;
	return r;
}

static float checkf(float r, float x, float y)
{
	return (float)check(r, x, y);
}

WINAPI double msvcrt_sin(double x) { return check(sin(x), x, 0); }
WINAPI double msvcrt_cos(double x) { return check(cos(x), x, 0); }
WINAPI double msvcrt_tan(double x) { return check(tan(x), x, 0); }
WINAPI double msvcrt_asin(double x) { return check(asin(x), x, 0); }
WINAPI double msvcrt_acos(double x) { return check(acos(x), x, 0); }
WINAPI double msvcrt_atan(double x) { return check(atan(x), x, 0); }
WINAPI double msvcrt_sinh(double x) { return check(sinh(x), x, 0); }
WINAPI double msvcrt_cosh(double x) { return check(cosh(x), x, 0); }
WINAPI double msvcrt_tanh(double x) { return check(tanh(x), x, 0); }
WINAPI double msvcrt_exp(double x) { return check(exp(x), x, 0); }
WINAPI double msvcrt_log(double x) { return check(log(x), x, 0); }
WINAPI double msvcrt_log10(double x) { return check(log10(x), x, 0); }
WINAPI double msvcrt_sqrt(double x) { return check(sqrt(x), x, 0); }
WINAPI double msvcrt_floor(double x) { return check(floor(x), x, 0); }
WINAPI double msvcrt_ceil(double x) { return check(ceil(x), x, 0); }
WINAPI double msvcrt_fabs(double x) { return check(fabs(x), x, 0); }
WINAPI float msvcrt_sinf(float x) { return checkf(sinf(x), x, 0); }
WINAPI float msvcrt_cosf(float x) { return checkf(cosf(x), x, 0); }
WINAPI float msvcrt_tanf(float x) { return checkf(tanf(x), x, 0); }
WINAPI float msvcrt_asinf(float x) { return checkf(asinf(x), x, 0); }
WINAPI float msvcrt_acosf(float x) { return checkf(acosf(x), x, 0); }
WINAPI float msvcrt_atanf(float x) { return checkf(atanf(x), x, 0); }
WINAPI float msvcrt_sinhf(float x) { return checkf(sinhf(x), x, 0); }
WINAPI float msvcrt_coshf(float x) { return checkf(coshf(x), x, 0); }
WINAPI float msvcrt_tanhf(float x) { return checkf(tanhf(x), x, 0); }
WINAPI float msvcrt_expf(float x) { return checkf(expf(x), x, 0); }
WINAPI float msvcrt_logf(float x) { return checkf(logf(x), x, 0); }
WINAPI float msvcrt_log10f(float x) { return checkf(log10f(x), x, 0); }
WINAPI float msvcrt_sqrtf(float x) { return checkf(sqrtf(x), x, 0); }
WINAPI float msvcrt_floorf(float x) { return checkf(floorf(x), x, 0); }
WINAPI float msvcrt_ceilf(float x) { return checkf(ceilf(x), x, 0); }
WINAPI double msvcrt_atan2(double y, double x) { return check(atan2(y, x), y, x); }
WINAPI double msvcrt_pow(double x, double y) { return check(pow(x, y), x, y); }
WINAPI double msvcrt_fmod(double x, double y) { return check(fmod(x, y), x, y); }
WINAPI double msvcrt__hypot(double x, double y) { return check(hypot(x, y), x, y); }
WINAPI float msvcrt_atan2f(float y, float x) { return checkf(atan2f(y, x), y, x); }
WINAPI float msvcrt_powf(float x, float y) { return checkf(powf(x, y), x, y); }
WINAPI float msvcrt_fmodf(float x, float y) { return checkf(fmodf(x, y), x, y); }
WINAPI float msvcrt__hypotf(float x, float y) { return checkf(hypotf(x, y), x, y); }
WINAPI double msvcrt_frexp(double x, int *e) { return frexp(x, e); }
WINAPI double msvcrt_ldexp(double x, int e) { return check(ldexp(x, e), x, 0); }
WINAPI double msvcrt_modf(double x, double *i) { return modf(x, i); }
WINAPI float msvcrt_modff(float x, float *i) { return modff(x, i); }
WINAPI double msvcrt__copysign(double x, double y) { return copysign(x, y); }
WINAPI double msvcrt__chgsign(double x) { return -x; }
WINAPI double msvcrt__logb(double x) { return check(logb(x), x, 0); }
WINAPI double msvcrt__scalb(double x, LONG e) { return check(scalbn(x, e), x, 0); }
WINAPI double msvcrt__nextafter(double x, double y) { return nextafter(x, y); }
WINAPI int msvcrt__isnan(double x) { return isnan(x) != 0; }
WINAPI int msvcrt__finite(double x) { return isfinite(x) != 0; }
WINAPI double msvcrt__j0(double x) { return j0(x); }
WINAPI double msvcrt__j1(double x) { return j1(x); }
WINAPI double msvcrt__jn(int n, double x) { return jn(n, x); }
WINAPI double msvcrt__y0(double x) { return check(y0(x), x, 0); }
WINAPI double msvcrt__y1(double x) { return check(y1(x), x, 0); }
WINAPI double msvcrt__yn(int n, double x) { return check(yn(n, x), x, 0); }

/* float.h's _fpclass classes */
WINAPI int msvcrt__fpclass(double x)
{
	int neg = signbit(x) != 0;
	switch (fpclassify(x)) {
	case FP_NAN: {
		uint64_t bits;
		memcpy(&bits, &x, sizeof bits);
		return bits >> 51 & 1 ? 0x0002 : 0x0001; /* _FPCLASS_QNAN, _FPCLASS_SNAN */
	}
	case FP_INFINITE: return neg ? 0x0004 : 0x0200;
	case FP_ZERO: return neg ? 0x0020 : 0x0040;
	case FP_SUBNORMAL: return neg ? 0x0010 : 0x0080;
	default: return neg ? 0x0008 : 0x0100;
	}
}

/* msvcrt's status bits (_SW_*) in the order of MXCSR's flags 0-5 (IE DE ZE OE UE PE). */
static const unsigned status_bit[6] = { 0x10, 0x80000, 0x8, 0x4, 0x2, 0x1 };

static unsigned get_mxcsr(void)
{
	unsigned m;
	__asm__ volatile("stmxcsr %0" : "=m"(m));
	return m;
}

static void set_mxcsr(unsigned m)
{
	__asm__ volatile("ldmxcsr %0" : : "m"(m));
}

static unsigned status_from(unsigned mxcsr)
{
	unsigned s = 0;
	for (int i = 0; i < 6; i++)
		if (mxcsr & 1u << i)
			s |= status_bit[i];
	return s;
}

WINAPI unsigned msvcrt__statusfp(void)
{
	return status_from(get_mxcsr());
}

WINAPI unsigned msvcrt__clearfp(void)
{
	unsigned m = get_mxcsr();
	set_mxcsr(m & ~0x3fu);
	return status_from(m);
}

/* The control word: the exception masks (_EM_*, the same bits as the status), rounding (_RC_*:
 * 0x100 down, 0x200 up, 0x300 chop) and denormal handling (_DN_*). x64 has no precision control
 * (_MCW_PC), which _controlfp ignores. */
#define MCW_EM 0x8001f
#define MCW_RC 0x300
#define MCW_DN 0x3000000

static unsigned control_from(unsigned m)
{
	unsigned c = 0;
	for (int i = 0; i < 6; i++)
		if (m & 1u << (7 + i))
			c |= status_bit[i];
	c |= ((m >> 13 & 1) ? 0x100 : 0) | ((m >> 14 & 1) ? 0x200 : 0);
	int ftz = m >> 15 & 1, daz = m >> 6 & 1;
	c |= ftz && daz ? 0x1000000 : daz ? 0x2000000 : ftz ? 0x3000000 : 0;
	return c;
}

static unsigned mxcsr_from(unsigned c, unsigned m)
{
	m &= ~(0x3fu << 7 | 3u << 13 | 1u << 15 | 1u << 6);
	for (int i = 0; i < 6; i++)
		if (c & status_bit[i])
			m |= 1u << (7 + i);
	m |= (c & 0x100 ? 1u << 13 : 0) | (c & 0x200 ? 1u << 14 : 0);
	unsigned dn = c & MCW_DN;
	if (dn == 0x1000000 || dn == 0x3000000)
		m |= 1u << 15;
	if (dn == 0x1000000 || dn == 0x2000000)
		m |= 1u << 6;
	return m;
}

WINAPI unsigned msvcrt__control87(unsigned value, unsigned mask)
{
	unsigned m = get_mxcsr();
	mask &= MCW_EM | MCW_RC | MCW_DN;
	if (mask) {
		unsigned c = (control_from(m) & ~mask) | (value & mask);
		m = mxcsr_from(c, m);
		set_mxcsr(m);
	}
	return control_from(m);
}

WINAPI unsigned msvcrt__controlfp(unsigned value, unsigned mask)
{
	return msvcrt__control87(value, mask);
}

/* _fpreset: the default environment, all exceptions masked, round to nearest, flags clear. */
WINAPI void msvcrt__fpreset(void)
{
	set_mxcsr(0x1f80);
}
