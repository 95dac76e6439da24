/* user/lib/crt0.S: where every program starts: _start calls main(argc, argv)
 * and passes main's return value to exit(), as a C runtime does. */

    .section .text.start, "ax"
    .globl _start
    .type _start, @function

/* The kernel starts a program's first task here (kernel/program.c) with
 *
 *     %esp -> argc
 *             argv  ---> [argv[0], ..., argv[argc - 1], NULL]
 *             ...the strings, higher up on the same stack page
 *
 * and every other register zero except %eip and %esp. */
_start:
    xorl    %ebp, %ebp          /* the outermost frame: a backtrace stops at %ebp == 0 */
    movl    (%esp), %eax        /* argc */
    movl    4(%esp), %ecx       /* argv */
    andl    $-16, %esp          /* the i386 ABI's 16-byte stack alignment at calls */
    subl    $8, %esp            /* 8 + the two pushes below = 16 */
    pushl   %ecx
    pushl   %eax
    call    main                /* main(argc, argv) */
    movl    %eax, (%esp)
    call    exit                /* exit(main's return value): never returns */
    ud2                         /* ...and if it did, fault loudly (invalid opcode) */

    .size _start, . - _start
