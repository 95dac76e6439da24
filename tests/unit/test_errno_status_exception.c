/* tests/unit/test_errno_status_exception.c: the small naming modules:
 * errno_name and errno_message (lib/errno.c), status_format (lib/status.c) and the exception
 * names (lib/exception.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <limits.h>

#include "lib/errno.h"
#include "lib/exception.h"
#include "lib/status.h"

#define OUT_SIZE 64

static void test_errno_names(void **state)
{
    (void)state;
    assert_string_equal(errno_name(EPERM), "EPERM");
    assert_string_equal(errno_name(ENOENT), "ENOENT");
    assert_string_equal(errno_name(ESRCH), "ESRCH");
    assert_string_equal(errno_name(E2BIG), "E2BIG");
    assert_string_equal(errno_name(ENOEXEC), "ENOEXEC");
    assert_string_equal(errno_name(EBADF), "EBADF");
    assert_string_equal(errno_name(ECHILD), "ECHILD");
    assert_string_equal(errno_name(EAGAIN), "EAGAIN");
    assert_string_equal(errno_name(ENOMEM), "ENOMEM");
    assert_string_equal(errno_name(EFAULT), "EFAULT");
    assert_string_equal(errno_name(EINVAL), "EINVAL");
    assert_string_equal(errno_name(EDEADLK), "EDEADLK");
    assert_string_equal(errno_name(ENOSYS), "ENOSYS");
    assert_string_equal(errno_name(EMFILE), "EMFILE");
    assert_string_equal(errno_name(ENOTTY), "ENOTTY");
    assert_string_equal(errno_name(EPIPE), "EPIPE");
    assert_string_equal(errno_name(EMSGSIZE), "EMSGSIZE");
}

static void test_errno_unknown(void **state)
{
    (void)state;
    assert_string_equal(errno_name(0), "E?");
    assert_string_equal(errno_name(4), "E?"); /* a gap in the table */
    assert_string_equal(errno_name(ENOSYS + 1), "E?");
    assert_string_equal(errno_name(EMSGSIZE + 1), "E?");
    assert_string_equal(errno_name(1000000), "E?");
    assert_string_equal(errno_name(-1000000), "E?");
    assert_string_equal(errno_name(INT_MIN), "E?"); /* no overflow negating it */
}

static void test_errno_either_sign(void **state)
{
    (void)state;
    /* As a system call returns it, like strerror. */
    assert_string_equal(errno_name(-ENOENT), "ENOENT");
    assert_string_equal(errno_name(-ENOSYS), "ENOSYS");
    assert_string_equal(errno_name(-4), "E?");
}

static void test_errno_messages(void **state)
{
    (void)state;
    assert_string_equal(errno_message(ESRCH), "no such task");
    assert_string_equal(errno_message(-ESRCH), "no such task");
    assert_string_equal(errno_message(-EAGAIN),
                        "a kernel table is full, or the task ids are used up");
    assert_string_equal(errno_message(0), "success");
    assert_string_equal(errno_message(4), "unknown error"); /* a gap */
    assert_string_equal(errno_message(EMSGSIZE + 1), "unknown error");
    assert_string_equal(errno_message(INT_MIN), "unknown error");
    /* Every code with a name has a message of its own, and no two share one. */
    const char *seen[EMSGSIZE + 1] = {0};
    for (int code = 1; code <= EMSGSIZE; code++) {
        if (strcmp(errno_name(code), "E?") == 0)
            continue;
        const char *m = errno_message(code);
        assert_string_not_equal(m, "unknown error");
        for (int other = 1; other < code; other++)
            if (seen[other])
                assert_string_not_equal(m, seen[other]);
        seen[code] = m;
    }
}

