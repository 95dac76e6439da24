/* tests/unit/malloc_rename.h: force-included (gcc -include) when
 * user/lib/malloc.c is compiled for its host unit test: its functions get
 * names of their own instead of the host libc's (malloc becomes coop_malloc),
 * and the two system calls it makes go to the test's fakes. */
#pragma once

#define malloc  coop_malloc
#define free    coop_free
#define calloc  coop_calloc
#define realloc coop_realloc
#define sbrk    fake_sbrk
#define yield   fake_yield
