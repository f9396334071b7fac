/* NtQueryInformationFile, for the one class the Go runtime's os package asks of every file it
 * wraps: FileModeInformation (is the handle synchronous, i.e. not opened for overlapped I/O?).
 * The other classes belong to the file work and end the process as not implemented. */
#include <stdio.h>
#include <stdlib.h>
#include "../../loader/status.h"
#include "../kernel32/handle.h"
#include "../kernel32/kernel32.h"
#include "../kernel32/object.h"

#define STATUS_INFO_LENGTH_MISMATCH 0xC0000004u
#define STATUS_INVALID_HANDLE 0xC0000008u
#define STATUS_OBJECT_TYPE_MISMATCH 0xC0000024u
#define FILE_MODE_INFORMATION 16
#define FILE_SYNCHRONOUS_IO_NONALERT 0x20

typedef struct {
	LONG Status;
	ULONG_PTR Information;
} IO_STATUS_BLOCK; /* the Status/Pointer union is 8 bytes on x64 */
_Static_assert(sizeof(IO_STATUS_BLOCK) == 16, "IO_STATUS_BLOCK");

WINAPI LONG ntdll_NtQueryInformationFile(HANDLE h, IO_STATUS_BLOCK *io, void *buf, ULONG len,
					 int class)
{
	if (class != FILE_MODE_INFORMATION) {
		fprintf(stderr, "xabi: ntdll!NtQueryInformationFile(class %d) is not implemented\n", class);
		exit(XABI_STATUS_MISSING_IMPORT);
	}
	if (len < sizeof(ULONG))
		return (LONG)STATUS_INFO_LENGTH_MISMATCH;
	TEB *teb = NtCurrentTeb();
	DWORD saved = teb->LastErrorValue;
	struct handle_obj o;
	int found = handle_lookup(h, &o) == 0;
	teb->LastErrorValue = saved;
	if (!found)
		return (LONG)STATUS_INVALID_HANDLE;
	if (handle_is_kobj(o.type)) {
		kobj_put(o.obj);
		return (LONG)STATUS_OBJECT_TYPE_MISMATCH;
	}
	*(ULONG *)buf = o.io & IO_OVERLAPPED ? 0 : FILE_SYNCHRONOUS_IO_NONALERT;
	io->Status = STATUS_SUCCESS;
	io->Information = sizeof(ULONG);
	return STATUS_SUCCESS;
}
