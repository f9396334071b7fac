/* Access tokens, as far as programs adjust privileges: OpenProcessToken, ImpersonateSelf /
 * RevertToSelf / OpenThreadToken, LookupPrivilegeValue and AdjustTokenPrivileges.
 *
 * The process runs as the host user, whom xabi presents as a standard (not elevated) Windows user:
 * the token holds the privileges such a user's token holds on Windows 10 (`whoami /priv`), only
 * SeChangeNotifyPrivilege enabled. Asking to enable any other privilege (SeCreateSymbolicLink,
 * SeDebug, SeBackup...) succeeds with ERROR_NOT_ALL_ASSIGNED, as for a standard user on Windows.
 * Access rights asked of a token are not checked. An impersonation token is the calling
 * thread's own (ImpersonateSelf): OpenThreadToken sees only the calling thread's. */
#define _GNU_SOURCE
#include <pthread.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "../kernel32/handle.h"
#include "../kernel32/kernel32.h"
#include "../kernel32/object.h"
#include "../ntdll/unicode.h"

#define ERROR_NO_TOKEN 1008
#define ERROR_NOT_ALL_ASSIGNED 1300
#define ERROR_NO_SUCH_PRIVILEGE 1313
#define ERROR_BAD_IMPERSONATION_LEVEL 1346
#define SE_PRIVILEGE_ENABLED_BY_DEFAULT 0x1
#define SE_PRIVILEGE_ENABLED 0x2
#define SE_PRIVILEGE_REMOVED 0x4
#define SECURITY_DELEGATION 3

typedef struct {
	DWORD LowPart;
	LONG HighPart;
} LUID;

typedef struct {
	LUID Luid;
	DWORD Attributes;
} LUID_AND_ATTRIBUTES;

typedef struct {
	DWORD PrivilegeCount;
	LUID_AND_ATTRIBUTES Privileges[];
} TOKEN_PRIVILEGES;

/* The privileges Windows knows, by LUID (winnt.h's SE_*_PRIVILEGE values: 2 to 36). */
static const char *const privilege_names[] = {
	[2] = "SeCreateTokenPrivilege", [3] = "SeAssignPrimaryTokenPrivilege",
	[4] = "SeLockMemoryPrivilege", [5] = "SeIncreaseQuotaPrivilege",
	[6] = "SeMachineAccountPrivilege", [7] = "SeTcbPrivilege", [8] = "SeSecurityPrivilege",
	[9] = "SeTakeOwnershipPrivilege", [10] = "SeLoadDriverPrivilege",
	[11] = "SeSystemProfilePrivilege", [12] = "SeSystemtimePrivilege",
	[13] = "SeProfileSingleProcessPrivilege", [14] = "SeIncreaseBasePriorityPrivilege",
	[15] = "SeCreatePagefilePrivilege", [16] = "SeCreatePermanentPrivilege",
	[17] = "SeBackupPrivilege", [18] = "SeRestorePrivilege", [19] = "SeShutdownPrivilege",
	[20] = "SeDebugPrivilege", [21] = "SeAuditPrivilege", [22] = "SeSystemEnvironmentPrivilege",
	[23] = "SeChangeNotifyPrivilege", [24] = "SeRemoteShutdownPrivilege",
	[25] = "SeUndockPrivilege", [26] = "SeSyncAgentPrivilege",
	[27] = "SeEnableDelegationPrivilege", [28] = "SeManageVolumePrivilege",
	[29] = "SeImpersonatePrivilege", [30] = "SeCreateGlobalPrivilege",
	[31] = "SeTrustedCredManAccessPrivilege", [32] = "SeRelabelPrivilege",
	[33] = "SeIncreaseWorkingSetPrivilege", [34] = "SeTimeZonePrivilege",
	[35] = "SeCreateSymbolicLinkPrivilege", [36] = "SeDelegateSessionUserImpersonatePrivilege",
};
#define NPRIV (sizeof privilege_names / sizeof *privilege_names)

