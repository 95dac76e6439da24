# scripts/coop-gdb.py: gdb that knows about coop's tasks. build/gdbinit
# (made from scripts/gdbinit.in) sources it before it loads the kernel's
# symbols; docs/gdb.md has a session with every command.
#
#   tasks [-b]              every task: id, program, parent, state, what it
#                           waits on, and where it is in its own program's
#                           code (-b: and its backtrace)
#   task N                  one task's saved registers and the backtrace of
#                           its user stack, without resuming anything
#   current [-v]            the task the kernel runs or handles, in one line
#                           (-v: its whole record; $current points at it)
#   ubreak PROGRAM:WHERE    a breakpoint that stops only when PROGRAM runs
#                           there (WHERE: a function, FILE:LINE or *ADDRESS)
#   usymbols [PROGRAM|on|off]
#                           whose user symbols gdb has: they follow the
#                           address space, so the running task's program
#   panicframe              after a panic: the trap frame, and the backtrace
#                           from the instruction that faulted
#
# Every user program is linked at the same address (0x40000000), so gdb can
# hold the symbols of one program at a time: those of the address space the
# CPU has (internal breakpoints on the loads of CR3 switch them, and
# hook-stop calls coop_follow() to make sure, before gdb says where it
# stopped). For the others, the commands read each program's symbol and
# line table, build/user/NAME.sym (scripts/symtab), the same text the
# kernel reads for its fault messages, and walk a task's stack through its
# own page tables, since the CPU's CR3 may be another program's.
#
# A frame unwinder takes `bt` through the trap path of kernel/trapentry.S
# into the code around it: the user code a trap came from, the scheduler
# loop, or, for a trap that struck the kernel (an interrupt while it idles,
# the fault behind a panic), the kernel code it interrupted.

import bisect
import os
import re
import struct
import subprocess

import gdb
import gdb.FrameDecorator
import gdb.unwinder

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# ------------------------------------------------------------ constants --


def _config():
    """The layout constants of kernel/config.h, read from it, so that they
    are written once."""
    want = ("PAGE_SIZE", "USER_BASE", "USER_STACKS", "USER_TOP", "USTACK_SLOT", "USTACK_GUARD")
    defs = {}
    with open(os.path.join(TOP, "kernel", "config.h")) as f:
        for line in f:
            m = re.match(r"#define\s+(\w+)\s+([^/]+)", line)
            if m:
                defs[m.group(1)] = m.group(2).strip()

    def value(name):
        text = re.sub(r"\b(0x[0-9a-fA-F]+|[0-9]+)u\b", r"\1", defs[name])
        text = re.sub(r"\b([A-Z_][A-Z0-9_]*)\b", lambda m: str(value(m.group(1))), text)
        return int(eval(text, {"__builtins__": {}}))

    return {name: value(name) for name in want}


CONFIG = _config()
USER_BASE = CONFIG["USER_BASE"]

# x86 facts (kernel/mmu.h).
CPL_MASK = 3
PTE_P, PTE_U, PTE_PS = 0x1, 0x4, 0x80
PUSH_EBP = 0x55  # the usual first byte of a function: push %ebp
T_SYSCALL, T_IRQ0, IRQ_COUNT = 0x80, 32, 16
WAIT_ANY = -1
TRAPFRAME_REGS = ("edi", "esi", "ebp", "esp_pushal", "ebx", "edx", "ecx", "eax",
                  "trapno", "err", "eip", "cs", "eflags", "esp", "ss")


# ------------------------------------------------------------- the build --


def build_dir():
    """The folder of the kernel gdb has loaded: it holds user/NAME."""
    kernel = gdb.current_progspace().filename
    return os.path.dirname(kernel) if kernel else os.path.join(TOP, "build")


def program_elf(name):
    return os.path.join(build_dir(), "user", name)


def is_program(name):
    return bool(name) and "/" not in name and os.path.isfile(program_elf(name))


class SymTab:
    """A program's table (kernel/ksyms.h has the format): its functions and
    its source lines by address, looked up as the kernel does."""

    def __init__(self, path):
        self.funcs, self.lines, self.names = [], [], {}
        self.code_end = None  # __text_end, where the linker scripts end the code
        try:
            with open(path) as f:
                for line in f:
                    parts = line.split()
                    if len(parts) < 2 or len(parts[0]) != 8:
                        continue
                    try:
                        addr = int(parts[0], 16)
                    except ValueError:
                        continue
                    if parts[1] != "L" and len(parts) > 2:
                        self.names.setdefault(parts[2], addr)
                    if len(parts) > 2 and parts[2] == "__text_end":
                        self.code_end = addr
                    elif parts[1] in ("T", "t") and len(parts) > 2:
                        self.funcs.append((addr, parts[2]))
                    elif parts[1] == "L":
                        self.lines.append((addr, parts[2] if len(parts) > 2 else ""))
        except OSError:
            pass
        self.func_addrs = [a for a, _ in self.funcs]
        self.line_addrs = [a for a, _ in self.lines]

    def function(self, addr):
        """(start, name) of the function containing addr, or None: also at
        or above __text_end (the rodata, the data, the stack), as the
        kernel's symtab_lookup says."""
        if self.code_end is not None and addr >= self.code_end:
            return None
        i = bisect.bisect_right(self.func_addrs, addr) - 1
        return self.funcs[i] if i >= 0 else None

    def where(self, addr):
        """'FUNC (FILE:LINE)', 'FUNC+0xOFF', or '' as the kernel prints it."""
        func = self.function(addr)
        if not func:
            return ""
        i = bisect.bisect_right(self.line_addrs, addr) - 1
        if i >= 0 and self.lines[i][1] and self.lines[i][0] >= func[0]:
            return "%s (%s)" % (func[1], self.lines[i][1])
        return "%s+0x%x" % (func[1], addr - func[0])


_symtabs = {}


def symtab(program):
    return symtab_file(program_elf(program) + ".sym")


