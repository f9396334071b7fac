/* KUSER_SHARED_DATA: the page Windows maps read-only at 0x7ffe0000 in every process, which
 * programs read without a call. Go's runtime reads its clocks there (InterruptTime for nanotime,
 * SystemTime for the wall clock), as does MSVC's GetTickCount inline. A host thread of xabi's
 * refreshes the clocks every UPDATE_NS, about as often as Windows' clock interrupt does with
 * timeBeginPeriod(1); the guest's mapping is read-only and a second, writable mapping of the same
 * memory is the updater's. Filled: the clocks (KSYSTEM_TIME's High1/Low/High2 protocol), the tick
 * count, the time zone bias, the version (from the PEB), NtSystemRoot, the processor architecture
 * and count; the other fields are 0. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "../../loader/status.h"
#include "../kernel32/fileinfo.h"
#include "../kernel32/windir.h"
#include "teb.h"
#include "unicode.h"

#define USER_SHARED_DATA 0x7ffe0000UL
#define UPDATE_NS 1000000 /* 1 ms */

/* Offsets in KUSER_SHARED_DATA (Windows 10's layout). */
enum {
	TICK_COUNT_MULTIPLIER = 0x004,
	INTERRUPT_TIME = 0x008,
	SYSTEM_TIME = 0x014,
	TIME_ZONE_BIAS = 0x020,
	IMAGE_NUMBER_LOW = 0x02c,
	IMAGE_NUMBER_HIGH = 0x02e,
	NT_SYSTEM_ROOT = 0x030,
	NT_BUILD_NUMBER = 0x260,
	NT_PRODUCT_TYPE = 0x264,
	PRODUCT_TYPE_IS_VALID = 0x268,
	NATIVE_PROCESSOR_ARCHITECTURE = 0x26a,
	NT_MAJOR_VERSION = 0x26c,
	NT_MINOR_VERSION = 0x270,
	TICK_COUNT = 0x320,
	ACTIVE_PROCESSOR_COUNT = 0x3c0,
};

static unsigned char *page; /* the writable view */

static void put32(unsigned off, uint32_t v)
{
	__atomic_store_n((uint32_t *)(page + off), v, __ATOMIC_RELEASE);
}

/* KSYSTEM_TIME: High2Time, then LowPart, then High1Time; a reader that sees High1 == High2 after
 * reading LowPart between them has a consistent value. */
static void put_time(unsigned off, uint64_t v)
{
	put32(off + 8, (uint32_t)(v >> 32));
	put32(off, (uint32_t)v);
	put32(off + 4, (uint32_t)(v >> 32));
}

/* A clock in 100 ns units. */
static uint64_t ticks_100ns(clockid_t clock)
{
	struct timespec t;
	clock_gettime(clock, &t);
	return (uint64_t)t.tv_sec * 10000000 + (uint64_t)t.tv_nsec / 100;
}

/* UTC minus local time, in 100 ns units (Windows' sign). */
static uint64_t zone_bias(void)
{
	time_t now = time(0);
	struct tm tm;
	localtime_r(&now, &tm);
	return (uint64_t)(-(int64_t)tm.tm_gmtoff * 10000000);
}

static void update(int zone)
{
	uint64_t boot = ticks_100ns(CLOCK_BOOTTIME);
	put_time(INTERRUPT_TIME, boot);
	put_time(SYSTEM_TIME, ticks_100ns(CLOCK_REALTIME) + FILETIME_UNIX_EPOCH);
	put_time(TICK_COUNT, boot / 10000); /* with a multiplier of 1.0 (2^24): milliseconds */
	if (zone)
		put_time(TIME_ZONE_BIAS, zone_bias());
}

static void *updater(void *arg)
{
	(void)arg;
	struct timespec next;
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (unsigned n = 1;; n++) {
		next.tv_nsec += UPDATE_NS;
		if (next.tv_nsec >= 1000000000) {
			next.tv_nsec -= 1000000000;
			next.tv_sec++;
		}
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, 0);
		update(n % 1000 == 0); /* the zone's bias once a second */
	}
	return 0;
}

static _Noreturn void fail(const char *why)
{
	fprintf(stderr, "xabi: ntdll: KUSER_SHARED_DATA: %s\n", why);
	exit(XABI_STATUS_SETUP);
}

void user_shared_data_start(void)
{
	int fd = memfd_create("KUSER_SHARED_DATA", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, 4096) < 0)
		fail("cannot create its memory");
	page = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	void *guest = mmap((void *)USER_SHARED_DATA, 4096, PROT_READ, MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 0);
	close(fd);
	if (page == MAP_FAILED || guest != (void *)USER_SHARED_DATA)
		fail("0x7ffe0000 is taken");
	const PEB *peb = NtCurrentTeb()->Peb;
	put32(TICK_COUNT_MULTIPLIER, 1u << 24);
	*(uint16_t *)(page + IMAGE_NUMBER_LOW) = 0x8664; /* IMAGE_FILE_MACHINE_AMD64 */
	*(uint16_t *)(page + IMAGE_NUMBER_HIGH) = 0x8664;
	utf8_to_utf16(windows_directory(), -1, (WCHAR *)(page + NT_SYSTEM_ROOT), 260);
	put32(NT_BUILD_NUMBER, peb->OSBuildNumber);
	put32(NT_PRODUCT_TYPE, 1); /* VER_NT_WORKSTATION */
	page[PRODUCT_TYPE_IS_VALID] = 1;
	*(uint16_t *)(page + NATIVE_PROCESSOR_ARCHITECTURE) = 9; /* PROCESSOR_ARCHITECTURE_AMD64 */
	put32(NT_MAJOR_VERSION, peb->OSMajorVersion);
	put32(NT_MINOR_VERSION, peb->OSMinorVersion);
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	put32(ACTIVE_PROCESSOR_COUNT, cpus > 0 ? (uint32_t)cpus : 1);
	update(1);
	/* No signal is for this thread: the program's go to its own threads. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&a, 64 << 10);
	pthread_t t;
	int err = pthread_create(&t, &a, updater, 0);
	pthread_attr_destroy(&a);
	pthread_sigmask(SIG_SETMASK, &old, 0);
	if (err)
		fail("cannot start its updater thread");
}
