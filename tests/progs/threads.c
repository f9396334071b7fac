/* threads.c - pthreads under syscall interception: create/join, mutex+condvar,
 * atomics, TLS, detached threads, many short-lived threads, thread ids,
 * pthread_exit, blocking syscalls in threads, cancellation, signal-mask
 * inheritance, exit() from a thread.  Exits 0 iff every check passed. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int g_fail;

static void check(const char *name, int ok, const char *fmt, ...)
{
	if (ok) {
		printf("%s: ok\n", name);
		return;
	}
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	printf("%s: FAIL (%s)\n", name, buf);
	g_fail = 1;
}

static pid_t my_gettid(void)
{
	return (pid_t)syscall(SYS_gettid);
}

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* ---- create/join with return values ---- */
static void *ret_thread(void *arg)
{
	intptr_t i = (intptr_t)arg;
	return (void *)(i * i + 1);
}

static void test_create_join(void)
{
	pthread_t t[4];
	int ok = 1;
	for (intptr_t i = 0; i < 4; i++)
		ok &= pthread_create(&t[i], NULL, ret_thread, (void *)i) == 0;
	intptr_t sum = 0;
	for (int i = 0; i < 4; i++) {
		void *rv;
		ok &= pthread_join(t[i], &rv) == 0;
		ok &= (intptr_t)rv == (intptr_t)i * i + 1;
		sum += (intptr_t)rv;
	}
	check("create_join_retval", ok && sum == 18, "sum=%ld", (long)sum);
}

/* ---- producer/consumer ---- */
#define PC_ITEMS 2000
#define PC_BUF 8
static struct {
	pthread_mutex_t m;
	pthread_cond_t notfull, notempty;
	int buf[PC_BUF];
	int head, count, taken, total;
	long long sum;
} pc = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER, {0}, 0, 0, 0, 0, 0 };

static void *producer(void *arg)
{
	(void)arg;
	for (int i = 1; i <= PC_ITEMS; i++) {
		pthread_mutex_lock(&pc.m);
		while (pc.count == PC_BUF)
			pthread_cond_wait(&pc.notfull, &pc.m);
		pc.buf[(pc.head + pc.count) % PC_BUF] = i;
		pc.count++;
		pthread_cond_signal(&pc.notempty);
		pthread_mutex_unlock(&pc.m);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	long long local = 0;
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&pc.m);
		while (pc.count == 0 && pc.taken < pc.total)
			pthread_cond_wait(&pc.notempty, &pc.m);
		if (pc.taken >= pc.total) {
			pthread_cond_broadcast(&pc.notempty);
			pthread_mutex_unlock(&pc.m);
			break;
		}
		int v = pc.buf[pc.head];
		pc.head = (pc.head + 1) % PC_BUF;
		pc.count--;
		pc.taken++;
		pc.sum += v;
		if (pc.taken >= pc.total)
			pthread_cond_broadcast(&pc.notempty);
		pthread_cond_signal(&pc.notfull);
		pthread_mutex_unlock(&pc.m);
		local += v;
	}
	return (void *)(intptr_t)(local != 0);
}

static void test_prodcons(void)
{
	pthread_t p[2], c[2];
	pc.total = 2 * PC_ITEMS;
	for (int i = 0; i < 2; i++) {
		pthread_create(&p[i], NULL, producer, NULL);
		pthread_create(&c[i], NULL, consumer, NULL);
	}
	for (int i = 0; i < 2; i++) {
		pthread_join(p[i], NULL);
		pthread_join(c[i], NULL);
	}
	long long want = 2LL * PC_ITEMS * (PC_ITEMS + 1) / 2;
	check("mutex_condvar_prodcons", pc.sum == want && pc.taken == pc.total && pc.count == 0, "sum=%lld want=%lld", pc.sum, want);
}

/* ---- atomics from 8 threads ---- */
#define AT_ITERS 100000
static long atomic_counter;
static long mutex_counter;
static pthread_mutex_t mc_lock = PTHREAD_MUTEX_INITIALIZER;

static void *atomic_thread(void *arg)
{
	(void)arg;
	for (int i = 0; i < AT_ITERS; i++)
		__atomic_fetch_add(&atomic_counter, 1, __ATOMIC_SEQ_CST);
	for (int i = 0; i < AT_ITERS / 50; i++) {
		pthread_mutex_lock(&mc_lock);
		mutex_counter++;
		pthread_mutex_unlock(&mc_lock);
	}
	return NULL;
}

static void test_atomics(void)
{
	pthread_t t[8];
	for (int i = 0; i < 8; i++)
		pthread_create(&t[i], NULL, atomic_thread, NULL);
	for (int i = 0; i < 8; i++)
		pthread_join(t[i], NULL);
	check("atomic_counter_8_threads", atomic_counter == 8L * AT_ITERS, "got %ld", atomic_counter);
	check("mutex_counter_8_threads", mutex_counter == 8L * (AT_ITERS / 50), "got %ld", mutex_counter);
}

