/* The English texts of the system error codes kernel32 sets, as Microsoft's "System Error Codes"
 * documentation gives them (FormatMessage with FORMAT_MESSAGE_FROM_SYSTEM adds the line break). */
#include <stddef.h>
#include "error_text.h"

static const struct {
	DWORD code;
	const char *text;
} texts[] = {
	{ 0, "The operation completed successfully." },
	{ 1, "Incorrect function." },
	{ 2, "The system cannot find the file specified." },
	{ 3, "The system cannot find the path specified." },
	{ 4, "The system cannot open the file." },
	{ 5, "Access is denied." },
	{ 6, "The handle is invalid." },
	{ 8, "Not enough memory resources are available to process this command." },
	{ 13, "The data is invalid." },
	{ 14, "Not enough memory resources are available to complete this operation." },
	{ 18, "There are no more files." },
	{ 19, "The media is write protected." },
	{ 21, "The device is not ready." },
	{ 24, "The program issued a command but the command length is incorrect." },
	{ 31, "A device attached to the system is not functioning." },
	{ 32, "The process cannot access the file because it is being used by another process." },
	{ 38, "Reached the end of the file." },
	{ 50, "The request is not supported." },
	{ 53, "The network path was not found." },
	{ 80, "The file exists." },
	{ 87, "The parameter is incorrect." },
	{ 109, "The pipe has been ended." },
	{ 112, "There is not enough space on the disk." },
	{ 122, "The data area passed to a system call is too small." },
	{ 123, "The filename, directory name, or volume label syntax is incorrect." },
	{ 126, "The specified module could not be found." },
	{ 127, "The specified procedure could not be found." },
	{ 131, "An attempt was made to move the file pointer before the beginning of the file." },
	{ 145, "The directory is not empty." },
	{ 183, "Cannot create a file when that file already exists." },
	{ 193, "%1 is not a valid Win32 application." },
	{ 203, "The system could not find the environment option that was entered." },
	{ 206, "The filename or extension is too long." },
	{ 232, "The pipe is being closed." },
	{ 258, "The wait operation timed out." },
	{ 259, "No more data is available." },
	{ 267, "The directory name is invalid." },
	{ 288, "Attempt to release mutex not owned by caller." },
	{ 298, "Too many posts were made to a semaphore." },
	{ 317, "The system cannot find message text for message number 0x%1 in the message file for %2." },
	{ 487, "Attempt to access invalid address." },
	{ 1004, "Invalid flags." },
	{ 1113, "No mapping for the Unicode character exists in the target multi-byte code page." },
	{ 1114, "A dynamic link library (DLL) initialization routine failed." },
	{ 1460, "This operation returned because the timeout period expired." },
	/* Overlapped I/O and winsock (libshim/ws2_32): "Windows Sockets Error Codes". */
	{ 995, "The I/O operation has been aborted because of either a thread exit or an application request." },
	{ 996, "Overlapped I/O event is not in a signaled state." },
	{ 997, "Overlapped I/O operation is in progress." },
	{ 1168, "Element not found." },
	{ 10004, "A blocking operation was interrupted by a call to WSACancelBlockingCall." },
	{ 10013, "An attempt was made to access a socket in a way forbidden by its access permissions." },
	{ 10014, "The system detected an invalid pointer address in attempting to use a pointer argument in a call." },
	{ 10022, "An invalid argument was supplied." },
	{ 10024, "Too many open sockets." },
	{ 10035, "A non-blocking socket operation could not be completed immediately." },
	{ 10037, "An operation was attempted on a non-blocking socket that already had an operation in progress." },
	{ 10038, "An operation was attempted on something that is not a socket." },
	{ 10039, "A required address was omitted from an operation on a socket." },
	{ 10040, "A message sent on a datagram socket was larger than the internal message buffer or some other network limit, or the buffer used to receive a datagram into was smaller than the datagram itself." },
	{ 10042, "An unknown, invalid, or unsupported option or level was specified in a getsockopt or setsockopt call." },
	{ 10043, "The requested protocol has not been configured into the system, or no implementation for it exists." },
	{ 10044, "The support for the specified socket type does not exist in this address family." },
	{ 10045, "The attempted operation is not supported for the type of object referenced." },
	{ 10047, "An address incompatible with the requested protocol was used." },
	{ 10048, "Only one usage of each socket address (protocol/network address/port) is normally permitted." },
	{ 10049, "The requested address is not valid in its context." },
	{ 10050, "A socket operation encountered a dead network." },
	{ 10051, "A socket operation was attempted to an unreachable network." },
	{ 10053, "An established connection was aborted by the software in your host machine." },
	{ 10054, "An existing connection was forcibly closed by the remote host." },
	{ 10055, "An operation on a socket could not be performed because the system lacked sufficient buffer space or because a queue was full." },
	{ 10056, "A connect request was made on an already connected socket." },
	{ 10057, "A request to send or receive data was disallowed because the socket is not connected and (when sending on a datagram socket using a sendto call) no address was supplied." },
	{ 10058, "A request to send or receive data was disallowed because the socket had already been shut down in that direction with a previous shutdown call." },
	{ 10060, "A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond." },
	{ 10061, "No connection could be made because the target machine actively refused it." },
	{ 10065, "A socket operation was attempted to an unreachable host." },
	{ 10093, "Either the application has not called WSAStartup, or WSAStartup failed." },
	{ 11001, "No such host is known." },
};

const char *error_text(DWORD code)
{
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		if (texts[i].code == code)
			return texts[i].text;
	return NULL;
}
