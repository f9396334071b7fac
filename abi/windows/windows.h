/* The Windows ABI (windows.c). */
#ifndef XABI_ABI_WINDOWS_H
#define XABI_ABI_WINDOWS_H

extern const struct abi windows_abi;

#endif
