# tests/unit/unit.mk: the host unit tests, included by the top-level Makefile.
#
# tests/unit/test_NAME.c becomes $(BUILD)/unit/test_NAME, linked with the
# sources listed for it below and with cmocka. Everything is compiled with
# $(HOSTCC) $(HOST_CFLAGS): the host's compiler, under ASan and UBSan. To add a
# test: add NAME to UNIT_TESTS and a unit_NAME_SRCS line.

UNIT := $(BUILD)/unit

UNIT_TESTS := string fmt cmdline list heap ustar elf errno_status_exception ksyms options malloc \
	timer page bootinfo bitmap fifo linedisc kbd shparse
UNIT_BINS  := $(addprefix $(UNIT)/test_,$(UNIT_TESTS))

# The code each test runs, besides its own test_NAME.c. lib/string.c's
# functions have the host libc's names, so its test links a renamed copy
# (coop_memcpy, ...): lib/string_renamed.c is no file, see the rule for its
# object below. kernel/bootinfo.c calls strlcpy, which the host libc may lack:
# its test links a copy that calls the renamed lib/string.c.
unit_string_SRCS                 := lib/string_renamed.c
unit_fmt_SRCS                    := lib/fmt.c
unit_cmdline_SRCS                := lib/cmdline.c
unit_list_SRCS                   :=
unit_heap_SRCS                   := lib/heap.c
unit_ustar_SRCS                  := lib/ustar.c
unit_elf_SRCS                    := lib/elf.c
unit_errno_status_exception_SRCS := lib/errno.c lib/status.c lib/exception.c lib/fmt.c
unit_ksyms_SRCS                  := kernel/ksyms.c tests/unit/kprintf_capture.c
unit_options_SRCS                := kernel/options.c lib/cmdline.c lib/fmt.c tests/unit/kprintf_capture.c
unit_malloc_SRCS                 := user/lib/malloc_renamed.c
unit_timer_SRCS                  := kernel/dev/timer.c
unit_page_SRCS                   := kernel/page.c
unit_bootinfo_SRCS               := kernel/bootinfo_renamed.c lib/string_renamed.c \
                                    tests/unit/kprintf_capture.c
unit_bitmap_SRCS                 := lib/bitmap.c
unit_fifo_SRCS                   := lib/fifo.c
unit_linedisc_SRCS               := lib/linedisc.c lib/fifo.c
unit_kbd_SRCS                    := lib/kbd.c
unit_shparse_SRCS                := user/lib/shparse.c

unit_obj = $(patsubst %.c,$(UNIT)/%.o,$(1))

# One line per test: the binary depends on its objects (the recipe is below).
$(foreach t,$(UNIT_TESTS),$(eval \
	$(UNIT)/test_$(t): $(call unit_obj,tests/unit/test_$(t).c $(unit_$(t)_SRCS))))

$(UNIT_BINS):
	$(say) HOSTLD $@
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LDLIBS)

$(UNIT)/%.o: %.c $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	$(say) HOSTCC $<
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -MMD -MP -c -o $@ $<

# lib/string.c again, with every function renamed by a forced include.
$(UNIT)/lib/string_renamed.o: lib/string.c tests/unit/string_rename.h $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	$(say) HOSTCC "$< (renamed)"
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -include tests/unit/string_rename.h -MMD -MP -c -o $@ $<

# kernel/bootinfo.c calling coop_strlcpy, coop_strcmp, ... (the same forced include).
$(UNIT)/kernel/bootinfo_renamed.o: kernel/bootinfo.c tests/unit/string_rename.h $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	$(say) HOSTCC "$< (renamed)"
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -include tests/unit/string_rename.h -MMD -MP -c -o $@ $<

# user/lib/malloc.c with malloc/free/calloc/realloc renamed (coop_malloc, ...)
# and its sbrk and yield pointed at the test's fakes by a forced include.
$(UNIT)/user/lib/malloc_renamed.o: user/lib/malloc.c tests/unit/malloc_rename.h $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	$(say) HOSTCC "$< (renamed)"
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -include tests/unit/malloc_rename.h -MMD -MP -c -o $@ $<

# test_ustar also reads a real archive made by tar (its contents are listed in
# tests/unit/test_ustar.c). It is made from "." so that tar stores the names as
# "./hello" and adds directory entries, as a careless initrd would.
UNIT_USTAR_FIXTURE := $(abspath $(UNIT))/fixture.tar
# A path longer than ustar's 100-char name field: tar splits it into prefix and name.
UNIT_LONG_DIR := a-directory-with-a-long-name/and-another-one-inside-it
UNIT_LONG_DIR := $(UNIT_LONG_DIR)/so-that-the-path-needs/ustars-prefix

$(UNIT)/tests/unit/test_ustar.o: HOST_CFLAGS += -DUSTAR_FIXTURE='"$(UNIT_USTAR_FIXTURE)"' \
	-DUSTAR_LONG_DIR='"$(UNIT_LONG_DIR)"'
$(UNIT)/tests/unit/test_ustar.o: tests/unit/unit.mk
$(UNIT)/test_ustar: | $(UNIT_USTAR_FIXTURE)

$(UNIT_USTAR_FIXTURE): tests/unit/unit.mk
	$(say) TAR $(UNIT)/$(notdir $@)
	$(Q)rm -rf $(UNIT)/fixture && mkdir -p $(UNIT)/fixture/$(UNIT_LONG_DIR)
	$(Q)printf 'hello, world\n' > $(UNIT)/fixture/hello
	$(Q): > $(UNIT)/fixture/empty
	$(Q)head -c 512 /dev/zero | tr '\0' 'b' > $(UNIT)/fixture/block
	$(Q)printf 'deep\n' > $(UNIT)/fixture/$(UNIT_LONG_DIR)/file.txt
	$(Q)tar --format=ustar --owner=0 --group=0 --numeric-owner --mtime=@0 --sort=name \
		-cf $@ -C $(UNIT)/fixture .

-include $(shell find $(UNIT) -name '*.d' 2>/dev/null)
