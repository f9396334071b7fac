/* The Windows ABI (windows.c). */
#ifndef XABI_ABI_WINDOWS_H
#define XABI_ABI_WINDOWS_H

extern const struct abi windows_abi;

struct sigdelivery;
/* A host fault of guest code as a Windows exception (faults.c). */
int windows_deliver_fault(const struct sigdelivery *d);

#endif
