/* tests/progs/gdbtasks.c: tasks in known states, for gdb's coop commands
 * (tests/gdb-tasks.t, and the session in docs/gdb.md). main spawns one task
 * for each way of waiting, yields to let them run, then starts the program
 * countdown and waits for it; by the time countdown runs, every task here
 * has settled:
 *
 *     task 1  main      waiting for task 7 (countdown)
 *     task 2  receiver  blocked on channel 1, to receive (nobody sends)
 *     task 3  sender    blocked on channel 2, to send (nobody receives)
 *     task 4  sleeper   sleeping, on the timer for a minute
 *     task 5  reader    blocked on console input
 *     task 6  quitter   ended: exited with code 3, not collected yet
 *
 * When countdown ends, main ends the others and exits 0. */
#include "user/lib/coop.h"

#define SLEEP_MS  60000
#define QUIT_CODE 3

static int ends1[2], ends2[2];

static int receiver(void *arg)
{
    (void)arg;
    char msg[16];
    return recv(ends1[CHAN_RECV_END], msg, sizeof msg); /* nobody ever sends */
}

static int sender(void *arg)
{
    (void)arg;
    return send(ends2[CHAN_SEND_END], "hello", 5); /* a rendezvous, and nobody receives */
}

static int sleeper(void *arg)
{
    (void)arg;
    sleep(SLEEP_MS); /* not `return sleep(...)`: gcc would jump to it, and this frame would go */
    return 0;
}

static int reader(void *arg)
{
    (void)arg;
    char c;
    return read(FD_STDIN, &c, 1);
}

static int quitter(void *arg)
{
    (void)arg;
    return QUIT_CODE;
}

int main(void)
{
    printf("gdbtasks: tasks that wait in every way, then countdown\n");
    if (chan(4, ends1) < 0 || chan(0, ends2) < 0) {
        printf("gdbtasks: chan failed\n");
        return 1;
    }
    int (*const fns[])(void *) = {receiver, sender, sleeper, reader, quitter};
    int tids[5];
    for (int i = 0; i < 5; i++)
        tids[i] = spawn(fns[i], NULL);
    yield(); /* the others run, each until it waits, and then main goes on */
    char *argv[] = {"countdown", "2", NULL};
    int child = spawnv("countdown", argv);
    int status;
    wait(child, &status);
    for (int i = 0; i < 4; i++)
        kill(tids[i]);
    wait(tids[4], &status);
    printf("gdbtasks: done\n");
    return 0;
}
