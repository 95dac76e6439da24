/* kernel/program.h: starting a program from the initrd in a new address
 * space: the spawnv() system call, and init. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

struct task;
struct spawn_opts;

/* program_is_executable: would program_spawn start the program whose file
 * is `image`, `size` bytes (a valid ELF file, all of it in user memory)? */
bool program_is_executable(const void *image, uint32_t size);

/* program_spawn: load program `path` from the initrd into a new process and
 * make its first task ready, running main(argc, argv) with copies of the
 * argv strings. `parent` is the spawning task (NULL for init). `opts` (may
 * be NULL) says which of the parent's handles the program gets and which
 * job it joins (lib/syscalls.h, struct spawn_opts), and has been checked:
 * every handle it names is open in the parent, its job exists. Without it
 * the program gets the parent's handles 0, 1 and 2 (init: the console) and
 * the parent's job (init: a job of its own). Returns the new task's id, or
 * -ENOENT, -ENOEXEC, -E2BIG, -EAGAIN or -ENOMEM. */
int program_spawn(const char *path, int argc, char *const argv[], struct task *parent,
                  const struct spawn_opts *opts);
