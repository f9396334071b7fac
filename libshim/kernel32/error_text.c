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
};

const char *error_text(DWORD code)
{
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		if (texts[i].code == code)
			return texts[i].text;
	return NULL;
}
