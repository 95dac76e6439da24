/* tests/progs/aaa_tiny.c: the smallest program, named to come first in the
 * initrd (tar stores the programs in alphabetical order). user/bench.c
 * times starting it, and its twin tests/progs/zzz_tiny.c, which comes last:
 * what starting a program costs must not depend on its place in the initrd. */
int main(void)
{
    return 0;
}