def kernel_table():
    """The kernel's own table, build/coop.sym: with a user program's symbols
    loaded too, gdb's answer for a name could be the program's (both have a
    _start), and an unwinder may not evaluate expressions."""
    return symtab_file(os.path.join(build_dir(), "coop.sym"))


def kernel_function(pc):
    """(start, name) of the kernel function (or assembly label) at pc."""
    return kernel_table().function(pc) if pc < USER_BASE else None


def kernel_function_name(pc):
    func = kernel_function(pc)
    return func[1] if func else None


def symtab_file(path):
    try:
        stamp = os.stat(path).st_mtime
    except OSError:
        stamp = None
    cached = _symtabs.get(path)
    if not cached or cached[0] != stamp:
        cached = (stamp, SymTab(path))
        _symtabs[path] = cached
    return cached[1]


def where(program, addr):
    """'0xADDR in FUNC (FILE:LINE)', by program's table."""
    place = symtab(program).where(addr)
    return "0x%08x in %s" % (addr, place) if place else "0x%08x" % addr


# ------------------------------------------------------ the kernel's data --


def kernel(expr):
    return gdb.parse_and_eval(expr)


def task_type():
    return gdb.lookup_type("struct task")


def field_offset(type_, name):
    for f in type_.fields():
        if f.name == name:
            return f.bitpos // 8
    raise gdb.GdbError("no field %s in %s" % (name, type_))


def container_of(ptr, type_, member):
    return gdb.Value(int(ptr) - field_offset(type_, member)).cast(type_.pointer())


def list_entries(head, type_, member):
    """The records on the list at head (a struct list_node *)."""
    out, node, seen = [], head["next"], 0
    while int(node) != int(head) and seen < 100000:
        out.append(container_of(node, type_, member))
        node = node["next"]
        seen += 1
    return out


def ready_task():
    """The task at the ready ring's hand: the one running, or being handled."""
    hand = kernel("sched_ready_ring")
    return container_of(hand, task_type(), "link") if int(hand) else None


def all_tasks():
    """Every task that is not free, by id: each program's members (the tasks
    that have not ended), and the ended ones their parents keep."""
    procs = kernel("'kernel/process.c'::processes")
    procs.fetch_lazy()
    lo, hi = procs.type.range()
    tasks = {}
    for i in range(lo, hi + 1):
        p = procs[i]
        if int(p["pgdir"]):
            for t in list_entries(p["members"].address, task_type(), "member"):
                tasks[int(t["tid"])] = t
    for t in list(tasks.values()):
        for c in list_entries(t["children"].address, task_type(), "sibling"):
            if state_name(c) == "ended":
                tasks[int(c["tid"])] = c
    return [tasks[tid] for tid in sorted(tasks)]


def find_task(tid):
    for t in all_tasks():
        if int(t["tid"]) == tid:
            return t
    return None


def state_name(t):
    """The kernel's words for a state (kernel/task.c: state_name)."""
    name = str(t["state"]).replace("TASK_", "").lower()
    return "ended" if name == "zombie" else name


def program_of(t):
    return t["name"].string()


def cpu_in_user_mode():
    return int(kernel("$cs")) & CPL_MASK == CPL_MASK


def is_live(t, hand):
    """Is t on the CPU in user mode now (its trap frame is from before)?"""
    return hand is not None and int(t) == int(hand) and cpu_in_user_mode()


def registers(t, hand):
    """t's registers by name: the CPU's, if it is running in user mode now,
    else its trap frame's."""
    if is_live(t, hand):
        frame = gdb.newest_frame()
        regs = {r: int(frame.read_register(r)) & 0xFFFFFFFF
                for r in ("eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp", "eip",
                          "eflags", "cs", "ss")}
        return regs, True
    tf = t["tf"]
    return {r: int(tf[r]) & 0xFFFFFFFF for r in TRAPFRAME_REGS}, False


def enum_names(sample):
    """{value: name} of the enum the constant `sample` belongs to."""
    try:
        type_ = kernel(sample).type.strip_typedefs()
        return {int(f.enumval): f.name for f in type_.fields()}
    except gdb.error:
        return {}


def syscall_text(nr):
    """"system call 18 (poll)"; "system call 18 (poll, made again)" for a
    number with SYSCALL_AGAIN (lib/syscalls.h), which the kernel puts into
    the eax of a call it has the task make again."""
    try:
        again = int(kernel("SYSCALL_AGAIN"))
    except gdb.error:
        again = 0
    more = ""
    if again and nr & again:
        nr, more = nr & ~again, ", made again"
    name = enum_names("SYS_yield").get(nr)
    return "system call %d (%s%s)" % (nr, name[len("SYS_"):] if name else "?", more)


def syscall_number(name):
    for nr, n in enum_names("SYS_yield").items():
        if n == "SYS_" + name:
            return nr
    return -1


def exception_text(vector):
    try:
        table = kernel("'lib/exception.c'::exceptions")
        e = table[vector] if vector <= table.type.range()[1] else None
        if e is not None and int(e["name"]):
            return "%s (%s)" % (e["name"].string(), e["mnemonic"].string())
    except gdb.error:
        pass
    return "vector %d" % vector


# The system call a parked task is in, by what it waits for.
PARKED_CALLS = {"waiting": "wait", "sleeping": "sleep", "WAIT_CHAN_RECV": "recv",
                "WAIT_CHAN_READ": "read", "WAIT_CHAN_SEND": "send", "WAIT_CHAN_WRITE": "write",
                "WAIT_CHAN_SENDW": "sendrecv", "WAIT_CHAN_RECVW": "sendrecv",
                "WAIT_TTY_READ": "read", "WAIT_TTY_WRITE": "write", "WAIT_POLL": "poll"}


