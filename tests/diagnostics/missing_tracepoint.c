// expect: 2:1
TRACEPOINT_PROBE(no_such_category, no_such_event)
{
    return 0;
}
