/* tests/boot/t_exit.c: exit(status) ends only the calling task, with
 * STATUS_EXIT(status & 0xff), and never returns; returning from main or from
 * a spawned function is exit; a program's other tasks go on after its main
 * has returned, and its memory is freed when its last task ends.
 *
 * In "child" mode this is the program whose main returns first: it leaves a
 * task behind that sleeps a little and then ends. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define SURVIVOR_MS 100
#define POLL_MS     10

static volatile int after_exit;

static int exit_with(void *code)
{
    exit((int)(intptr_t)code);
    after_exit = 1; /* never reached */
    return 0;
}

static int return_with(void *code)
{
    return (int)(intptr_t)code;
}

/* Spawn fn(code), wait, return the status. */
static int status_of(int (*fn)(void *), int code)
{
    int status = -1;
    wait(spawn(fn, (void *)(intptr_t)code), &status);
    return status;
}

static int survivor(void *arg)
{
    (void)arg;
    sleep(SURVIVOR_MS);
    return 0;
}

/* Ends the task that runs it, without waiting: its siblings go on. */
static int spawns_and_exits(void *arg)
{
    *(volatile int *)arg = spawn(survivor, NULL);
    exit(0);
}

static unsigned tasks_alive(void)
{
    struct sysinfo info;
    sysinfo(&info);
    return info.tasks_alive;
}

static unsigned pages_free(void)
{
    struct sysinfo info;
    sysinfo(&info);
    return info.pages_free;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        spawn(survivor, NULL);
        return 5; /* main ends; the survivor sleeps on */
    }

    tap_plan(13);
    tap_is(status_of(exit_with, 3), STATUS_EXIT(3), "exit(3): exited with code 3");
    tap_is(after_exit, 0, "exit does not return");
    tap_is(status_of(exit_with, 0x105), STATUS_EXIT(5), "exit(0x105): only the low byte, 5");
    tap_is(status_of(exit_with, -1), STATUS_EXIT(255), "exit(-1): 255");
    tap_is(status_of(return_with, 9), STATUS_EXIT(9), "returning 9 from fn is exit(9)");
    tap_ok(WIFEXITED(STATUS_EXIT(9)) && WEXITSTATUS(STATUS_EXIT(9)) == 9,
           "WIFEXITED and WEXITSTATUS read it back");

    /* A task that exits leaves its program and its siblings alone. */
    volatile int orphan = 0;
    int parent = spawn(spawns_and_exits, (void *)&orphan);
    int status;
    wait(parent, &status);
    tap_ok(WIFEXITED(status) && orphan > 0, "a task exited after spawning another");
    tap_is(wait(orphan, &status), orphan, "its child went on, and ends normally");

    /* A program whose main returns while another of its tasks still runs. */
    unsigned alive = tasks_alive(), pages = pages_free();
    char *args[] = {"t_exit", "child", NULL};
    int child = spawnv("t_exit", args);
    wait(child, &status);
    tap_is(status, STATUS_EXIT(5), "the child program's main returned 5");
    tap_is(tasks_alive(), alive + 1, "its other task still runs");
    tap_ok(pages_free() < pages, "and the program still holds its memory");
    while (tasks_alive() > alive)
        sleep(POLL_MS);
    tap_is(tasks_alive(), alive, "then its last task ended");
    tap_is(pages_free(), pages, "and all the program's memory was freed");
    return tap_done();
}
