/* NTSTATUS values and the Windows error codes they map to (RtlNtStatusToDosError), for the
 * statuses overlapped I/O reports. A Windows error without a status of its own travels as
 * NTSTATUS_FROM_WIN32 (0xC0070000 | code), which maps back to the code. */
#include "../kernel32/iocp.h"
#include "../kernel32/kernel32.h"

#define FACILITY_WIN32_STATUS 0xC0070000u

static const struct {
	DWORD status, error;
} pairs[] = {
	{ 0x00000000, 0 },                       /* STATUS_SUCCESS */
	{ STATUS_PENDING, ERROR_IO_PENDING },
	{ 0x80000005, 234 },                     /* STATUS_BUFFER_OVERFLOW: ERROR_MORE_DATA */
	{ 0xC0000008, ERROR_INVALID_HANDLE },    /* STATUS_INVALID_HANDLE */
	{ 0xC000000D, ERROR_INVALID_PARAMETER }, /* STATUS_INVALID_PARAMETER */
	{ 0xC0000011, ERROR_HANDLE_EOF },        /* STATUS_END_OF_FILE */
	{ 0xC0000022, ERROR_ACCESS_DENIED },     /* STATUS_ACCESS_DENIED */
	{ 0xC0000034, ERROR_FILE_NOT_FOUND },    /* STATUS_OBJECT_NAME_NOT_FOUND */
	{ 0xC0000120, ERROR_OPERATION_ABORTED }, /* STATUS_CANCELLED */
	{ 0xC000014B, ERROR_BROKEN_PIPE },       /* STATUS_PIPE_BROKEN */
	{ 0xC00000BB, ERROR_NOT_SUPPORTED },     /* STATUS_NOT_SUPPORTED */
};

NTSTATUS ntstatus_from_win32(DWORD error)
{
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		if (pairs[i].error == error)
			return (NTSTATUS)pairs[i].status;
	return (NTSTATUS)(FACILITY_WIN32_STATUS | (error & 0xffff));
}

WINAPI ULONG ntdll_RtlNtStatusToDosError(NTSTATUS status)
{
	DWORD s = (DWORD)status;
	if ((s & 0xffff0000u) == FACILITY_WIN32_STATUS)
		return s & 0xffff;
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		if (pairs[i].status == s)
			return pairs[i].error;
	return 317; /* ERROR_MR_MID_NOT_FOUND: Windows' answer for a status it has no code for */
}
