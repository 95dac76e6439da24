/* user/hello.c: the smallest coop program: print a greeting and the
 * arguments it was started with, then return 0 (which is exit(0)). */
#include "user/lib/coop.h"

int main(int argc, char **argv)
{
    printf("hello, world\n");
    for (int i = 0; i < argc; i++)
        printf("argv[%d] = \"%s\"\n", i, argv[i]);
    return 0;
}
