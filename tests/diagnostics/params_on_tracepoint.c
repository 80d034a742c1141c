// expect: 2:5
int tracepoint__sched__sched_switch(struct tracepoint__sched__sched_switch *args, int extra)
{
    return extra;
}
