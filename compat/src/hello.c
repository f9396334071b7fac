/* compat case hello-c: prints "hello, world", then each argument on its own
 * line. "--exit N" (anywhere) makes N the exit status; it is printed too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    int status = 0;
    printf("hello, world\n");
    for (int i = 1; i < argc; i++) {
        printf("%s\n", argv[i]);
        if (strcmp(argv[i], "--exit") == 0 && i + 1 < argc)
            status = atoi(argv[i + 1]);
    }
    return status;
}