def trap_text(t, regs, handling):
    """What t's last trap was: a system call (which one: for a parked task,
    the one it waits in; for the task the kernel is handling, the number in
    eax, which the call's result replaces when it is done), an IRQ, or a CPU
    exception."""
    trapno = regs["trapno"]
    if trapno == T_SYSCALL:
        state = state_name(t)
        name = PARKED_CALLS.get(str(t["blocked"]["kind"]) if state == "blocked" else state)
        if name:
            return "system call %d (%s)" % (syscall_number(name), name)
        if handling:
            return syscall_text(regs["eax"])
        return "system call"
    if T_IRQ0 <= trapno < T_IRQ0 + IRQ_COUNT:
        return "IRQ %d" % (trapno - T_IRQ0)
    return exception_text(trapno)


def status_text(status):
    """lib/status.c's words: "exited with code 3", "killed", "faulted: ..."."""
    how = (status >> 8) & 3
    if how == 0:
        return "exited with code %d" % (status & 0xFF)
    if how == 1:
        return "killed"
    return "faulted: %s" % exception_text((status >> 16) & 0xFF)


def waits_text(t, by_tid=None):
    """What t waits for, in the words of task_wait_describe (kernel/task.c).
    by_tid: every task by id, if the caller has them already."""
    state = state_name(t)
    if state == "waiting":
        tid = int(t["wait_for"])
        if tid == WAIT_ANY:
            return "for any of its children"
        target = by_tid.get(tid) if by_tid is not None else find_task(tid)
        return "for task %d (%s)" % (tid, program_of(target) if target else "?")
    if state == "sleeping":
        ticks = int(kernel("'kernel/dev/timer.c'::ticks"))
        hz = int(kernel("'kernel/dev/timer.c'::hz")) or 1
        return "on the timer (%d ms left)" % ((int(t["sleep"]["key"]) - ticks) * 1000 // hz)
    if state == "blocked":
        kind = str(t["blocked"]["kind"])
        obj = t["blocked"]["obj"]
        if kind == "WAIT_NONE" or (kind != "WAIT_POLL" and not int(obj)):
            return ""
        if kind == "WAIT_POLL":
            timeout = ", with a timeout" if int(t["sleep"]["index"]) >= 0 else ""
            return "in poll on %d handles%s" % (int(t["tf"]["ecx"]), timeout)
        if kind.startswith("WAIT_TTY"):
            tty = obj.cast(gdb.lookup_type("struct tty").pointer())
            what = "input" if kind == "WAIT_TTY_READ" else "output"
            return "on %s %s" % (tty["name"].string(), what)
        ch = obj.cast(gdb.lookup_type("struct channel").pointer())
        receiving = ("WAIT_CHAN_RECV", "WAIT_CHAN_READ", "WAIT_CHAN_RECVW")
        what = "to receive" if kind in receiving else "to send"
        return "on channel %d, %s" % (int(ch["id"]), what)
    if state == "ended":
        return status_text(int(t["status"]))
    return ""


# --------------------------------------------- a task's memory and stack --


def read_u32(addr):
    return int.from_bytes(bytes(gdb.selected_inferior().read_memory(addr, 4)), "little")


def read_u8(addr):
    return bytes(gdb.selected_inferior().read_memory(addr, 1))[0]


def user_phys(pgdir, va):
    """The physical address of user address va in the address space whose
    page directory is at pgdir, or None if the user may not read it there.
    The kernel identity-maps physical memory in every address space, so gdb
    reads it whatever CR3 holds."""
    if not USER_BASE <= va < CONFIG["USER_TOP"]:
        return None
    pde = read_u32(pgdir + (va >> 22) * 4)
    if not pde & PTE_P or pde & PTE_PS:
        return None
    pte = read_u32((pde & ~0xFFF) + ((va >> 12) & 0x3FF) * 4)
    if pte & (PTE_P | PTE_U) != PTE_P | PTE_U:
        return None
    return (pte & ~0xFFF) | (va & 0xFFF)


def user_u32(pgdir, va):
    pa = user_phys(pgdir, va) if va % 4 == 0 else None
    return read_u32(pa) if pa is not None else None


def user_u8(pgdir, va):
    pa = user_phys(pgdir, va)
    return read_u8(pa) if pa is not None else None


def user_backtrace(t, regs, limit=16):
    """The addresses of t's user frames: its eip, then each caller's (the
    return address - 1, inside the call), the walk kernel/usyms.c makes."""
    program, pgdir = program_of(t), int(t["proc"]["pgdir"])
    table = symtab(program)
    frames = [regs["eip"]]
    # The innermost function may not have its frame yet, or none at all.
    func = table.function(regs["eip"])
    if func:
        first = user_u8(pgdir, func[0])
        offset, esp = regs["eip"] - func[0], regs["esp"]
        if first is not None and (offset == 0 or first != PUSH_EBP or offset == 1):
            ret = user_u32(pgdir, esp + 4 if offset == 1 and first == PUSH_EBP else esp)
            if ret and table.function(ret - 1):
                frames.append(ret - 1)
    top = CONFIG["USER_STACKS"] + (int(t["stack_slot"]) + 1) * CONFIG["USTACK_SLOT"]
    bottom = top - CONFIG["USTACK_SLOT"] + CONFIG["USTACK_GUARD"]
    ebp = regs["ebp"]
    while len(frames) < limit and bottom <= ebp <= top - 8 and ebp % 4 == 0:
        caller, ret = user_u32(pgdir, ebp), user_u32(pgdir, ebp + 4)
        if caller is None or not ret:
            break
        frames.append(ret - 1)
        if caller <= ebp:
            break
        ebp = caller
    return frames


def print_backtrace(t, regs, indent="  "):
    program = program_of(t)
    for i, addr in enumerate(user_backtrace(t, regs)):
        print("%s#%d %s" % (indent, i, where(program, addr)))


# ---------------------------------------------------------- the commands --


def task_where(t, hand):
    """Where t is in its program's code: its user eip, by its table."""
    if state_name(t) == "ended":
        return ""
    regs, _ = registers(t, hand)
    return where(program_of(t), regs["eip"])


class Tasks(gdb.Command):
    """List every task: id, program, process, parent, state, what it waits on, and where.
Usage: tasks [-b]
"where" is the task's user eip (where it trapped into the kernel, or, for
the task running in user mode, where it is now) named by its own program's
symbols (build/user/NAME.sym), whichever program's symbols gdb holds.
The task marked * is at the ready ring's hand: the one the CPU runs, or the
kernel handles. With -b, each task's user backtrace follows its line."""

    def __init__(self):
        super().__init__("tasks", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        if any(a != "-b" for a in args):
            raise gdb.GdbError("usage: tasks [-b]")
        hand = ready_task()
        tasks = all_tasks()
        by_tid = {int(t["tid"]): t for t in tasks}
        rows = []
        for t in tasks:
            parent = int(t["parent"]["tid"]) if int(t["parent"]) else 0
            mark = "*" if hand is not None and int(t) == int(hand) else " "
            rows.append((t, mark, str(int(t["tid"])), program_of(t), str(int(t["pid"])),
                         str(parent) if parent else "-", state_name(t), waits_text(t, by_tid),
                         task_where(t, hand)))
        if not rows:
            print("no tasks: the kernel has not started init yet")
            return
        head = ("id", "program", "pid", "parent", "state", "waits", "where (user eip)")
        numeric = (0, 2, 3)
        widths = [max([len(h)] + [len(r[2 + i]) for r in rows]) for i, h in enumerate(head)]

        def line(mark, cells):
            padded = [c.rjust(w) if i in numeric else c.ljust(w)
                      for i, (c, w) in enumerate(zip(cells, widths))]
            return ("%s %s" % (mark, "  ".join(padded))).rstrip()

        print(line(" ", head))
        for r in rows:
            print(line(r[1], r[2:]))
            if "-b" in args and r[6] != "ended":
                print_backtrace(r[0], registers(r[0], hand)[0], indent="      ")


class Task(gdb.Command):
    """Show one task: its saved registers and the backtrace of its user stack.
Usage: task N
The registers are its trap frame, saved in its record when it last trapped
into the kernel (or the CPU's own, if it is running in user mode now). The
backtrace walks its chain of saved frame pointers in its own address space,
through its page tables, and names each frame by its program's symbols.
Nothing is resumed."""

    def __init__(self):
        super().__init__("task", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        try:
            tid = int(arg.strip(), 0)
        except ValueError:
            raise gdb.GdbError("usage: task N (a task id, as tasks lists them)")
        t = find_task(tid)
        if t is None:
            raise gdb.GdbError("no task %d" % tid)
        hand = ready_task()
        state, waits = state_name(t), waits_text(t)
        parent = " (parent %d)" % int(t["parent"]["tid"]) if int(t["parent"]) else ""
        print("task %d (%s), pid %d%s: %s%s" % (tid, program_of(t), int(t["pid"]), parent, state,
                                                 " " + waits if waits else ""))
        if state == "ended":
            print("  it has ended: its program's memory may be gone, its registers mean nothing")
            return
        regs, live = registers(t, hand)
        if live:
            print("registers (the CPU's: it is running in user mode now):")
        else:
            handling = hand is not None and int(t) == int(hand)
            print("trap frame (saved at its last trap: %s):" % trap_text(t, regs, handling))
        order = [("eax", "ebx", "ecx", "edx"), ("esi", "edi", "ebp", "esp"),
                 ("eip", "eflags", "cs", "ss")]
        for row in order:
            print("  " + " ".join("%s=0x%08x" % (r, regs[r]) if r not in ("cs", "ss")
                                  else "%s=0x%04x" % (r, regs[r]) for r in row))
        if not live:
            print("  trapno=0x%x err=0x%x" % (regs["trapno"], regs["err"]))
        print("backtrace (user stack, %s's symbols):" % program_of(t))
        print_backtrace(t, regs)


def current_line(t, hand):
    state = state_name(t)
    head = "task %d (%s), %s" % (int(t["tid"]), program_of(t), state)
    regs, live = registers(t, hand)
    at = where(program_of(t), regs["eip"])
    if live:
        return "%s: in user mode at %s" % (head, at)
    code = kernel_function_name(int(kernel("$pc"))) or ""
    if code in ("task_enter", "trap_pop"):
        return "%s: being resumed at %s" % (head, at)
    if code == "fastpath_resume":
        return "%s: being resumed by sendrecv's fast path at %s" % (head, at)
    if code == "vector_fastcall" or code.startswith("fastpath_"):
        # kernel/fastpath.S: the hand moves on to the next task in the middle.
        return "%s: in sendrecv's fast path (kernel/fastpath.S), from %s" % (head, at)
    if code.startswith("vector") or code in ("trap_common", "back_to_scheduler"):
        # The CPU has saved eip, the rest of the frame is on its way.
        return "%s: trapping into the kernel from %s" % (head, at)
    if state == "running":
        return "%s: in the kernel, for its %s from %s" % (head, trap_text(t, regs, True), at)
    return "%s: at the ready ring's hand; it last trapped at %s" % (head, at)


def set_current(t):
    gdb.set_convenience_variable("current", t if t is not None else gdb.Value(0).cast(
        task_type().pointer()))


class Current(gdb.Command):
    """Print the task at the ready ring's hand: the one running, or being handled.
Usage: current [-v]
One line: its id, program, state, and where it is (in user mode) or what
the kernel is doing for it. With -v, its whole record. Either way the
record goes into gdb's value history ($, as in p/x $.tf) and $current
points at it (p $current->tf.eax)."""

    def __init__(self):
        super().__init__("current", gdb.COMMAND_STATUS)

    def invoke(self, arg, from_tty):
        if arg.strip() not in ("", "-v"):
            raise gdb.GdbError("usage: current [-v]")
        t = ready_task()
        set_current(t)
        if t is None:
            print("no task is ready: the kernel is idle, or has not started init yet")
            return
        gdb.add_history(t.dereference())
        if arg.strip() == "-v":
            gdb.execute("print *$current")
        else:
            print(current_line(t, t))


class TaskFunction(gdb.Function):
    """$task(N): the record of task N (a struct task *), or NULL: p $task(3)->tf."""

    def __init__(self):
        super().__init__("task")

    def invoke(self, tid):
        t = find_task(int(tid))
        return t if t is not None else gdb.Value(0).cast(task_type().pointer())


# ------------------------------------------ user symbols follow the task --


_following = True
_missing_said = set()


def user_objfiles():
    """The objfiles of user programs: every one but the kernel's."""
    kernel_file = gdb.current_progspace().filename
    return [o for o in gdb.objfiles() if o.is_valid() and o.filename != kernel_file]


def loaded_program():
    for o in user_objfiles():
        if os.path.dirname(o.filename) == os.path.join(build_dir(), "user"):
            return os.path.basename(o.filename)
    return None


def load_program(name, quiet=False):
    """Make name's symbols the user symbols gdb has (None: none at all).
    Returns whether anything changed."""
    path = os.path.abspath(program_elf(name)) if name else None
    if path and not os.path.isfile(path):
        if name not in _missing_said and not quiet:
            print("coop: no symbols for program %s (no %s)" % (name, program_elf(name)))
            _missing_said.add(name)
        path = None
    changed, kept = False, False
    for o in user_objfiles():
        if o.filename != path or kept:  # another program's, or a second copy
            gdb.execute("remove-symbol-file %s" % o.filename, to_string=True)
            changed = True
        else:
            kept = True
    if path and not kept:
        gdb.execute("add-symbol-file %s" % path, to_string=True)
        changed = True
    return changed


_pgdir_slots = {}  # page directory -> its slot in the process table, as last seen


def program_with_pgdir(pgdir):
    """The name of the program whose page directory is at pgdir, or None
    (the kernel's own, or a program gone). This runs at every stop and
    every switch of address space, so it reads one slot of the process
    table when it can, not all of it: gdb's time at a stop is the program's
    too (and QEMU steps less reliably after a long one)."""
    if not pgdir:
        return None
    procs = kernel("'kernel/process.c'::processes")
    slot = _pgdir_slots.get(pgdir)
    if slot is not None:
        p = procs[slot]
        p.fetch_lazy()
        if int(p["pgdir"]) == pgdir:
            return p["name"].string()
    procs.fetch_lazy()
    lo, hi = procs.type.range()
    _pgdir_slots.clear()
    for i in range(lo, hi + 1):
        if int(procs[i]["pgdir"]):
            _pgdir_slots[int(procs[i]["pgdir"])] = i
    slot = _pgdir_slots.get(pgdir)
    return procs[slot]["name"].string() if slot is not None else None


def current_program():
    """The program whose code the user addresses mean now: that of the
    address space loaded (the running task's in user mode; in the kernel,
    that of the task whose trap it handles), else that of the task at the
    ready ring's hand. Also returns that task, if it is the program's."""
    t = ready_task()
    program = program_with_pgdir(int(kernel("vm_current_pgdir")))
    if program is None and t is not None:
        program = program_of(t)
    return program, t if t is not None and program_of(t) == program else None


_shown = None  # the program whose symbols the last stop announced


def follow():
    """Make the user symbols those of the program whose address space the
    CPU has (or, with none, the task at the ready ring's hand's), and say so
    if they changed since gdb last stopped."""
    global _shown
    ensure_switch_breakpoints()
    program, t = current_program()
    if program:
        load_program(program)
    name = loaded_program()
    if name and name != _shown:
        t = t if t is not None else ready_task()
        print("coop: now using %s's symbols%s" % (
            name, " (task %d)" % int(t["tid"]) if t is not None and program_of(t) == name else ""))
    _shown = name


def coop_follow():
    """Called by hook-stop, before gdb says where it stopped: point $current
    at the running task and make sure the user symbols are its program's
    (the switch breakpoints below have mostly seen to it already)."""
    try:
        set_current(ready_task())
        if _following:
            follow()
    except gdb.error:
        pass  # no kernel symbols, or no target: nothing to follow


def on_stop(event):
    """After gdb has said where it stopped: bt's fault lines, if the kernel
    is panicking and a fault is on the stack."""
    try:
        panicking = bool(kernel("'kernel/panic.c'::panicking"))
        in_kernel = not cpu_in_user_mode()
        fault_filter.enabled = panicking and in_kernel and fault_filter.fault_on_stack()
    except gdb.error:
        pass


class SwitchBreakpoint(gdb.Breakpoint):
    """An internal breakpoint on an instruction that loads CR3 (vm_switch,
    kernel/vm.h, inlined in the scheduler loops and elsewhere): the address
    space changes, and so do the user symbols, there and then, while the
    program runs on. Loading them at the stop the student sees would make
    gdb set every breakpoint again under the stop it is reporting, and one
    with several locations (sys_yield, in both scheduler loops) would no
    longer know which of them was hit."""

    REGS = ("eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi")

    def __init__(self, addr, reg):
        super().__init__("*0x%x" % addr, internal=True)
        self.silent, self.reg = True, reg

    def stop(self):
        try:
            pgdir = int(gdb.newest_frame().read_register(self.REGS[self.reg])) & 0xFFFFFFFF
            program = program_with_pgdir(pgdir)
            if program and _following:
                load_program(program, quiet=True)
        except gdb.error:
            pass
        return False


_switch_breakpoints = None


def cr3_loads(elf):
    """(address, source register) of every `mov %reg, %cr3` in the kernel's
    code, read from its ELF file: 0f 22, then a ModRM byte of 11 011 reg."""
    with open(elf, "rb") as f:
        data = f.read()
    shoff, = struct.unpack_from("<I", data, 0x20)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x2E)
    out = []
    for i in range(shnum):
        _, _, flags, addr, offset, size = struct.unpack_from("<6I", data, shoff + i * shentsize)
        if flags & 0x4 and addr:  # SHF_EXECINSTR
            code = data[offset:offset + size]
            for m in re.finditer(rb"\x0f\x22[\xd8-\xdf]", code):
                out.append((addr + m.start(), code[m.start() + 2] & 7))
    return out


def ensure_switch_breakpoints():
    global _switch_breakpoints
    if _switch_breakpoints is None:
        kernel_file = gdb.current_progspace().filename
        if not kernel_file:
            return
        _switch_breakpoints = [SwitchBreakpoint(a, r) for a, r in cr3_loads(kernel_file)]
    for b in _switch_breakpoints:
        b.enabled = _following


class USymbols(gdb.Command):
    """Show or choose the user program whose symbols gdb has.
Usage: usymbols [PROGRAM | on | off]
Every program is linked at 0x40000000, so gdb holds one program's symbols
at a time: those of the address space the CPU has, which is the running
task's program in user mode and, in the kernel, that of the task whose trap
it handles. They change when the scheduler switches address spaces (an
internal breakpoint on each load of CR3): the previous program's are
removed with remove-symbol-file, the new ones added with add-symbol-file,
and at the next stop gdb says "coop: now using NAME's symbols". usymbols
PROGRAM loads PROGRAM's now and stops following; usymbols on follows
again, usymbols off stops."""

    def __init__(self):
        super().__init__("usymbols", gdb.COMMAND_FILES)

    def invoke(self, arg, from_tty):
        global _following
        arg = arg.strip()
        if arg == "on":
            _following = True
            follow()
        elif arg == "off":
            _following = False
            ensure_switch_breakpoints()
        elif arg:
            if not is_program(arg):
                raise gdb.GdbError("no program %s (no %s)" % (arg, program_elf(arg)))
            _following = False
            ensure_switch_breakpoints()
            load_program(arg)
        name = loaded_program()
        print("user symbols: %s; %s" % (
            "%s's (%s)" % (name, program_elf(name)) if name else "none",
            "they follow the running task" if _following
            else "fixed (usymbols on: follow the running task)"))


# -------------------------------------------------------------- ubreak --


_ubreaks = {}


class UserBreakpoint(gdb.Breakpoint):
    """A breakpoint at an address of one program: it stops only when that
    program runs there, not when another does (every program is linked at
    the same address)."""

    def __init__(self, program, spec, addr, file, line):
        super().__init__("*0x%x" % addr)
        self.program, self.spec, self.addr, self.file, self.line = program, spec, addr, file, line
        _ubreaks[self.number] = self

    # The registers that stopped it last; see stop().
    last_regs = None
    REGS = ("eip", "esp", "ebp", "eax", "ebx", "ecx", "edx", "esi", "edi", "eflags")

    def stop(self):
        try:
            if current_program()[0] != self.program:
                return False
            frame = gdb.newest_frame()
            regs = tuple(int(frame.read_register(r)) for r in self.REGS)
        except gdb.error:
            return True
        # QEMU, asked to step off a breakpoint, now and then reports the
        # step done without having run the instruction (under load, more
        # often), and gdb then sees the same breakpoint hit again: the very
        # registers of the last stop here say so. Go on instead, once (a loop
        # that comes back with every register the same stops the next time).
        if regs == UserBreakpoint.last_regs:
            UserBreakpoint.last_regs = None
            return False
        UserBreakpoint.last_regs = regs
        return True


def _forget_ubreak(bp):
    _ubreaks.pop(bp.number, None)


gdb.events.breakpoint_deleted.connect(_forget_ubreak)


def split_spec(text):
    """PROGRAM:WHERE into (program, where): without a program (WHERE alone,
    or FILE:LINE whose FILE is no program), the running task's."""
    program, sep, rest = text.partition(":")
    if sep and is_program(program):
        return program, rest
    looks_like_a_program = not re.search(r"[./*]", program)
    if sep and program and looks_like_a_program:
        raise gdb.GdbError("no program %s (no %s)" % (program, program_elf(program)))
    name = current_program()[0]
    if not name:
        raise gdb.GdbError("which program? ubreak PROGRAM:WHERE (no task runs yet)")
    return name, text


# What a gdb of its own, with only the program's ELF, prints for each place
# `break SPEC` would stop at: "ADDRESS FILE LINE".
RESOLVER = ("import os; b = gdb.Breakpoint(os.environ['COOP_SPEC'], internal=True); "
            "[print('%x %s %d' % (l.address, *(l.source or ('', 0)))) for l in b.locations]")


def resolve(program, spec):
    """[(address, file, line)] where `break spec` would stop in program's
    code. A gdb of its own finds them: loading the program's symbols here,
    even for a moment, would make this gdb set every breakpoint again under
    the stop it is at (see SwitchBreakpoint)."""
    run = subprocess.run(["gdb", "-q", "-nx", "-batch", "-ex", "file " + program_elf(program),
                          "-ex", "python " + RESOLVER],
                         env=dict(os.environ, COOP_SPEC=spec), capture_output=True, text=True)
    places = []
    for line in run.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and int(parts[0], 16) >= USER_BASE:
            places.append((int(parts[0], 16), re.sub(r"^\./", "", parts[1]), int(parts[2])))
    if not places:
        said = run.stderr.strip().splitlines()
        raise gdb.GdbError("no %s in %s%s" % (spec, program, ": " + said[-1] if said else ""))
    return places


_made = []


def _make_ubreak(program, spec, addr, file, line):
    _made.append(UserBreakpoint(program, spec, addr, file, line))


class UBreak(gdb.Command):
    """Set a breakpoint that stops only in one user program.
Usage: ubreak PROGRAM:FUNCTION | PROGRAM:FILE:LINE | PROGRAM:*ADDRESS
       ubreak WHERE      (in the running task's program)
       ubreak            (list them)
Every program is linked at 0x40000000, so an ordinary breakpoint in one
program also stops another that runs the same address. ubreak finds WHERE
in PROGRAM's symbols (as break would, prologue and all) and stops only when
it is PROGRAM's code that runs there (its address space is the one loaded).
delete, disable and condition work on it as on any breakpoint."""

    def __init__(self):
        super().__init__("ubreak", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        arg = arg.strip()
        if not arg:
            self.list()
            return
        program, spec = split_spec(arg)
        if not is_program(program):
            raise gdb.GdbError("no program %s (no %s)" % (program, program_elf(program)))
        for addr, file, line in resolve(program, spec):
            # Made quietly: gdb would name the place by the symbols it has,
            # which may be another program's.
            make = "python _make_ubreak(%r, %r, %d, %r, %d)" % (program, spec, addr, file, line)
            gdb.execute(make, to_string=True)
            bp = _made.pop()
            at = ": file %s, line %d" % (file, line) if line else ""
            print("Breakpoint %d at 0x%x%s." % (bp.number, addr, at))
            print("  (ubreak %d: it stops only when %s runs there)" % (bp.number, program))

    def list(self):
        live = [b for n, b in sorted(_ubreaks.items()) if b.is_valid()]
        if not live:
            print("no ubreaks")
            return
        for b in live:
            func = symtab(b.program).function(b.addr)
            place = " in %s" % func[1] if func else ""
            if b.line:
                place += " at %s:%d" % (b.file, b.line)
            print("%-3d %s:%s, 0x%08x%s, hit %d time%s%s" % (
                b.number, b.program, b.spec, b.addr, place, b.hit_count,
                "" if b.hit_count == 1 else "s", "" if b.enabled else " (disabled)"))


# ---------------------------------------------------- panics and traps --


class TrapUnwinder(gdb.unwinder.Unwinder):
    """Unwinds the trap path's assembly (kernel/trapentry.S), so that bt,
    at any instruction of it, goes on into the code around it:
    - on the way in from user mode (a vector stub, trap_common, the start of
      back_to_scheduler: the stack is the trap frame in the task record),
      the caller is the user code, at the eip and esp the CPU saved there;
      so too in sendrecv's fast path (kernel/fastpath.S), whose frame is
      first the caller's, then, once it has switched, the next task's;
    - in trap_common's call of trap_kernel (a trap that struck the kernel:
      the frame is on the kernel stack, its address the call's argument),
      the caller is the kernel code it interrupted, with every register
      the frame holds: after a panic, the instruction that faulted;
    - in back_to_scheduler and task_enter, on the kernel stack, and in
      task_enter once the stack is the task's trap frame, the caller is the
      scheduler loop (task_run), whose place sched_esp keeps.
    It reads memory only: an unwinder may not evaluate expressions."""

    class FrameId:
        def __init__(self, sp, pc):
            self.sp, self.pc = sp, pc

    OP_PUSH_EBP, OP_POP_EBP, OP_RET = 0x55, 0x5D, 0xC3

    def __init__(self):
        super().__init__("coop trap frame")

    def __call__(self, pending):
        pc = int(pending.read_register("eip")) & 0xFFFFFFFF
        func = kernel_function(pc)
        if not func:
            return None
        name, start = func[1], func[0]
        sp = int(pending.read_register("esp")) & 0xFFFFFFFF
        tf = self.hand_trapframe()
        fastpath = name.startswith("fastpath_")
        if fastpath and name != "fastpath_resume":
            # kernel/fastpath.S moves the ready ring's hand on before it
            # leaves the caller's frame: until popal, the frame is at %esp.
            tf = sp
        on_frame = tf is not None and tf <= sp <= tf + 4 * len(TRAPFRAME_REGS)
        if name == "trap_common" and read_u32(sp) == sp + 4:
            return self.kernel_trap(pending, sp, start)
        if (name.startswith("vector") or fastpath
                or name in ("trap_common", "back_to_scheduler")):
            if on_frame and read_u32(tf + 4 * TRAPFRAME_REGS.index("cs")) & CPL_MASK:
                # Once pushal has run (%esp at the frame's start), %ebp is
                # the frame's: the fast path uses the register, and may go
                # on to back_to_scheduler (fastpath_slow) with it changed.
                return self.user_caller(pending, tf, start, fastpath or sp == tf)
        if name in ("back_to_scheduler", "task_enter", "trap_pop"):
            if on_frame:
                saved = kernel_table().names.get("sched_esp")
                return self.loop_caller(pending, read_u32(saved), start) if saved else None
            if name != "trap_pop":
                return self.loop_caller_at(pending, pc, sp, start)
        return None

    @staticmethod
    def value(x):
        return gdb.Value(x & 0xFFFFFFFF).cast(gdb.lookup_type("unsigned int"))

    @staticmethod
    def hand_trapframe():
        """The address of the trap frame of the task at the ready ring's hand."""
        ring = kernel_table().names.get("sched_ready_ring")
        node = read_u32(ring) if ring else 0
        if not node:
            return None
        return node - field_offset(task_type(), "link") + field_offset(task_type(), "tf")

    def info(self, pending, sp, start, regs):
        info = pending.create_unwind_info(self.FrameId(self.value(sp), self.value(start)))
        for reg, v in regs.items():
            info.add_saved_register(reg, self.value(v) if isinstance(v, int) else v)
        return info

    def kernel_trap(self, pending, sp, start):
        tf = sp + 4
        regs = {reg: read_u32(tf + 4 * i) for i, reg in enumerate(TRAPFRAME_REGS)
                if reg in ("eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "eip", "eflags")}
        # From the kernel, the CPU pushed no esp: the stack it interrupted
        # goes on where the frame ends (just past eflags).
        regs["esp"] = tf + 4 * TRAPFRAME_REGS.index("esp")
        return self.info(pending, sp, start, regs)

    def user_caller(self, pending, tf, start, ebp_saved=False):
        """The user code that trapped; its %ebp still in the register (on
        the way in, before pushal), or (`ebp_saved`) in the frame pushal
        wrote: the fast path uses the register, and its slow way goes on
        to back_to_scheduler with the register changed."""
        regs = {reg: read_u32(tf + 4 * TRAPFRAME_REGS.index(reg))
                for reg in ("eip", "esp", "eflags") + (("ebp",) if ebp_saved else ())}
        if not ebp_saved:
            regs["ebp"] = pending.read_register("ebp")
        return self.info(pending, tf + 4 * len(TRAPFRAME_REGS), start, regs)

    def loop_caller(self, pending, frame, start):
        """The loop's frame: task_enter pushed its %ebp below the return address."""
        regs = {"eip": read_u32(frame + 4), "ebp": read_u32(frame), "esp": frame + 8}
        return self.info(pending, frame + 8, start, regs)

    def loop_caller_at(self, pending, pc, sp, start):
        op = read_u8(pc)
        if op in (self.OP_PUSH_EBP, self.OP_RET):  # %ebp still the loop's
            regs = {"eip": read_u32(sp), "esp": sp + 4, "ebp": pending.read_register("ebp")}
            return self.info(pending, sp + 4, start, regs)
        return self.loop_caller(pending, sp, start)  # the loop's %ebp on top


class Named(gdb.FrameDecorator.FrameDecorator):
    """A frame as gdb prints it, "??" for a function it cannot name (gdb's
    printing of filtered frames would leave it blank)."""

    def function(self):
        name = self.inferior_frame().name()
        return name if name else "??"


class FaultLine(Named):
    """A frame a CPU exception interrupted: its pc is the instruction that
    faulted, not a return address, so its line is that of pc itself (gdb
    looks up pc - 1 in a frame an unwinder made)."""

    def line(self):
        return gdb.find_pc_line(self.inferior_frame().pc()).line

    def filename(self):
        sal = gdb.find_pc_line(self.inferior_frame().pc())
        return sal.symtab.filename if sal.symtab else super().filename()


class TrapFrameFilter:
    """bt's frames, the one after a trap that a fault caused (in trap_common's
    call of trap_kernel) with its line named by FaultLine. On only while
    such a trap is on the stack (on_stop decides): gdb prints the frames of
    a filter itself, a little differently from its own bt."""

    def __init__(self):
        self.name, self.priority, self.enabled = "coop fault lines", 100, False
        gdb.frame_filters[self.name] = self

    def fault_on_stack(self):
        frame, depth = gdb.newest_frame(), 0
        while frame is not None and depth < 64:
            if self.faulted_below(frame):
                return True
            frame, depth = frame.older(), depth + 1
        return False

    @staticmethod
    def faulted_below(frame):
        if kernel_function_name(frame.pc()) != "trap_common":
            return False
        sp = int(frame.read_register("esp")) & 0xFFFFFFFF
        trapno = sp + 4 + 4 * TRAPFRAME_REGS.index("trapno")
        return read_u32(sp) == sp + 4 and read_u32(trapno) < T_IRQ0

    def filter(self, frames):
        fault = False
        for decorator in frames:
            yield FaultLine(decorator) if fault else Named(decorator)
            frame = decorator.inferior_frame()
            fault = frame.is_valid() and self.faulted_below(frame)


def panic_trapframe():
    """The trap frame of the trap that struck the kernel, from the frame of
    trap_common in the stack gdb unwinds (the unwinder above)."""
    f = gdb.newest_frame()
    while f is not None:
        if kernel_function_name(f.pc()) == "trap_common":
            sp = int(f.read_register("esp")) & 0xFFFFFFFF
            return read_u32(sp), f.older()
        f = f.older()
    return None, None


class PanicFrame(gdb.Command):
    """After a panic of a CPU exception: its trap frame, and the backtrace from the fault.
Usage: panicframe
Boot with panic=halt (make debug ARGS="panic=halt kfault=page"), continue,
and interrupt gdb (Ctrl-C) once coop says it has halted. bt shows the same
frames after panic_trap's, through the trap."""

    def __init__(self):
        super().__init__("panicframe", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        tf, older = panic_trapframe()
        if tf is None:
            raise gdb.GdbError("no trap frame on the kernel stack: this is no panic of a CPU "
                               "exception (a panic() or ASSERT: bt shows where)")
        frame = gdb.Value(tf).cast(gdb.lookup_type("struct trapframe").pointer()).dereference()
        regs = {r: int(frame[r]) & 0xFFFFFFFF for r in TRAPFRAME_REGS}
        print("trap frame at 0x%08x: %s, error code 0x%x, in the kernel"
              % (tf, exception_text(regs["trapno"]), regs["err"]))
        order = [("eax", "ebx", "ecx", "edx"), ("esi", "edi", "ebp", "eip")]
        for row in order:
            print("  " + " ".join("%s=0x%08x" % (r, regs[r]) for r in row))
        print("  esp=0x%08x cs=0x%04x eflags=0x%08x" % (
            tf + 4 * TRAPFRAME_REGS.index("esp"), regs["cs"], regs["eflags"]))
        print("backtrace from the faulting instruction:")
        n = 0
        while older is not None:
            # The first frame's pc is the faulting instruction itself.
            sal = gdb.find_pc_line(older.pc()) if n == 0 else older.find_sal()
            name = older.name() or "??"
            at = " at %s:%d" % (sal.symtab.filename, sal.line) if sal.symtab else ""
            print("#%-2d 0x%08x in %s ()%s" % (n, older.pc(), name, at))
            older = older.older()
            n += 1


# ------------------------------------------------------------- start-up --

Tasks()
Task()
Current()
TaskFunction()
USymbols()
UBreak()
PanicFrame()
gdb.unwinder.register_unwinder(None, TrapUnwinder(), replace=True)
fault_filter = TrapFrameFilter()
gdb.events.stop.connect(on_stop)
