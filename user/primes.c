/* user/primes.c: the prime sieve of CSP (Hoare's "Communicating Sequential
 * Processes", 1978, and Go's tour), one task per prime, joined by channels:
 *
 *   generator --2,3,4,5,...--> filter 2 --3,5,7,9,...--> filter 3 --5,7,11,...--> main
 *
 * The generator sends 2, 3, 4, ... into the first channel. Whatever comes
 * out of the last channel is a prime: no filter before it divided it. main
 * prints it, and puts a new filter for it at the end of the pipeline, a task
 * that passes on, into a channel of its own, the numbers that prime does not
 * divide. After N primes main closes its end of the last channel. The last
 * filter's next send fails (-EPIPE: no receiver), so it ends and closes its
 * own input, and so on back up the pipeline to the generator: the pipeline
 * shuts down from its far end. main waits for every task.
 *
 *   primes [N]       the first N primes (default DEFAULT_PRIMES) */
#include "user/lib/coop.h"

#define DEFAULT_PRIMES 20
#define MAX_PRIMES     200 /* a channel each, two handles: 400 and the console's fit in HANDLE_MAX */
#define CAPACITY       0   /* rendezvous channels, as in CSP: a send waits for its receiver */
#define FIRST          2   /* the generator's first number */
#define TEXT_MAX       64  /* why a filter ends, in words */

/* A filter task: its prime, its input's receive end, its output's send end. */
struct filter {
    int prime;
    int in, out;
};

static struct filter filters[MAX_PRIMES];

/* The generator: FIRST, FIRST + 1, ... into the channel whose send end is
 * `arg`, until nobody receives any more. */
static int generator(void *arg)
{
    int out = (int)(intptr_t)arg, n = FIRST, err;
    while ((err = send(out, &n, sizeof n)) == sizeof n)
        n++;
    printf("  generator (task %d): sent %d to %d; sending %d: %s (%s), so it ends\n", gettid(),
           FIRST, n - 1, n, strerror(err), errno_name(err));
    close(out);
    return err == -EPIPE ? 0 : 1;
}

/* A filter: pass on every number its prime does not divide, until its
 * output has no receiver (or its input ends); then close both ends. */
static int filter(void *arg)
{
    const struct filter *f = arg;
    int n, got, sent = 0, passed = 0, dropped = 0;
    while ((got = recv(f->in, &n, sizeof n)) == sizeof n) {
        if (n % f->prime == 0) {
            dropped++;
        } else if ((sent = send(f->out, &n, sizeof n)) == sizeof n) {
            passed++;
        } else {
            break;
        }
    }
    char why[TEXT_MAX];
    if (got == sizeof n)
        snprintf(why, sizeof why, "passing %d on: %s (%s)", n, strerror(sent), errno_name(sent));
    else
        snprintf(why, sizeof why, "its input: %s", got == 0 ? "end of stream" : strerror(got));
    printf("  filter %d (task %d): passed %d, dropped %d; %s, so it ends\n", f->prime, gettid(),
           passed, dropped, why);
    close(f->in);
    close(f->out);
    return got == 0 || sent == -EPIPE ? 0 : 1;
}

/* Put a filter for prime `p` behind the channel whose receive end is *in,
 * into a new channel: *in becomes that one's receive end. Returns the
 * filter's task id, or an error (and *in is as it was). */
static int add_filter(struct filter *f, int p, int *in)
{
    int ends[2], err = chan(CAPACITY, ends);
    if (err < 0)
        return err;
    *f = (struct filter){.prime = p, .in = *in, .out = ends[CHAN_SEND_END]};
    int tid = spawn(filter, f);
    if (tid < 0) {
        close(ends[CHAN_RECV_END]);
        close(ends[CHAN_SEND_END]);
        return tid;
    }
    *in = ends[CHAN_RECV_END];
    return tid;
}

/* Wait for `count` tasks. Returns how many ended badly. */
static int wait_all(int count)
{
    int bad = 0;
    while (count-- > 0) {
        int status;
        if (wait(WAIT_ANY, &status) < 0 || status != STATUS_EXIT(0))
            bad++;
    }
    return bad;
}

/* Take `count` primes from the pipeline whose far end is *in, printing
 * each, and add a filter for each but the last. *in is the far end's
 * receive end again, *tasks counts the filters. Returns 0, or an error. */
static int sieve(int count, int *in, int *tasks)
{
    for (int i = 1; i <= count; i++) {
        int p, got = recv(*in, &p, sizeof p);
        if (got != sizeof p)
            return got < 0 ? got : -EPIPE;
        if (i == count) {
            printf("prime %2d: %3d\n", i, p);
            break;
        }
        int tid = add_filter(&filters[i - 1], p, in);
        if (tid < 0)
            return tid;
        (*tasks)++;
        printf("prime %2d: %3d, and a filter for it: task %d\n", i, p, tid);
    }
    return 0;
}

/* Start the generator into a new channel. Returns its task id and the
 * channel's receive end in *in, or an error. */
static int start_generator(int *in)
{
    int ends[2], err = chan(CAPACITY, ends);
    if (err < 0)
        return err;
    int tid = spawn(generator, (void *)(intptr_t)ends[CHAN_SEND_END]);
    if (tid < 0) {
        close(ends[CHAN_RECV_END]);
        close(ends[CHAN_SEND_END]);
        return tid;
    }
    *in = ends[CHAN_RECV_END];
    return tid;
}

int main(int argc, char **argv)
{
    int count = argc > 1 ? atoi(argv[1]) : DEFAULT_PRIMES;
    if (argc > 2 || count < 1 || count > MAX_PRIMES) {
        printf("usage: primes [N], N from 1 to %d (default %d)\n", MAX_PRIMES, DEFAULT_PRIMES);
        return 2;
    }
    printf("primes: the first %d primes, by a pipeline of filter tasks joined by channels\n",
           count);
    int in, tid = start_generator(&in);
    if (tid < 0) {
        printf("primes: cannot start the generator: %s\n", strerror(tid));
        return 1;
    }
    printf("primes: the generator (task %d) sends %d, %d, %d, ... into the first channel\n", tid,
           FIRST, FIRST + 1, FIRST + 2);
    int tasks = 1, err = sieve(count, &in, &tasks);
    if (err < 0)
        printf("primes: %s\n", strerror(err));
    /* The shutdown, whether the sieve got through or not: with no
     * receiver at the far end, every task ends in turn. */
    printf("primes: main closes its end of the last channel\n");
    close(in);
    if (wait_all(tasks) > 0 || err < 0) {
        printf("primes: something went wrong\n");
        return 1;
    }
    printf("primes: every task has ended: the generator and %d filters\n", tasks - 1);
    return 0;
}
