/* kernel/program.h: starting a program from the initrd in a new address
 * space: the spawnv() system call, and init. */
#pragma once

struct task;

/* program_spawn: load program `path` from the initrd into a new process and
 * make its first task ready, running main(argc, argv) with copies of the
 * argv strings. `parent` is the spawning task (NULL for init). Returns the new
 * task's id, or -ENOENT, -ENOEXEC, -E2BIG, -EAGAIN or -ENOMEM. */
int program_spawn(const char *path, int argc, char *const argv[], struct task *parent);