/* ---- __thread ---- */
static __thread int tv = 42;
static __thread char tbuf[64];
static __thread long long tv_aligned __attribute__((aligned(64))) = 7;
static pthread_barrier_t tls_bar;
static int *tv_addr[4];

static void *tls_thread(void *arg)
{
	intptr_t id = (intptr_t)arg;
	int ok = tv == 42 && tv_aligned == 7 && ((uintptr_t)&tv_aligned % 64) == 0;
	for (int i = 0; i < 64; i++)
		ok &= tbuf[i] == 0;
	tv = (int)id * 100;
	tv_aligned = id;
	memset(tbuf, (int)id + 1, sizeof tbuf);
	tv_addr[id] = &tv;
	pthread_barrier_wait(&tls_bar);
	ok &= tv == id * 100 && tv_aligned == id && tbuf[63] == id + 1;
	return (void *)(intptr_t)ok;
}

static void test_tls(void)
{
	pthread_t t[4];
	tv = 1;
	pthread_barrier_init(&tls_bar, NULL, 4);
	for (intptr_t i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, tls_thread, (void *)i);
	int ok = 1;
	for (int i = 0; i < 4; i++) {
		void *rv;
		pthread_join(t[i], &rv);
		ok &= (intptr_t)rv == 1;
	}
	pthread_barrier_destroy(&tls_bar);
	int distinct = 1;
	for (int i = 0; i < 4; i++) {
		distinct &= tv_addr[i] != &tv;
		for (int j = 0; j < i; j++)
			distinct &= tv_addr[i] != tv_addr[j];
	}
	check("tls_initial_values_and_private", ok, "per-thread TLS check failed");
	check("tls_distinct_addresses", distinct, "addresses not distinct");
	check("tls_main_unchanged", tv == 1 && tv_aligned == 7, "tv=%d", tv);
}

/* ---- detached thread signals completion ---- */
static pthread_mutex_t det_m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t det_c = PTHREAD_COND_INITIALIZER;
static int det_done;

static void *detached_thread(void *arg)
{
	(void)arg;
	msleep(5);
	pthread_mutex_lock(&det_m);
	det_done = 1;
	pthread_cond_signal(&det_c);
	pthread_mutex_unlock(&det_m);
	return NULL;
}

static void test_detached(void)
{
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	int ds = -1;
	pthread_attr_getdetachstate(&a, &ds);
	pthread_t t;
	int rc = pthread_create(&t, &a, detached_thread, NULL);
	pthread_attr_destroy(&a);
	pthread_mutex_lock(&det_m);
	while (!det_done)
		pthread_cond_wait(&det_c, &det_m);
	pthread_mutex_unlock(&det_m);
	check("detached_thread_completion", rc == 0 && det_done == 1 && ds == PTHREAD_CREATE_DETACHED, "rc=%d", rc);
	msleep(5); /* let it finish exiting */
}

/* ---- 200 sequential threads ---- */
static void *seq_thread(void *arg)
{
	volatile char stackuse[2048];
	stackuse[0] = 1;
	stackuse[2047] = 2;
	return (void *)((intptr_t)arg * 2 + 1 + (stackuse[0] + stackuse[2047] - 3));
}

static void test_sequential(void)
{
	int ok = 1, created = 0;
	for (intptr_t i = 0; i < 200; i++) {
		pthread_t t;
		if (pthread_create(&t, NULL, seq_thread, (void *)i) != 0) {
			ok = 0;
			break;
		}
		created++;
		void *rv;
		ok &= pthread_join(t, &rv) == 0 && (intptr_t)rv == i * 2 + 1;
	}
	check("200_sequential_threads", ok && created == 200, "created=%d", created);
}

/* ---- pthread_self / gettid distinctness ---- */
static pthread_t main_self;
static pid_t main_tid;
static pid_t ids_tid[4];
static pthread_barrier_t id_bar;

static void *id_thread(void *arg)
{
	intptr_t i = (intptr_t)arg;
	ids_tid[i] = my_gettid();
	int ok = !pthread_equal(pthread_self(), main_self) && pthread_equal(pthread_self(), pthread_self());
	ok &= getpid() == main_tid; /* same process */
	pthread_barrier_wait(&id_bar); /* all 4 alive at once */
	return (void *)(intptr_t)ok;
}

