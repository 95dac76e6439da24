/* tests/boot/t_pipeline_preempt.c: tests/boot/t_pipeline.c under
 * sched=preempt, where the timer may take the CPU from a stage between any
 * two instructions: still every message arrives once, in order. */
// boot-args: sched=preempt quantum=1
#include "tests/boot/t_pipeline.c"
