/* The thread and process environment blocks a Windows x64 program reads through %gs: the fields
 * at the offsets Windows puts them (checked below), the rest reserved and zero. */
#ifndef XABI_NTDLL_TEB_H
#define XABI_NTDLL_TEB_H

#include "../windef.h"

typedef struct {
	WORD Length, MaximumLength; /* in bytes, without / with the terminating NUL */
	WCHAR *Buffer;
} UNICODE_STRING;

typedef struct {
	ULONG MaximumLength, Length, Flags, DebugFlags;
	HANDLE ConsoleHandle;
	ULONG ConsoleFlags;
	HANDLE StandardInput, StandardOutput, StandardError;
	UNICODE_STRING CurrentDirectory;
	HANDLE CurrentDirectoryHandle;
	UNICODE_STRING DllPath, ImagePathName, CommandLine;
	WCHAR *Environment;
	BYTE reserved[0x400 - 0x88];
} RTL_USER_PROCESS_PARAMETERS;
_Static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, StandardInput) == 0x20, "StandardInput");
_Static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, ImagePathName) == 0x60, "ImagePathName");
_Static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, CommandLine) == 0x70, "CommandLine");
_Static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, Environment) == 0x80, "Environment");

typedef struct {
	BYTE InheritedAddressSpace, ReadImageFileExecOptions, BeingDebugged, BitField;
	BYTE pad0[4];
	HANDLE Mutant;
	void *ImageBaseAddress;
	void *Ldr;
	RTL_USER_PROCESS_PARAMETERS *ProcessParameters;
	void *SubSystemData;
	HANDLE ProcessHeap;
	BYTE reserved0[0xbc - 0x38];
	ULONG NtGlobalFlag;
	BYTE reserved1[0x118 - 0xc0];
	ULONG OSMajorVersion, OSMinorVersion;
	WORD OSBuildNumber, OSCSDVersion;
	ULONG OSPlatformId;
	BYTE reserved2[0x800 - 0x128];
} PEB;
_Static_assert(offsetof(PEB, ImageBaseAddress) == 0x10, "ImageBaseAddress");
_Static_assert(offsetof(PEB, ProcessParameters) == 0x20, "ProcessParameters");
_Static_assert(offsetof(PEB, ProcessHeap) == 0x30, "ProcessHeap");
_Static_assert(offsetof(PEB, OSMajorVersion) == 0x118, "OSMajorVersion");

#define TLS_MINIMUM_AVAILABLE 64

typedef struct TEB {
	/* NT_TIB */
	void *ExceptionList;
	void *StackBase, *StackLimit; /* the top (highest address) and bottom of the stack */
	void *SubSystemTib, *FiberData, *ArbitraryUserPointer;
	struct TEB *Self;
	void *EnvironmentPointer;
	HANDLE UniqueProcess, UniqueThread;
	void *ActiveRpcHandle;
	void **ThreadLocalStoragePointer; /* per module, indexed by its TLS directory's index */
	PEB *Peb;
	DWORD LastErrorValue;
	BYTE reserved0[0x1480 - 0x6c];
	void *TlsSlots[TLS_MINIMUM_AVAILABLE];
	BYTE reserved1[0x1780 - 0x1680];
	void **TlsExpansionSlots;
	BYTE reserved2[0x2000 - 0x1788];
} TEB;
_Static_assert(offsetof(TEB, Self) == 0x30, "Self");
_Static_assert(offsetof(TEB, ThreadLocalStoragePointer) == 0x58, "ThreadLocalStoragePointer");
_Static_assert(offsetof(TEB, Peb) == 0x60, "Peb");
_Static_assert(offsetof(TEB, LastErrorValue) == 0x68, "LastErrorValue");
_Static_assert(offsetof(TEB, TlsSlots) == 0x1480, "TlsSlots");
_Static_assert(offsetof(TEB, TlsExpansionSlots) == 0x1780, "TlsExpansionSlots");

/* The calling thread's TEB: %gs points at it on every guest thread. */
static inline TEB *NtCurrentTeb(void)
{
	TEB *t;
	__asm__("mov %%gs:0x30, %0" : "=r"(t));
	return t;
}

#endif
