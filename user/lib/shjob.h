/* user/lib/shjob.h: the shell's jobs (user/sh.c). A job is one command
 * line's programs, joined by channels into a pipeline and started in one
 * kernel job, so that Ctrl-C ends all of them together. The shell waits for
 * a foreground job with it as the console's foreground; a background job
 * goes into a table that `jobs`, `wait` and `kill` work on, and whose ended
 * jobs are reported before each prompt. docs/shell.md tells the whole story. */
#pragma once
#include <stdbool.h>
#include "user/lib/shparse.h"

#define SH_JOBS_MAX 8  /* background jobs at once */
#define SH_NAME_MAX 64 /* a program's name and its NUL (spawnv takes up to 63) */

struct sh_job {
    int id;     /* the kernel's job number, its first program's task id; 0: none */
    int nprogs; /* programs started */
    int tids[SH_CMDS_MAX];
    int status[SH_CMDS_MAX]; /* how each ended (lib/status.h), once ended[i] */
    bool ended[SH_CMDS_MAX];
    char names[SH_CMDS_MAX][SH_NAME_MAX];
    char line[SH_LINE_MAX + 1]; /* the command line, for `jobs` */
};

/* sh_job_start: start the commands of *p as a pipeline: command i's output
 * (handle 1) is a channel that command i + 1 reads as its handle 0; the
 * first reads the shell's handle 0, or nothing for a background job (an
 * empty channel: end of input at once), and the last writes to the shell's
 * handle 1. All of them get the shell's handle 2. The shell closes its
 * copies of every channel end once the program that needs it has started,
 * so that a reader sees end of stream when its writer ends. Fills *job (its
 * line from `line`) and returns 0, or prints why not and returns the error:
 * then nothing of the pipeline is left running. */
int sh_job_start(const struct sh_pipeline *p, const char *line, struct sh_job *job);

/* sh_job_wait: wait until every program of the job has ended, with the job
 * as the console's foreground, so that Ctrl-C ends it; the foreground is
 * none (0) again afterwards, so that Ctrl-C at the prompt ends nothing.
 * With `announce`, say so ("[5] waiting: sleep 5000") once the job is the
 * foreground. */
void sh_job_wait(struct sh_job *job, bool announce);

/* sh_job_report: print a line, after `prefix`, for each program of an
 * ended job that did not exit with 0 ("hog: killed"). Returns the job's
 * exit code: its last program's, or 1 if that one did not exit. */
int sh_job_report(const struct sh_job *job, const char *prefix);

/* sh_jobs_add: a free slot in the background table for a job, or NULL if
 * all SH_JOBS_MAX are in use. The slot is taken once its id is set. */
struct sh_job *sh_jobs_add(void);

/* sh_jobs_find: the background job numbered `id`; NULL if none. */
struct sh_job *sh_jobs_find(int id);

/* sh_jobs_update: collect the programs of background jobs that have ended
 * since the last look, without waiting for any that has not. */
void sh_jobs_update(void);

/* sh_jobs_done: report every background job that has ended ("[5] done:
 * sleep 300", after the lines of sh_job_report) and free its slot; with
 * `running`, also list those still running ("[6] running: spin"). Returns
 * how many jobs it printed. */
int sh_jobs_done(bool running);

/* sh_jobs_wait: wait for background job `job` in the foreground
 * (sh_job_wait, announced unless it has ended already), report it and free
 * its slot. */
void sh_jobs_wait(struct sh_job *job);

/* sh_jobs_each: call fn on every background job, in the table's order. */
void sh_jobs_each(void (*fn)(struct sh_job *job));

/* sh_task_list: every task the kernel has (tasks()), in a buffer of the
 * shell's that grows to fit; *n is how many. NULL if tasks() fails or there
 * is no memory. The list stays valid until the next call. */
struct task_info *sh_task_list(int *n);

/* sh_job_kill: kill every program of the job that has not ended. Returns 0,
 * or the first error kill() returned. */
int sh_job_kill(struct sh_job *job);
