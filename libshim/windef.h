/* The Windows types and calling convention the shim is written in. Windows x64 is LLP64: LONG
 * and DWORD are 32 bits, WCHAR is UTF-16. Every export is WINAPI (the Microsoft x64 convention,
 * gcc's ms_abi) whatever its declared calling convention: on x64 stdcall and cdecl are one. */
#ifndef XABI_WINDEF_H
#define XABI_WINDEF_H

#include <stddef.h>
#include <stdint.h>

#define WINAPI __attribute__((ms_abi))

typedef int32_t BOOL;
typedef uint8_t BYTE, BOOLEAN;
typedef uint16_t WORD, WCHAR;
typedef uint32_t DWORD, UINT, ULONG;
typedef int32_t LONG, INT;
typedef int64_t LONGLONG, LONG_PTR, INT_PTR;
typedef uint64_t ULONGLONG, ULONG_PTR, SIZE_T, DWORD_PTR;
typedef void *HANDLE, *HMODULE, *LPVOID;
typedef const void *LPCVOID;
typedef char *LPSTR;
typedef const char *LPCSTR;
typedef WCHAR *LPWSTR;
typedef const WCHAR *LPCWSTR;
typedef LONG NTSTATUS;

#define TRUE 1
#define FALSE 0
#define INVALID_HANDLE_VALUE ((HANDLE)(LONG_PTR)-1)

typedef union {
	struct {
		DWORD LowPart;
		LONG HighPart;
	};
	LONGLONG QuadPart;
} LARGE_INTEGER;

typedef struct {
	DWORD dwLowDateTime, dwHighDateTime;
} FILETIME;

#endif
