# Adapted from BCC's bcc/utils.py, Copyright 2016 Catalysts GmbH,
# Licensed under the Apache License, Version 2.0.
"""`bcc.utils`: printb, ArgString, CPU lists and the other helpers BCC tools import."""
import os
import re
import sys
import traceback
import warnings


def _read_cpu_range(path):
    cpus = []
    with open(path, 'r') as f:
        cpus_range_str = f.read()
        for cpu_range in cpus_range_str.split(','):
            rangeop = cpu_range.find('-')
            if rangeop == -1:
                cpus.append(int(cpu_range))
            else:
                start = int(cpu_range[:rangeop])
                end = int(cpu_range[rangeop + 1:])
                cpus.extend(range(start, end + 1))
    return cpus


def get_online_cpus():
    return _read_cpu_range('/sys/devices/system/cpu/online')


def get_possible_cpus():
    return _read_cpu_range('/sys/devices/system/cpu/possible')


_LANGUAGES = ["java", "node", "perl", "php", "python", "ruby"]
_LANG_LIBS = {"libjvm.so": "java", "libnode.so": "node", "libperl.so": "perl",
              "libphp": "php", "libpython": "python", "libruby": "ruby"}


def _procutils_language(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            argv0 = f.read().split(b"\0")[0].decode(errors="replace")
        base = os.path.basename(argv0)
        for lang in _LANGUAGES:
            if base.startswith(lang):
                return lang
    except OSError:
        pass
    try:
        with open("/proc/%d/maps" % pid) as f:
            for line in f:
                path = os.path.basename(line.split()[-1]) if len(line.split()) >= 6 else ""
                for lib, lang in _LANG_LIBS.items():
                    if path.startswith(lib):
                        return lang
    except OSError:
        pass
    return "c"


def detect_language(candidates, pid):
    language = _procutils_language(pid)
    return language if language in candidates else None


FILESYSTEMENCODING = sys.getfilesystemencoding()


def printb(s, file=sys.stdout, nl=1):
    """printb(s): print a bytes object to stdout and flush"""
    buf = file.buffer if hasattr(file, "buffer") else file
    buf.write(s)
    if nl:
        buf.write(b"\n")
    file.flush()


class ArgString(object):
    """ArgString(arg): a command-line argument that can be coerced to bytes()."""

    def __init__(self, arg):
        self.s = arg

    def __bytes__(self):
        if isinstance(self.s, bytes):
            return self.s
        return self.s.encode(FILESYSTEMENCODING)

    def __str__(self):
        if isinstance(self.s, bytes):
            return self.s.decode(FILESYSTEMENCODING)
        return self.s


def warn_with_traceback(message, category, filename, lineno, file=None, line=None):
    log = file if hasattr(file, "write") else sys.stderr
    traceback.print_stack(f=sys._getframe(2), file=log)
    log.write(warnings.formatwarning(message, category, filename, lineno, line))


_strict_bytes = False


def _assert_is_bytes(arg):
    if arg is None:
        return arg
    if _strict_bytes:
        assert type(arg) is bytes, "not a bytes object: %r" % arg
    elif type(arg) is not bytes:
        # BCC warns (DeprecationWarning) here; str arguments are simply accepted.
        return ArgString(arg).__bytes__()
    return arg


class StrcmpRewrite(object):
    @staticmethod
    def _generate_streq_function(string, probe_read_func, streq_functions, probeid):
        fname = "streq_%d" % probeid
        streq_functions += """
static inline bool %s(char const *ignored, uintptr_t str) {
        char needle[] = %s;
        char haystack[sizeof(needle)];
        %s(&haystack, sizeof(haystack), (void *)str);
        for (int i = 0; i < sizeof(needle) - 1; ++i) {
                if (needle[i] != haystack[i]) {
                        return false;
                }
        }
        return true;
}
        """ % (fname, string, probe_read_func)
        return fname, streq_functions

    @staticmethod
    def rewrite_expr(expr, bin_cmp, is_user, probe_user_list, streq_functions, probeid):
        if bin_cmp:
            STRCMP_RE = 'STRCMP\\(\"([^"]+)\\",(.+?)\\)'
        else:
            STRCMP_RE = 'STRCMP\\(("[^"]+\\"),(.+?)\\)'
        matches = re.finditer(STRCMP_RE, expr)
        for match in matches:
            string = match.group(1)
            probe_read_func = "bpf_probe_read"
            if is_user or match.group(2).strip() in probe_user_list:
                probe_read_func = "bpf_probe_read_user"
            fname, streq_functions = StrcmpRewrite._generate_streq_function(
                string, probe_read_func, streq_functions, probeid)
            probeid += 1
            expr = expr.replace("STRCMP", fname, 1)
        return {"expr": expr, "streq_functions": streq_functions, "probeid": probeid}
