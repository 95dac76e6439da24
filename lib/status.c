/* lib/status.c: puts a wait() status (lib/status.h) into words, for the
 * kernel's and the shell's messages. */
#include "lib/status.h"
#include "lib/exception.h"
#include "lib/fmt.h"

int status_format(char *buf, size_t size, int status)
{
    switch (STATUS_HOW(status)) {
    case STATUS_EXITED:
        return fmt_snprintf(buf, size, "exited with code %d", STATUS_CODE(status));
    case STATUS_KILLED:
        return fmt_snprintf(buf, size, "killed");
    case STATUS_FAULTED: {
        unsigned vec = (unsigned)STATUS_VECTOR(status);
        return fmt_snprintf(buf, size, "faulted: %s (%s)", exception_name(vec),
                            exception_mnemonic(vec));
    }
    default:
        return fmt_snprintf(buf, size, "ended with unknown status 0x%x", (unsigned)status);
    }
}