static void test_exception_names(void **state)
{
    (void)state;
    assert_string_equal(exception_name(T_DIVIDE), "divide error");
    assert_string_equal(exception_mnemonic(T_DIVIDE), "#DE");
    assert_string_equal(exception_name(T_NMI), "non-maskable interrupt");
    assert_string_equal(exception_mnemonic(T_NMI), "NMI");
    assert_string_equal(exception_name(T_BRKPT), "breakpoint");
    assert_string_equal(exception_name(T_ILLOP), "invalid opcode");
    assert_string_equal(exception_mnemonic(T_ILLOP), "#UD");
    assert_string_equal(exception_name(T_DBLFLT), "double fault");
    assert_string_equal(exception_mnemonic(T_DBLFLT), "#DF");
    assert_string_equal(exception_name(9), "coprocessor segment overrun");
    assert_string_equal(exception_name(T_TSS), "invalid TSS");
    assert_string_equal(exception_name(T_STACK), "stack-segment fault");
    assert_string_equal(exception_name(T_GPFLT), "general protection fault");
    assert_string_equal(exception_mnemonic(T_GPFLT), "#GP");
    assert_string_equal(exception_name(T_PGFLT), "page fault");
    assert_string_equal(exception_mnemonic(T_PGFLT), "#PF");
    assert_string_equal(exception_name(T_FPERR), "x87 floating-point error");
    assert_string_equal(exception_name(T_SIMDERR), "SIMD floating-point error");
    assert_string_equal(exception_name(20), "virtualization exception");
    assert_string_equal(exception_name(21), "control protection exception");
}

static void test_exception_reserved_and_unknown(void **state)
{
    (void)state;
    assert_string_equal(exception_name(15), "reserved");
    assert_string_equal(exception_name(22), "reserved");
    assert_string_equal(exception_name(T_EXCEPTIONS - 1), "reserved");
    assert_string_equal(exception_mnemonic(15), "#??");
    assert_string_equal(exception_name(T_EXCEPTIONS), "unknown");
    assert_string_equal(exception_name(0x80), "unknown");
    assert_string_equal(exception_name(~0u), "unknown");
    assert_string_equal(exception_mnemonic(T_EXCEPTIONS), "#??");
    /* Every vector has some name and mnemonic. */
    for (unsigned v = 0; v < T_EXCEPTIONS; v++) {
        assert_true(strlen(exception_name(v)) > 0);
        assert_true(exception_mnemonic(v)[0] == '#' || v == T_NMI);
    }
}

static void test_status_format(void **state)
{
    (void)state;
    char buf[OUT_SIZE];
    assert_int_equal(status_format(buf, sizeof buf, STATUS_EXIT(3)), 18);
    assert_string_equal(buf, "exited with code 3");
    status_format(buf, sizeof buf, STATUS_EXIT(0));
    assert_string_equal(buf, "exited with code 0");
    status_format(buf, sizeof buf, STATUS_EXIT(-1)); /* exit(-1): the code is 8 bits */
    assert_string_equal(buf, "exited with code 255");
    status_format(buf, sizeof buf, STATUS_KILL);
    assert_string_equal(buf, "killed");
    status_format(buf, sizeof buf, STATUS_FAULT(T_PGFLT));
    assert_string_equal(buf, "faulted: page fault (#PF)");
    status_format(buf, sizeof buf, STATUS_FAULT(T_GPFLT));
    assert_string_equal(buf, "faulted: general protection fault (#GP)");
    status_format(buf, sizeof buf, 3 << 8);
    assert_string_equal(buf, "ended with unknown status 0x300");
}

static void test_status_format_truncates(void **state)
{
    (void)state;
    char buf[8];
    assert_int_equal(status_format(buf, sizeof buf, STATUS_FAULT(T_DIVIDE)),
                     (int)strlen("faulted: divide error (#DE)"));
    assert_string_equal(buf, "faulted");
    assert_int_equal(status_format(NULL, 0, STATUS_KILL), 6);
}

static void test_status_macros_round_trip(void **state)
{
    (void)state;
    int s = STATUS_FAULT(T_PGFLT);
    assert_true(WIFFAULTED(s));
    assert_false(WIFEXITED(s));
    assert_int_equal(WFAULTVEC(s), T_PGFLT);
    assert_true(WIFEXITED(STATUS_EXIT(42)));
    assert_int_equal(WEXITSTATUS(STATUS_EXIT(42)), 42);
    assert_true(WIFKILLED(STATUS_KILL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errno_names),
        cmocka_unit_test(test_errno_unknown),
        cmocka_unit_test(test_errno_either_sign),
        cmocka_unit_test(test_errno_messages),
        cmocka_unit_test(test_exception_names),
        cmocka_unit_test(test_exception_reserved_and_unknown),
        cmocka_unit_test(test_status_format),
        cmocka_unit_test(test_status_format_truncates),
        cmocka_unit_test(test_status_macros_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