/* A standard user's token: which privileges it holds and which are enabled by default. */
static const struct {
	DWORD luid, attributes;
} standard_user[] = {
	{ 19, 0 }, /* SeShutdownPrivilege */
	{ 23, SE_PRIVILEGE_ENABLED | SE_PRIVILEGE_ENABLED_BY_DEFAULT }, /* SeChangeNotifyPrivilege */
	{ 25, 0 }, /* SeUndockPrivilege */
	{ 33, 0 }, /* SeIncreaseWorkingSetPrivilege */
	{ 34, 0 }, /* SeTimeZonePrivilege */
};

struct token {
	struct kobj k;
	pthread_mutex_t lock;
	/* Per LUID: held, and its SE_PRIVILEGE_* attributes. */
	unsigned char held[NPRIV];
	DWORD attributes[NPRIV];
};

static struct token *process_token;
static __thread struct token *thread_token; /* ImpersonateSelf's */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static struct token *token_new(void)
{
	struct token *t = kobj_new(HANDLE_TOKEN, sizeof *t);
	if (!t)
		return 0;
	pthread_mutex_init(&t->lock, 0);
	for (size_t i = 0; i < sizeof standard_user / sizeof *standard_user; i++) {
		t->held[standard_user[i].luid] = 1;
		t->attributes[standard_user[i].luid] = standard_user[i].attributes;
	}
	return t;
}

static void make_process_token(void)
{
	process_token = token_new();
}

static BOOL give_handle(struct token *t, HANDLE *out)
{
	HANDLE h = handle_new(HANDLE_TOKEN, -1, t);
	if (!h) {
		kobj_put(&t->k);
		return FALSE;
	}
	*out = h;
	return TRUE;
}

