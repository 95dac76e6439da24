/* tests/unit/string_rename.h: force-included (gcc -include) when lib/string.c
 * is compiled for its unit test, so that its functions get names of their own
 * instead of clashing with the host libc's: memcpy becomes coop_memcpy. */
#pragma once

#define memset  coop_memset
#define memcpy  coop_memcpy
#define memmove coop_memmove
#define memcmp  coop_memcmp
#define strlen  coop_strlen
#define strnlen coop_strnlen
#define strcmp  coop_strcmp
#define strncmp coop_strncmp
#define strchr  coop_strchr
#define strrchr coop_strrchr
#define strlcpy coop_strlcpy
