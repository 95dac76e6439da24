# Makefile: build, run, test and debug coop. `make help` lists the targets.
#
# Everything built lands in build/. The kernel and user programs are 32-bit
# freestanding code built by Debian's gcc with -m32 (or an i686 cross gcc when
# one is installed; TOOLPREFIX=i686-elf- picks one by hand). lib/ is compiled
# once for i386 (shared by kernel and user programs) and once more for the host,
# where the unit tests run it under AddressSanitizer and UBSan.

BUILD ?= build
# The kernel command line (make run ARGS="init=countdown"), and more flags for
# QEMU (make run QEMUEXTRA="-m 512M"): every target that starts QEMU takes both.
ARGS ?=
QEMUEXTRA ?=

# sh_quote: $(1) in single quotes, for a recipe's shell to pass on as one
# word, whatever quotes or blanks it holds.
sh_quote = '$(subst ','\'',$(1))'

# value_stamp FILE,VALUE: keep VALUE in FILE, rewritten (and so made newer)
# only when VALUE changes, so that a target depending on FILE is made again
# when, and only when, VALUE changes (build/coop.iso on ARGS, build/gdbinit
# on GDBPORT). Done while the Makefile is read, like the flags stamp below: a
# rule would not do, since .SECONDARY (at the end) lets make skip remaking a
# prerequisite whose targets are otherwise up to date.
value_stamp = $(shell mkdir -p $(dir $(1)) && printf '%s\n' $(call sh_quote,$(2)) >$(1).$$$$ && \
	{ cmp -s $(1).$$$$ $(1) && rm -f $(1).$$$$ || mv -f $(1).$$$$ $(1); })

# Quiet by default ("  CC kernel/main.c"); `make V=1` shows every command.
ifeq ($(V),1)
Q :=
say := @true
else
Q := @
say := @printf '  %-6s %s\n'
endif

# ---------------------------------------------------------------- toolchain --
ifndef TOOLPREFIX
TOOLPREFIX := $(shell for p in i686-linux-gnu- i686-elf- i386-elf-; do \
	command -v $${p}gcc >/dev/null 2>&1 && { echo $$p; exit; }; done)
endif
CC      := $(TOOLPREFIX)gcc
OBJDUMP := $(TOOLPREFIX)objdump
NM      := $(TOOLPREFIX)nm
READELF := $(TOOLPREFIX)readelf
HOSTCC  ?= gcc

# OPT: how the kernel and programs are optimized. -O2, the default, is what
# runs and is measured; `make debug OPT=-Og` is a debug build, in which gdb
# can show the scheduler's `task` and the handlers' arguments that -O2 leaves
# <optimized out>. The flags stamp below makes a changed OPT rebuild
# everything, and the default again rebuilds it back.
OPT ?= -O2

# -mgeneral-regs-only: coop saves no FPU/SSE state, so no code may use it.
# -fno-reorder-blocks-and-partition: each function stays in one piece (no
# "kmain.cold" split off), so backtraces and the listing name the function.
# -fstack-clash-protection: a function whose frame is bigger than a page
# touches it a page at a time, top down, so that a user task's stack that
# overflows always hits its guard page first, never jumps over it into the
# stack of the task below (tests/boot/t_faults.c).
# -mtune=generic -falign-jumps=1 -falign-loops=1 -falign-labels=1: no padding
# no-ops inside functions (-march=i686 alone tunes for the Pentium Pro, which
# pads before jumps). They clutter the listing a student reads, and under
# icount (make bench) a no-op costs as much as any other instruction.
CFLAGS := -m32 -march=i686 -mtune=generic -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
	-fno-omit-frame-pointer -mgeneral-regs-only -fno-asynchronous-unwind-tables -fstack-clash-protection \
	-fno-delete-null-pointer-checks -fno-reorder-blocks-and-partition -falign-jumps=1 -falign-loops=1 -falign-labels=1 \
	-std=gnu11 $(OPT) -g -Wall -Wextra -Werror -I.
ASFLAGS := -m32 -g -I. -Wa,--divide
LDFLAGS := -m32 -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-z,noexecstack \
	-Wl,--no-warn-rwx-segments
LIBGCC = $(shell $(CC) -m32 -print-libgcc-file-name)

HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -I. -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all
HOST_LDLIBS := -lcmocka