WINAPI BOOL advapi32_OpenProcessToken(HANDLE process, DWORD access, HANDLE *out)
{
	(void)access;
	struct handle_obj o;
	if (handle_lookup(process, &o) < 0)
		return FALSE;
	int self = o.type == HANDLE_PROCESS && ((struct process_obj *)o.obj)->pid == getpid();
	if (handle_is_kobj(o.type))
		kobj_put(o.obj);
	if (!self) { /* another process's token: not ours to give */
		win_set_last_error(o.type == HANDLE_PROCESS ? ERROR_ACCESS_DENIED : ERROR_INVALID_HANDLE);
		return FALSE;
	}
	pthread_once(&once, make_process_token);
	if (!process_token) {
		win_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	kobj_ref(&process_token->k);
	return give_handle(process_token, out);
}

WINAPI BOOL advapi32_ImpersonateSelf(DWORD level)
{
	if (level > SECURITY_DELEGATION) {
		win_set_last_error(ERROR_BAD_IMPERSONATION_LEVEL);
		return FALSE;
	}
	struct token *t = token_new(); /* a copy of the process's: starts as a fresh standard token */
	if (!t)
		return FALSE;
	pthread_once(&once, make_process_token);
	if (process_token) {
		pthread_mutex_lock(&process_token->lock);
		memcpy(t->held, process_token->held, sizeof t->held);
		memcpy(t->attributes, process_token->attributes, sizeof t->attributes);
		pthread_mutex_unlock(&process_token->lock);
	}
	if (thread_token)
		kobj_put(&thread_token->k);
	thread_token = t;
	return TRUE;
}

WINAPI BOOL advapi32_RevertToSelf(void)
{
	if (thread_token)
		kobj_put(&thread_token->k);
	thread_token = 0;
	return TRUE;
}

WINAPI BOOL advapi32_OpenThreadToken(HANDLE thread, DWORD access, BOOL as_self, HANDLE *out)
{
	(void)access, (void)as_self;
	struct handle_obj o;
	if (handle_lookup(thread, &o) < 0)
		return FALSE;
	int current = o.type == HANDLE_THREAD && ((struct thread_obj *)o.obj)->tid == (DWORD)gettid();
	int is_thread = o.type == HANDLE_THREAD;
	if (handle_is_kobj(o.type))
		kobj_put(o.obj);
	if (!is_thread) {
		win_set_last_error(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	if (!current || !thread_token) { /* only the calling thread impersonates (see above) */
		win_set_last_error(ERROR_NO_TOKEN);
		return FALSE;
	}
	kobj_ref(&thread_token->k);
	return give_handle(thread_token, out);
}

/* The LUID of a privilege name (case aside, as Windows compares them); 0 if unknown. */
static DWORD privilege_luid(const char *name)
{
	for (DWORD i = 2; i < NPRIV; i++)
		if (!strcasecmp(privilege_names[i], name))
			return i;
	return 0;
}

WINAPI BOOL advapi32_LookupPrivilegeValueA(LPCSTR system, LPCSTR name, LUID *luid)
{
	if (system && *system) { /* another machine's names: no remote lookups */
		win_set_last_error(ERROR_NOT_SUPPORTED);
		return FALSE;
	}
	DWORD v = name ? privilege_luid(name) : 0;
	if (!v) {
		win_set_last_error(ERROR_NO_SUCH_PRIVILEGE);
		return FALSE;
	}
	luid->LowPart = v;
	luid->HighPart = 0;
	return TRUE;
}

WINAPI BOOL advapi32_LookupPrivilegeValueW(LPCWSTR system, LPCWSTR name, LUID *luid)
{
	char n[64] = "";
	if (name && utf16_to_utf8(name, -1, n, sizeof n) > sizeof n)
		n[0] = 0; /* too long for any privilege's name */
	return advapi32_LookupPrivilegeValueA(system && *system ? "remote" : 0, name ? n : 0, luid);
}

WINAPI BOOL advapi32_AdjustTokenPrivileges(HANDLE h, BOOL disable_all, const TOKEN_PRIVILEGES *state,
					   DWORD size, TOKEN_PRIVILEGES *previous, DWORD *needed)
{
	struct handle_obj o;
	if (handle_lookup(h, &o) < 0)
		return FALSE;
	if (o.type != HANDLE_TOKEN) {
		if (handle_is_kobj(o.type))
			kobj_put(o.obj);
		win_set_last_error(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	struct token *t = o.obj;
	if (!disable_all && !state) {
		kobj_put(&t->k);
		win_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	pthread_mutex_lock(&t->lock);
	/* Which held privileges change: for the previous state, counted before any is changed. */
	DWORD changes[NPRIV], nchanges = 0, missing = 0;
	DWORD want[NPRIV];
	for (DWORD i = 0; i < NPRIV; i++) {
		if (!t->held[i])
			continue;
		want[i] = t->attributes[i];
		if (disable_all)
			want[i] &= ~SE_PRIVILEGE_ENABLED;
	}
	for (DWORD j = 0; !disable_all && j < state->PrivilegeCount; j++) {
		DWORD l = state->Privileges[j].Luid.LowPart;
		if (state->Privileges[j].Luid.HighPart || l >= NPRIV || !t->held[l]) {
			missing = 1;
			continue;
		}
		DWORD a = state->Privileges[j].Attributes;
		want[l] = (t->attributes[l] & ~SE_PRIVILEGE_ENABLED) | (a & SE_PRIVILEGE_ENABLED);
		if (a & SE_PRIVILEGE_REMOVED)
			want[l] = SE_PRIVILEGE_REMOVED;
	}
	for (DWORD i = 0; i < NPRIV; i++)
		if (t->held[i] && want[i] != t->attributes[i])
			changes[nchanges++] = i;
	DWORD bytes = sizeof(TOKEN_PRIVILEGES) + nchanges * sizeof(LUID_AND_ATTRIBUTES);
	if (previous) {
		if (needed)
			*needed = bytes;
		if (size < bytes) {
			pthread_mutex_unlock(&t->lock);
			kobj_put(&t->k);
			win_set_last_error(ERROR_INSUFFICIENT_BUFFER);
			return FALSE;
		}
		previous->PrivilegeCount = nchanges;
		for (DWORD c = 0; c < nchanges; c++) {
			previous->Privileges[c].Luid = (LUID){ changes[c], 0 };
			previous->Privileges[c].Attributes = t->attributes[changes[c]];
		}
	}
	for (DWORD c = 0; c < nchanges; c++) {
		DWORD i = changes[c];
		if (want[i] == SE_PRIVILEGE_REMOVED)
			t->held[i] = 0, t->attributes[i] = 0;
		else
			t->attributes[i] = want[i];
	}
	pthread_mutex_unlock(&t->lock);
	kobj_put(&t->k);
	/* Success either way; the last error tells whether every privilege named was held. */
	win_set_last_error(missing ? ERROR_NOT_ALL_ASSIGNED : 0);
	return TRUE;
}