static void test_ids(void)
{
	main_self = pthread_self();
	main_tid = my_gettid();
	printf("main_gettid_eq_getpid: %s\n", main_tid == getpid() ? "true" : "false");
	pthread_barrier_init(&id_bar, NULL, 4);
	pthread_t t[4];
	for (intptr_t i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, id_thread, (void *)i);
	int ok = 1;
	for (int i = 0; i < 4; i++) {
		void *rv;
		pthread_join(t[i], &rv);
		ok &= (intptr_t)rv == 1;
	}
	pthread_barrier_destroy(&id_bar);
	int distinct = 1;
	for (int i = 0; i < 4; i++) {
		distinct &= ids_tid[i] != main_tid && ids_tid[i] > 0;
		for (int j = 0; j < i; j++)
			distinct &= ids_tid[i] != ids_tid[j];
		distinct &= !pthread_equal(t[i], main_self);
	}
	printf("thread_self_differs_from_main: %s\n", ok ? "true" : "false");
	printf("thread_tids_distinct: %s\n", distinct ? "true" : "false");
	check("pthread_self_gettid", ok && distinct && main_tid == getpid(), "ok=%d distinct=%d", ok, distinct);
}

/* ---- pthread_exit, cleanup handlers and TSD destructors ---- */
static pthread_key_t key;
static int destructor_ran, cleanup_ran;

static void key_destructor(void *v)
{
	if ((intptr_t)v == 77)
		__atomic_fetch_add(&destructor_ran, 1, __ATOMIC_SEQ_CST);
}

static void cleanup_fn(void *arg)
{
	(void)arg;
	__atomic_fetch_add(&cleanup_ran, 1, __ATOMIC_SEQ_CST);
}

__attribute__((noinline)) static void exit_level1(void)
{
	pthread_exit((void *)0x1234);
}

__attribute__((noinline)) static void exit_level2(volatile int *x)
{
	if (*x == 5)
		exit_level1();
}

static void *exit_thread(void *arg)
{
	(void)arg;
	pthread_setspecific(key, (void *)77);
	pthread_cleanup_push(cleanup_fn, NULL);
	volatile int five = 5;
	exit_level2(&five);
	pthread_cleanup_pop(0);
	return (void *)1; /* not reached */
}

static void test_pthread_exit(void)
{
	pthread_key_create(&key, key_destructor);
	pthread_t t;
	void *rv = NULL;
	pthread_create(&t, NULL, exit_thread, NULL);
	pthread_join(t, &rv);
	check("pthread_exit_value", rv == (void *)0x1234, "rv=%s", rv == (void *)1 ? "returned" : "other");
	check("pthread_exit_cleanup_handler", cleanup_ran == 1, "cleanup_ran=%d", cleanup_ran);
	check("pthread_exit_tsd_destructor", destructor_ran == 1, "destructor_ran=%d", destructor_ran);
	pthread_key_delete(key);
}

/* ---- pthread_once ---- */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_count;
static void once_fn(void)
{
	once_count++;
}
static void *once_thread(void *arg)
{
	(void)arg;
	pthread_once(&once, once_fn);
	return NULL;
}
static void test_once(void)
{
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, once_thread, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	check("pthread_once", once_count == 1, "count=%d", once_count);
}

/* ---- blocking read() in a thread ---- */
static int rp[2], wp[2];

static void *reader_thread(void *arg)
{
	(void)arg;
	char buf[16] = {0};
	ssize_t n = read(rp[0], buf, sizeof buf);
	if (n == 4 && !memcmp(buf, "ping", 4))
		return (void *)(intptr_t)(write(wp[1], "pong", 4) == 4);
	return (void *)0;
}

static void test_blocking_read(void)
{
	if (pipe(rp) || pipe(wp)) {
		check("blocking_read_in_thread", 0, "pipe failed");
		return;
	}
	pthread_t t;
	pthread_create(&t, NULL, reader_thread, NULL);
	msleep(20); /* reader is (very likely) blocked in read() by now */
	ssize_t w = write(rp[1], "ping", 4);
	char buf[16] = {0};
	ssize_t n = read(wp[0], buf, sizeof buf);
	void *rv;
	pthread_join(t, &rv);
	check("blocking_read_in_thread", w == 4 && n == 4 && !memcmp(buf, "pong", 4) && rv == (void *)1, "w=%zd n=%zd", w, n);
	close(rp[0]);
	close(rp[1]);
	close(wp[0]);
	close(wp[1]);
}

/* ---- cancellation of a thread blocked in read() ---- */
static int cancel_pipe[2];
static int cancel_cleanup;

static void cancel_cleanup_fn(void *arg)
{
	(void)arg;
	cancel_cleanup = 1;
}

static void *cancel_thread(void *arg)
{
	(void)arg;
	char c;
	pthread_cleanup_push(cancel_cleanup_fn, NULL);
	for (;;)
		if (read(cancel_pipe[0], &c, 1) <= 0)
			break;
	pthread_cleanup_pop(0);
	return NULL;
}

static void test_cancel(void)
{
	if (pipe(cancel_pipe)) {
		check("cancel_blocked_read", 0, "pipe");
		return;
	}
	pthread_t t;
	pthread_create(&t, NULL, cancel_thread, NULL);
	msleep(20);
	int rc = pthread_cancel(t);
	void *rv = NULL;
	pthread_join(t, &rv);
	check("cancel_blocked_read", rc == 0 && rv == PTHREAD_CANCELED && cancel_cleanup == 1, "rc=%d canceled=%d cleanup=%d", rc, rv == PTHREAD_CANCELED, cancel_cleanup);
	close(cancel_pipe[0]);
	close(cancel_pipe[1]);
}

/* ---- signal mask inheritance ---- */
static void *mask_thread(void *arg)
{
	(void)arg;
	sigset_t cur;
	pthread_sigmask(SIG_BLOCK, NULL, &cur);
	return (void *)(intptr_t)(sigismember(&cur, SIGUSR1) == 1 && sigismember(&cur, SIGUSR2) == 0);
}

static void test_mask_inherit(void)
{
	sigset_t s, old;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &s, &old);
	pthread_t t;
	void *rv = NULL;
	pthread_create(&t, NULL, mask_thread, NULL);
	pthread_join(t, &rv);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	check("thread_inherits_sigmask", rv == (void *)1, "");
}

/* ---- custom stack size ---- */
static void *stack_thread(void *arg)
{
	(void)arg;
	pthread_attr_t a;
	void *addr = NULL;
	size_t size = 0;
	int local = 0;
	if (pthread_getattr_np(pthread_self(), &a) != 0)
		return (void *)0;
	pthread_attr_getstack(&a, &addr, &size);
	pthread_attr_destroy(&a);
	int ok = (char *)&local >= (char *)addr && (char *)&local < (char *)addr + size && size >= 256 * 1024;
	return (void *)(intptr_t)ok;
}

static void test_stack(void)
{
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, 256 * 1024);
	pthread_t t;
	void *rv = NULL;
	int rc = pthread_create(&t, &a, stack_thread, NULL);
	pthread_attr_destroy(&a);
	if (rc == 0)
		pthread_join(t, &rv);
	check("custom_stacksize", rc == 0 && rv == (void *)1, "rc=%d", rc);
}

/* ---- concurrent syscalls from several threads ---- */
static void *sys_thread(void *arg)
{
	(void)arg;
	pid_t pp = getppid(), p = getpid();
	int ok = 1;
	for (int i = 0; i < 500; i++) {
		ok &= syscall(SYS_getppid) == pp;
		ok &= syscall(SYS_getpid) == p;
	}
	return (void *)(intptr_t)ok;
}

static void test_concurrent_syscalls(void)
{
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, sys_thread, NULL);
	int ok = 1;
	for (int i = 0; i < 4; i++) {
		void *rv;
		pthread_join(t[i], &rv);
		ok &= rv == (void *)1;
	}
	check("concurrent_syscalls", ok, "");
}

/* ---- exit() from a non-main thread while others block; main pthread_exit ---- */
static int blockpipe[2];
static void *blocker(void *arg)
{
	(void)arg;
	char c;
	if (read(blockpipe[0], &c, 1) < 0)
		return NULL;
	return NULL;
}
static void *exiter(void *arg)
{
	(void)arg;
	msleep(10);
	exit(7);
}
static void *late_exiter(void *arg)
{
	(void)arg;
	msleep(20);
	printf("  (child) thread alive after main pthread_exit\n");
	exit(9);
}

static void test_process_exit(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (pipe(blockpipe))
			_exit(100);
		pthread_t t1, t2;
		pthread_create(&t1, NULL, blocker, NULL);
		pthread_create(&t2, NULL, exiter, NULL);
		pthread_join(t1, NULL); /* never returns */
		_exit(101);
	}
	int st = 0;
	pid_t w = waitpid(pid, &st, 0);
	check("exit_from_thread_status", w == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7, "st=%#x", st);

	pid = fork();
	if (pid == 0) {
		pthread_t t;
		pthread_create(&t, NULL, late_exiter, NULL);
		pthread_exit(NULL);
	}
	st = 0;
	w = waitpid(pid, &st, 0);
	check("main_pthread_exit_others_continue", w == pid && WIFEXITED(st) && WEXITSTATUS(st) == 9, "st=%#x", st);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	test_create_join();
	test_prodcons();
	test_atomics();
	test_tls();
	test_detached();
	test_sequential();
	test_ids();
	test_pthread_exit();
	test_once();
	test_blocking_read();
	test_cancel();
	test_mask_inherit();
	test_stack();
	test_concurrent_syscalls();
	test_process_exit();
	printf("threads: %s\n", g_fail ? "FAILED" : "all ok");
	return g_fail;
}
