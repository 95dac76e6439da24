/* tests/boot/t_ldt_iso.c: tests/boot/t_ldt.c booted through GRUB, which
 * leaves more bytes behind in low memory where the boot-time LDT points. */
// boot-via: iso
#include "t_ldt.c"
