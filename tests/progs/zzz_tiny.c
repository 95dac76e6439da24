/* tests/progs/zzz_tiny.c: the smallest program, named to come last among
 * the initrd's programs; the twin of tests/progs/aaa_tiny.c, which comes
 * first (user/bench.c times starting both). */
int main(void)
{
    return 0;
}