# ------------------------------------------------------------------ sources --
LIB_SRCS    := $(wildcard lib/*.c)
KERNEL_SRCS := $(wildcard kernel/*.c) $(wildcard kernel/dev/*.c) $(wildcard kernel/*.S) $(wildcard boot/*.S)
ULIB_SRCS   := $(wildcard user/lib/*.c) $(wildcard user/lib/*.S)
# Every user/*.c, tests/boot/*.c (a booted test) and tests/progs/*.c (a
# program the booted tests start) is a program of its own in the initrd.
PROG_SRCS   := $(wildcard user/*.c) $(wildcard tests/boot/*.c) $(wildcard tests/progs/*.c)
PROGS       := $(sort $(basename $(notdir $(PROG_SRCS))))
# Every file in user/files/ goes into the initrd as it is (data, not programs).
DATA_FILES  := $(sort $(notdir $(wildcard user/files/*)))

obj = $(patsubst %,$(BUILD)/obj/%.o,$(basename $(1)))
LIB_OBJS    := $(call obj,$(LIB_SRCS))
KERNEL_OBJS := $(call obj,$(KERNEL_SRCS))
ULIB_OBJS   := $(call obj,$(ULIB_SRCS))
PROG_BINS   := $(addprefix $(BUILD)/user/,$(PROGS))
PROG_SYMS   := $(addsuffix .sym,$(PROG_BINS))

KERNEL := $(BUILD)/coop.elf
INITRD := $(BUILD)/initrd.tar
ISO    := $(BUILD)/coop.iso

.PHONY: all kernel programs run run-vga iso run-iso debug gdb trace timelines record replay test \
	unit bench doctor deps format check-format clean help
.DEFAULT_GOAL := all

## all: build the kernel and the initrd (the default)
all: $(KERNEL) $(INITRD)

kernel: $(KERNEL)
programs: $(INITRD)

# Every object depends on the flags it is built with: the stamp's name is a
# digest of them, so a changed flag (in this file, or CFLAGS=... on the command
# line) makes a new, newer stamp, and everything is built again. (Made while
# the Makefile is read: .SECONDARY below would let make skip a missing one.)
# It holds the compiler and its flags: scripts/bench says what made its numbers.
FLAGS_STAMP := $(BUILD)/flags-$(shell echo '$(CC) $(CFLAGS) $(ASFLAGS) $(HOSTCC) $(HOST_CFLAGS)' \
	| cksum | cut -d' ' -f1)
$(shell [ -f $(FLAGS_STAMP) ] || { mkdir -p $(BUILD) && rm -f $(BUILD)/flags-* && \
	echo '$(CC) $(CFLAGS)' >$(FLAGS_STAMP); })

# Before the first object is built, the toolchain: a plain `make` on a fresh
# machine installs what it lacks, or says what to install, instead of failing
# at the first link for want of gcc-multilib's 32-bit libgcc. The stamp is named
# like the flags stamp, so another compiler is checked again.
TOOLCHAIN_STAMP := $(patsubst $(BUILD)/flags-%,$(BUILD)/toolchain-%,$(FLAGS_STAMP))
$(TOOLCHAIN_STAMP):
	@scripts/deps.sh build
	@touch $@
$(KERNEL) $(BUILD)/user/libcoop.a: | $(TOOLCHAIN_STAMP)

# Compile rules: one object per source, with header dependencies tracked.
define compile_c
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<
endef
$(BUILD)/obj/%.o: %.c $(FLAGS_STAMP) | $(TOOLCHAIN_STAMP)
	$(compile_c)

$(BUILD)/obj/%.o: %.S $(FLAGS_STAMP) | $(TOOLCHAIN_STAMP)
	@mkdir -p $(dir $@)
	$(say) AS $<
	$(Q)$(CC) $(ASFLAGS) -MMD -MP -c -o $@ $<

# The kernel, its disassembly listing and its symbol file (nm -n order). The
# symbol file is also loaded as a boot module so that the kernel can name the
# functions in its own panic backtraces.
$(KERNEL): $(KERNEL_OBJS) $(LIB_OBJS) boot/kernel.ld
	$(say) LD $@
	$(Q)$(CC) $(LDFLAGS) -T boot/kernel.ld -o $@ $(KERNEL_OBJS) $(LIB_OBJS) $(LIBGCC)
	$(say) LIST "$(BUILD)/coop.asm $(BUILD)/coop.sym"
	$(Q)$(OBJDUMP) -d -S -l --no-show-raw-insn $@ > $(BUILD)/coop.asm
	$(Q)$(NM) -n $@ > $(BUILD)/coop.sym

# User programs: crt0 and the runtime library, then one ELF per program.
$(BUILD)/user/libcoop.a: $(ULIB_OBJS) $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(say) AR $@
	$(Q)rm -f $@ && ar rcs $@ $^

# The link of every user program. scripts/link-user runs the command and, if
# it fails for want of the routines gcc calls for float and double (which coop
# programs cannot use), says so in one line.
define link_user
	$(say) LD $@
	$(Q)scripts/link-user $(CC) $(LDFLAGS) -T user/user.ld -o $@ $< $(BUILD)/user/libcoop.a $(LIBGCC)
endef
$(BUILD)/user/%: $(BUILD)/obj/user/%.o $(BUILD)/user/libcoop.a user/user.ld
	$(link_user)

$(BUILD)/user/%: $(BUILD)/obj/tests/boot/%.o $(BUILD)/user/libcoop.a user/user.ld
	$(link_user)

# A C file put in $(BUILD)/samples/ by a test (the docs' code samples,
# tests/docs.t; a program using double, tests/float.t), compiled and linked
# exactly as user/*.c: NAME.o from NAME.c, the program NAME.elf from NAME.o.
$(BUILD)/samples/%.o: $(BUILD)/samples/%.c $(FLAGS_STAMP)
	$(compile_c)

$(BUILD)/samples/%.elf: $(BUILD)/samples/%.o $(BUILD)/user/libcoop.a user/user.ld
	$(link_user)

$(BUILD)/user/%: $(BUILD)/obj/tests/progs/%.o $(BUILD)/user/libcoop.a user/user.ld
	$(say) LD $@
	$(Q)$(CC) $(LDFLAGS) -T user/user.ld -o $@ $< $(BUILD)/user/libcoop.a $(LIBGCC)

# Each program's symbol and line table, NAME.sym (scripts/symtab says what is
# in it): in the initrd beside the program, so that the kernel's fault
# messages name a function and line; gdb's coop commands (scripts/coop-gdb.py)
# read it too.
$(BUILD)/user/%.sym: $(BUILD)/user/% scripts/symtab
	$(say) SYMTAB $@
	$(Q)scripts/symtab $(NM) $(READELF) $< > $@.tmp && mv -f $@.tmp $@

# Crafted ELF files for tests/boot/t_badelf.c: variants of a good program,
# tests/progs/elfprobe, with one odd segment each, made by the host tool
# tests/elf/craft.c. They go into the initrd beside the programs.
CRAFT       := $(BUILD)/host/craft
CRAFTED     := $(BUILD)/crafted
CRAFT_STAMP := $(CRAFTED)/.made

$(CRAFT): tests/elf/craft.c lib/elf.h $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	$(say) HOSTCC $<
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $<

$(CRAFT_STAMP): $(CRAFT) $(BUILD)/user/elfprobe
	$(say) CRAFT "$(CRAFTED)/"
	$(Q)rm -rf $(CRAFTED) && mkdir -p $(CRAFTED) && $(CRAFT) $(BUILD)/user/elfprobe $(CRAFTED)
	@touch $@

# The initrd: a ustar archive of every program and data file, loaded as a
# multiboot module. The symbol tables go last: looking a program up reads the
# archive from the start, and they are only read when something faults.
$(INITRD): $(PROG_BINS) $(PROG_SYMS) $(addprefix user/files/,$(DATA_FILES)) $(CRAFT_STAMP)
	$(say) TAR "$@ ($(words $(PROGS)) programs, $(words $(DATA_FILES)) data files, crafted ELF files, symbol tables)"
	$(Q)tar --format=ustar --owner=0 --group=0 --numeric-owner --mtime=@0 \
		-cf $@ -C $(BUILD)/user $(PROGS) -C $(CURDIR)/user/files $(DATA_FILES) \
		-C $(abspath $(CRAFTED)) $$(cd $(CRAFTED) && ls) \
		-C $(abspath $(BUILD)/user) $(notdir $(PROG_SYMS))

# ------------------------------------------------------------------ running --
deps:
	@scripts/deps.sh build run

# What every QEMU target passes to scripts/qemu, quoted so that ARGS and
# QEMUEXTRA reach it as they are (it rejects what the kernel cannot take).
QEMU_OPTS = --args $(call sh_quote,$(ARGS)) --extra $(call sh_quote,$(QEMUEXTRA))

## run: boot coop in QEMU, console in this terminal (ARGS="...": kernel command line)
run: deps all
	@scripts/qemu $(QEMU_OPTS)

## run-vga: the same, in a VGA window
run-vga: deps all
	@scripts/deps.sh vga
	@scripts/qemu --vga $(QEMU_OPTS)

## iso: build a GRUB rescue ISO, build/coop.iso, with ARGS in its grub.cfg
iso: $(ISO)
# $(ISO).args holds the ARGS in the ISO's grub.cfg: a new ARGS, a new ISO.
$(call value_stamp,$(ISO).args,$(ARGS))
$(ISO): $(KERNEL) $(INITRD) scripts/mkiso scripts/lib.sh $(ISO).args
	@scripts/deps.sh iso
	@scripts/mkiso $@ $(call sh_quote,$(ARGS))

## run-iso: boot that ISO
run-iso: deps $(ISO)
	@scripts/qemu --iso $(ISO) --extra $(call sh_quote,$(QEMUEXTRA))

# gdb: `make debug` in one terminal, `make gdb` in another. The port comes from
# the user id so that two students on one machine do not collide.
GDBPORT ?= $(shell echo $$(( $$(id -u) % 5000 + 25000 )))
# GDBINIT: gdb's start-up file for make gdb (tests make their own elsewhere).
GDBINIT := $(BUILD)/gdbinit

## debug: start QEMU paused, waiting for gdb (then 'make gdb' in another terminal); OPT=-Og: a debug build
debug: deps all $(GDBINIT)
	@scripts/qemu --gdb $(GDBPORT) $(QEMU_OPTS)

## gdb: attach gdb to 'make debug', with the kernel's symbols and coop's commands (tasks, ubreak, ...)
gdb: $(GDBINIT)
	@scripts/deps.sh gdb
	@scripts/gdb $(GDBPORT) $(GDBINIT)

# Time travel (docs/timetravel.md): make record boots as make run does and
# records the run into $(BUILD)/recording/, which make replay plays back, the
# same to the byte; with GDB=1 it waits for make gdb, which can go backwards.

## record: boot as make run does, recording the run into build/recording/ for make replay (Ctrl-C stops it)
record: deps all
	@scripts/deps.sh replay
	@scripts/record $(QEMU_OPTS)

## replay: play the last make record back, identically; GDB=1: paused, for make gdb (forwards and backwards)
replay: $(GDBINIT)
	@scripts/deps.sh replay
	@scripts/replay $(if $(filter 1,$(GDB)),--gdb $(GDBPORT))

# $(GDBINIT).args holds the port, kernel and folder written into it.
$(call value_stamp,$(GDBINIT).args,$(GDBPORT) $(KERNEL) $(CURDIR))
$(GDBINIT): scripts/gdbinit.in $(GDBINIT).args
	@mkdir -p $(dir $@)
	@sed -e 's|@KERNEL@|$(KERNEL)|g' -e 's|@PORT@|$(GDBPORT)|g' -e 's|@SCRIPTS@|$(CURDIR)/scripts|g' \
		$< > $@

# ------------------------------------------------------------------ editors --
# compile_commands.json: how every C file is compiled, for clangd (VS Code's
# clangd extension, or any editor's) to find its headers and flags. Made
# from the flags above, so nothing needs building first; made again when
# they change, or the list of files does.
CDB_FILES      := $(filter %.c,$(KERNEL_SRCS) $(LIB_SRCS) $(ULIB_SRCS) $(PROG_SRCS))
CDB_HOST_FILES := $(sort $(wildcard tests/unit/*.c)) tests/elf/craft.c
# The one file with flags of its own (tests/unit/unit.mk).
CDB_EXTRA       = tests/unit/test_ustar.c -DUSTAR_FIXTURE="$(UNIT_USTAR_FIXTURE)" \
	-DUSTAR_LONG_DIR="$(UNIT_LONG_DIR)"
$(call value_stamp,$(BUILD)/compile_commands.args,$(CDB_FILES) $(CDB_HOST_FILES))

## compile_commands.json: every C file's compile command, for clangd in an editor
compile_commands.json: Makefile tests/unit/unit.mk scripts/compile-commands $(FLAGS_STAMP) \
		$(BUILD)/compile_commands.args
	$(say) GEN $@
	$(Q)scripts/compile-commands $(call sh_quote,$(CURDIR)) $(call sh_quote,$(abspath $(BUILD))) \
		$(call sh_quote,$(CC)) $(call sh_quote,$(CFLAGS)) $(call sh_quote,$(HOSTCC)) \
		$(call sh_quote,$(HOST_CFLAGS)) $(call sh_quote,$(CDB_FILES)) \
		$(call sh_quote,$(CDB_HOST_FILES)) $(call sh_quote,$(CDB_EXTRA)) > $@.tmp && mv -f $@.tmp $@

# ------------------------------------------------------------------ tracing --
# The scheduler's recorder (docs/tracing.md): scripts/trace boots with
# `trace` added to ARGS, under QEMU's -icount (a timeline that is the same on
# every run; TRACE_ICOUNT=0: wall-clock time instead), and converts what the
# kernel writes out at power-off into $(TRACE_OUT).json and .svg.
TRACE_ICOUNT ?= 1
TRACE_OUT ?= $(BUILD)/trace

## trace: boot with the scheduler's recorder on (ARGS as for run); writes build/trace.json and .svg
trace: deps all
	@scripts/deps.sh trace
	@scripts/trace $(if $(filter 0,$(TRACE_ICOUNT)),--wall) --out $(call sh_quote,$(TRACE_OUT)) \
		$(QEMU_OPTS)

## timelines: redraw docs/timelines/*.svg: user/fetch.c three ways, countdown
timelines: deps all
	@scripts/deps.sh trace
	@scripts/timelines

# ------------------------------------------------------------------ testing --
# Host unit tests: tests/unit/test_NAME.c links against the lib/ and kernel/
# sources it names in tests/unit/unit.mk.
include tests/unit/unit.mk

## unit: build the host unit tests
unit: $(UNIT_BINS)

# Everything, aggregated by prove: unit tests, booted tests (one per
# tests/boot/*.c program), and the scripted tests in tests/*.t.
ALL_TESTS := $(UNIT_BINS) $(sort $(wildcard tests/boot/*.c)) $(sort $(wildcard tests/*.t))
# T="NAME...": only these, each found by its path or its name without the
# folder and .c or .t: t_yield (tests/boot/t_yield.c), test_heap (a unit
# test), demos (tests/demos.t).
test_named = $(or $(filter $(1),$(ALL_TESTS)),$(filter %/$(1) %/$(1).c %/$(1).t,$(ALL_TESTS)),\
	$(error coop: no test named '$(1)': T= takes a booted test (t_yield), a unit test \
	(test_heap) or a scripted test (demos), as listed in tests/boot/, tests/unit/ and tests/))
TESTS = $(if $(T),$(foreach t,$(T),$(call test_named,$(t))),$(ALL_TESTS))

## test: build and run every test (unit, booted, scripted); T="NAME...": only those
test:
	@scripts/deps.sh build run iso gdb unit format trace replay
	@$(MAKE) --no-print-directory all unit $(GDBINIT)
ifeq ($(T),)
	@scripts/check-syscalls
	@$(MAKE) --no-print-directory check-format
endif
	@prove -j$$(nproc) $(if $(filter 1,$(V)),-v) --exec scripts/run-test $(TESTS)

## bench: count guest instructions per kernel operation (docs/performance.md)
bench: deps all
	@scripts/bench
# The numbers are those of the -O2 build: a debug build (OPT=-Og) would
# measure something else, so it is refused before anything is built.
ifneq ($(filter bench,$(MAKECMDGOALS)),)
ifneq ($(OPT),-O2)
$(error coop: make bench measures the -O2 build, and OPT=$(OPT) makes another (a debug build, for gdb): run make bench without OPT)
endif
endif

## doctor: check every tool coop needs, with versions
doctor:
	@scripts/doctor

# Every C file of ours (found, not asked of git: a copy without .git works too).
C_FILES = $(shell find boot kernel lib user tests -name '*.[ch]' | sort)

## format: apply .clang-format to every C file
format:
	$(say) FORMAT "$(words $(C_FILES)) C files"
	$(Q)clang-format -i $(C_FILES)

## check-format: fail if any C file is not formatted (make test runs it)
check-format:
	@clang-format --dry-run -Werror $(C_FILES) || \
		{ echo "coop: some C files are not formatted: run 'make format'" >&2; exit 1; }

## clean: remove build/
clean:
	rm -rf $(BUILD)

## help: this list
help:
	@sed -n 's/^## //p' Makefile

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
# Keep every intermediate file (objects between a source and its program, the
# samples' objects): make would delete them after each build otherwise. It
# also means a prerequisite that is no file (a FORCE target) forces nothing:
# hence the stamps above.
.SECONDARY:
