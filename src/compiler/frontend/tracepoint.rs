//! Generates BCC's `struct tracepoint__<cat>__<evt>` (the type of `args` in
//! `TRACEPOINT_PROBE`) from the tracefs `format` file. Unlike BCC the layout is
//! exact: the common header is one opaque array, each gap is one padding array,
//! integer types are re-derived from the field size, and every named member gets
//! a `_Static_assert` on its offset so a layout mistake fails at compile time.

use nom::{
    bytes::complete::{tag, take_until},
    character::complete::{digit1, space0},
    combinator::{map_res, opt},
    sequence::{delimited, tuple},
    IResult,
};
use crate::base::tracefs::tracefs_root;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Type text as written in the format file (e.g. `const char *`, `__data_loc char[]`).
    pub decl_type: String,
    pub name: String,
    /// Text between the name's first `[` and last `]` (`16`, `TASK_COMM_LEN`, `` for `[]`).
    pub array_dims: Option<String>,
    pub offset: u32,
    pub size: u32,
    pub signed: bool,
    pub data_loc: bool,
}

fn num(i: &str) -> IResult<&str, u32> {
    map_res(digit1, str::parse)(i)
}

fn key<'a>(k: &'static str) -> impl FnMut(&'a str) -> IResult<&'a str, u32> {
    delimited(tuple((space0, tag(k))), num, tag(";"))
}

/// `field:<decl>;\toffset:N;\tsize:N;\tsigned:N;` (`signed:` is missing before Linux 2.6.36).
fn field_line(i: &str) -> IResult<&str, (&str, u32, u32, Option<u32>)> {
    tuple((
        delimited(tag("field:"), take_until(";"), tag(";")),
        key("offset:"),
        key("size:"),
        opt(key("signed:")),
    ))(i)
}

/// Splits `<type> <name>[dims]`. Dims may contain spaces (`[sizeof(struct sockaddr_in6)]`
/// on older kernels), so brackets are matched from the end instead of splitting on spaces.
fn split_decl(decl: &str) -> Option<(String, String, Option<String>)> {
    let decl = decl.trim();
    let (head, dims) = if decl.ends_with(']') {
        let (mut depth, mut start) = (0i32, None);
        for (i, c) in decl.char_indices().rev() {
            match c {
                ']' => depth += 1,
                '[' => {
                    depth -= 1;
                    if depth == 0 {
                        start = Some(i);
                        if !decl[..i].ends_with(']') {
                            break;
                        }
                    }
                }
                _ if depth == 0 => break,
                _ => {}
            }
        }
        let s = start?;
        (&decl[..s], Some(decl[s + 1..decl.len() - 1].to_string()))
    } else {
        (decl, None)
    };
    let head = head.trim_end();
    let name_start = head
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |p| p + 1);
    let (ty, name) = (head[..name_start].trim(), &head[name_start..]);
    if ty.is_empty() || name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((ty.to_string(), name.to_string(), dims))
}

/// Parses every `field:` line of a tracefs format file (common fields included).
pub fn parse_format(text: &str) -> Result<Vec<Field>, String> {
    let mut fields = Vec::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("field:"))
    {
        let bad = || format!("malformed tracepoint format line: {line:?}");
        let (_, (decl, offset, size, signed)) = field_line(line).map_err(|_| bad())?;
        let (decl_type, name, array_dims) = split_decl(decl).ok_or_else(bad)?;
        let data_loc = decl_type.contains("__data_loc");
        fields.push(Field {
            decl_type,
            name,
            array_dims,
            offset,
            size,
            signed: signed == Some(1),
            data_loc,
        });
    }
    if fields.is_empty() {
        return Err("tracepoint format has no `field:` lines".into());
    }
    Ok(fields)
}

/// Drops qualifiers that are meaningless (or unknown) to `clang -target bpf`,
/// e.g. percpu pointers show up as `void __seg_gs *`.
fn clean_type(ty: &str) -> String {
    const DROP: &[&str] = &[
        "__seg_gs", "__seg_fs", "__user", "__kernel", "__percpu", "__rcu", "__iomem", "__force",
    ];
    ty.split_whitespace()
        .filter(|t| !DROP.contains(t))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Signedness implied by the spelling, if it is a known integer type. Preferred
/// over `signed:` because syscall formats report `signed:0` for every argument.
fn spelled_signedness(ty: &str) -> Option<bool> {
    let t: Vec<&str> = ty
        .split_whitespace()
        .filter(|w| *w != "const" && *w != "volatile")
        .collect();
    let t = t.join(" ");
    let t = t
        .strip_suffix(" int")
        .filter(|s| !s.is_empty())
        .unwrap_or(&t);
    match t {
        "signed char" | "short" | "signed short" | "int" | "signed" | "long" | "signed long"
        | "long long" | "signed long long" | "s8" | "s16" | "s32" | "s64" | "__s8" | "__s16"
        | "__s32" | "__s64" | "int8_t" | "int16_t" | "int32_t" | "int64_t" | "pid_t"
        | "ssize_t" | "loff_t" | "off_t" | "time64_t" | "ktime_t" | "clockid_t" => Some(true),
        "unsigned" | "unsigned char" | "unsigned short" | "unsigned long"
        | "unsigned long long" | "u8" | "u16" | "u32" | "u64" | "__u8" | "__u16" | "__u32"
        | "__u64" | "uint8_t" | "uint16_t" | "uint32_t" | "uint64_t" | "uint" | "size_t"
        | "dev_t" | "umode_t" | "gfp_t" | "ino_t" | "sector_t" | "uid_t" | "gid_t"
        | "dma_addr_t" => Some(false),
        _ => None,
    }
}

/// Member declaration (without `;`) and the member name to assert on.
fn member(f: &Field) -> (String, String) {
    let ty = clean_type(&f.decl_type);
    if f.data_loc {
        // BCC's name, so TP_DATA_LOC_READ*() keep working.
        let n = format!("data_loc_{}", f.name);
        return (format!("u32 {n}"), n);
    }
    if let Some(d) = &f.array_dims {
        return (format!("{ty} {}[{d}]", f.name), f.name.clone());
    }
    let first = ty.split_whitespace().next().unwrap_or("");
    let keep = (ty.contains('*') && f.size == 8)
        || matches!(first, "struct" | "union")
        || (matches!(ty.as_str(), "bool" | "_Bool") && f.size == 1)
        || !matches!(f.size, 1 | 2 | 4 | 8);
    if keep {
        return (format!("{ty} {}", f.name), f.name.clone());
    }
    // Integers, enums and scalar typedefs: the size is authoritative (syscall
    // formats say `int dfd` with size 8), so use the exact-width type.
    let signed = !ty.contains('*') && spelled_signedness(&ty).unwrap_or(f.signed);
    let sized = format!("{}{}", if signed { 's' } else { 'u' }, f.size * 8);
    // A misaligned scalar (possible on 32-bit kernels) must not get padding in front.
    let packed = if !f.offset.is_multiple_of(f.size) {
        " __attribute__((packed))"
    } else {
        ""
    };
    (format!("{sized} {}{packed}", f.name), f.name.clone())
}

pub fn struct_definition(category: &str, event: &str, fields: &[Field]) -> String {
    let sname = format!("tracepoint__{category}__{event}");
    let (mut body, mut asserts) = (String::new(), String::new());
    let is_common = |f: &&Field| f.name.starts_with("common_");
    let mut end = fields
        .iter()
        .filter(is_common)
        .map(|f| f.offset + f.size)
        .max()
        .unwrap_or(0);
    if end > 0 {
        body += &format!("\tu8 __do_not_use__[{end}];\n");
    }
    for f in fields.iter().filter(|f| !is_common(f)) {
        if !f.data_loc && f.array_dims.as_deref().is_some_and(|d| d.trim().is_empty()) {
            break; // flexible tail: nothing may follow it
        }
        if f.offset < end {
            body += &format!("\t/* {} overlaps the previous field; omitted */\n", f.name);
            continue;
        }
        if f.offset > end {
            body += &format!("\tu8 __pad_{end}[{}];\n", f.offset - end);
        }
        let (decl, name) = member(f);
        body += &format!("\t{decl};\n");
        asserts += &format!(
            "_Static_assert(__builtin_offsetof(struct {sname}, {name}) == {}, \"{category}:{event} field {name} is not at offset {}\");\n",
            f.offset, f.offset
        );
        end = f.offset + f.size;
    }
    format!("struct {sname} {{\n{body}}};\n{asserts}")
}

pub fn generate(category: &str, event: &str) -> Result<String, String> {
    let valid = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    if !valid(category) || !valid(event) {
        return Err(format!("invalid tracepoint name {category}:{event}"));
    }
    let path = tracefs_root()?
        .join("events")
        .join(category)
        .join(event)
        .join("format");
    let text = std::fs::read_to_string(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            format!(
                "tracepoint {category}:{event} does not exist (no {})",
                path.display()
            )
        }
        std::io::ErrorKind::PermissionDenied => {
            format!(
                "cannot read {}: permission denied (tracepoint format files need root to read)",
                path.display()
            )
        }
        _ => format!("cannot read {}: {e}", path.display()),
    })?;
    let fields = parse_format(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(struct_definition(category, event, &fields))
}

/// BCC's rule: category is between the first and the last `__`, event follows the last.
pub fn split_tracepoint_name(fn_name: &str) -> Option<(String, String)> {
    let rest = fn_name.strip_prefix("tracepoint")?;
    let first = rest.find("__")?;
    let last = rest.rfind("__")?;
    if first != 0 || last == first {
        return None;
    }
    let (cat, evt) = (&rest[2..last], &rest[last + 2..]);
    (!cat.is_empty() && !evt.is_empty()).then(|| (cat.to_string(), evt.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::process::Command;

    // Copied from /sys/kernel/tracing/events on Linux 6.18 (long `print fmt` lines dropped).
    const SYS_ENTER_OPENAT: &str = r#"
name: sys_enter_openat
ID: 782
format:
	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
	field:unsigned char common_flags;	offset:2;	size:1;	signed:0;
	field:unsigned char common_preempt_count;	offset:3;	size:1;	signed:0;
	field:int common_pid;	offset:4;	size:4;	signed:1;

	field:int __syscall_nr;	offset:8;	size:4;	signed:1;
	field:int dfd;	offset:16;	size:8;	signed:0;
	field:const char * filename;	offset:24;	size:8;	signed:0;
	field:int flags;	offset:32;	size:8;	signed:0;
	field:umode_t mode;	offset:40;	size:8;	signed:0;

print fmt: "dfd: 0x%08lx, filename: 0x%08lx, flags: 0x%08lx, mode: 0x%08lx", ((unsigned long)(REC->dfd)), ((unsigned long)(REC->filename)), ((unsigned long)(REC->flags)), ((unsigned long)(REC->mode))
"#;
    const SCHED_SWITCH: &str = r#"
name: sched_switch
ID: 372
format:
	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
	field:unsigned char common_flags;	offset:2;	size:1;	signed:0;
	field:unsigned char common_preempt_count;	offset:3;	size:1;	signed:0;
	field:int common_pid;	offset:4;	size:4;	signed:1;

	field:char prev_comm[16];	offset:8;	size:16;	signed:0;
	field:pid_t prev_pid;	offset:24;	size:4;	signed:1;
	field:int prev_prio;	offset:28;	size:4;	signed:1;
	field:long prev_state;	offset:32;	size:8;	signed:1;
	field:char next_comm[16];	offset:40;	size:16;	signed:0;
	field:pid_t next_pid;	offset:56;	size:4;	signed:1;
	field:int next_prio;	offset:60;	size:4;	signed:1;

"#;
    const SCHED_PROCESS_EXEC: &str = r#"
name: sched_process_exec
ID: 365
format:
	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
	field:unsigned char common_flags;	offset:2;	size:1;	signed:0;
	field:unsigned char common_preempt_count;	offset:3;	size:1;	signed:0;
	field:int common_pid;	offset:4;	size:4;	signed:1;

	field:__data_loc char[] filename;	offset:8;	size:4;	signed:0;
	field:pid_t pid;	offset:12;	size:4;	signed:1;
	field:pid_t old_pid;	offset:16;	size:4;	signed:1;

"#;
    const INET_SOCK_SET_STATE: &str = r#"
name: inet_sock_set_state
ID: 2287
format:
	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
	field:unsigned char common_flags;	offset:2;	size:1;	signed:0;
	field:unsigned char common_preempt_count;	offset:3;	size:1;	signed:0;
	field:int common_pid;	offset:4;	size:4;	signed:1;

	field:const void * skaddr;	offset:8;	size:8;	signed:0;
	field:int oldstate;	offset:16;	size:4;	signed:1;
	field:int newstate;	offset:20;	size:4;	signed:1;
	field:__u16 sport;	offset:24;	size:2;	signed:0;
	field:__u16 dport;	offset:26;	size:2;	signed:0;
	field:__u16 family;	offset:28;	size:2;	signed:0;
	field:__u16 protocol;	offset:30;	size:2;	signed:0;
	field:__u8 saddr[4];	offset:32;	size:4;	signed:0;
	field:__u8 daddr[4];	offset:36;	size:4;	signed:0;
	field:__u8 saddr_v6[16];	offset:40;	size:16;	signed:0;
	field:__u8 daddr_v6[16];	offset:56;	size:16;	signed:0;

"#;

    const SYNTHETIC: &str = "field:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n\
        field:void __seg_gs * p;\toffset:8;\tsize:8;\tsigned:0;\n\
        field:enum foo e;\toffset:16;\tsize:1;\tsigned:0;\n\
        field:u64 x;\toffset:20;\tsize:8;\tsigned:0;\n\
        field:u32 buf[];\toffset:28;\tsize:0;\tsigned:0;\n";

    fn gen(cat: &str, evt: &str, text: &str) -> String {
        struct_definition(cat, evt, &parse_format(text).unwrap())
    }

    /// Runs `clang-19 -target bpf -fsyntax-only`; None when clang is unavailable.
    fn clang_check(dir: &Path, src: &str) -> Option<Result<(), String>> {
        let file = dir.join("tp.c");
        std::fs::write(&file, src).unwrap();
        let out = Command::new("clang-19")
            .args(["-target", "bpf", "-fsyntax-only", "-w"])
            .arg(&file)
            .output()
            .ok()?;
        Some(if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        })
    }

    #[test]
    fn openat_exact_text() {
        let a = |n: &str, o: u32| {
            format!("_Static_assert(__builtin_offsetof(struct tracepoint__syscalls__sys_enter_openat, {n}) == {o}, \"syscalls:sys_enter_openat field {n} is not at offset {o}\");\n")
        };
        let expected = "struct tracepoint__syscalls__sys_enter_openat {\n\tu8 __do_not_use__[8];\n\ts32 __syscall_nr;\n\tu8 __pad_12[4];\n\ts64 dfd;\n\tconst char * filename;\n\ts64 flags;\n\tu64 mode;\n};\n".to_string()
            + &a("__syscall_nr", 8) + &a("dfd", 16) + &a("filename", 24) + &a("flags", 32) + &a("mode", 40);
        assert_eq!(
            gen("syscalls", "sys_enter_openat", SYS_ENTER_OPENAT),
            expected
        );
    }

    #[test]
    fn parses_real_formats() {
        let f = parse_format(SCHED_SWITCH).unwrap();
        assert_eq!(f.len(), 11);
        let (dims, ty) = (Some("16".to_string()), "char".to_string());
        let (name, offset, size) = ("prev_comm".to_string(), 8, 16);
        let (signed, data_loc) = (false, false);
        let want = Field {
            decl_type: ty,
            name,
            array_dims: dims,
            offset,
            size,
            signed,
            data_loc,
        };
        assert_eq!(f[4], want);
        let g = |i: usize| {
            (
                f[i].name.as_str(),
                f[i].decl_type.as_str(),
                f[i].size,
                f[i].signed,
            )
        };
        assert_eq!(g(7), ("prev_state", "long", 8, true));
        let s = gen("sched", "sched_switch", SCHED_SWITCH);
        for want in [
            "\tchar prev_comm[16];\n",
            "\ts32 prev_pid;\n",
            "\ts64 prev_state;\n",
            "\tchar next_comm[16];\n",
        ] {
            assert!(s.contains(want), "{want:?} missing in\n{s}");
        }
        assert!(!s.contains("__pad_"), "sched_switch has no gaps:\n{s}");

        let f = parse_format(SCHED_PROCESS_EXEC).unwrap();
        assert!(
            f[4].data_loc
                && f[4].decl_type == "__data_loc char[]"
                && f[4].name == "filename"
                && f[4].array_dims.is_none()
        );
        let s = gen("sched", "sched_process_exec", SCHED_PROCESS_EXEC);
        assert!(
            s.contains("\tu32 data_loc_filename;\n\ts32 pid;\n\ts32 old_pid;\n"),
            "{s}"
        );
        assert!(s.contains(
            "offsetof(struct tracepoint__sched__sched_process_exec, data_loc_filename) == 8"
        ));

        let f = parse_format(INET_SOCK_SET_STATE).unwrap();
        let g = |i: usize| {
            (
                f[i].decl_type.as_str(),
                f[i].array_dims.as_deref(),
                f[i].offset,
            )
        };
        assert_eq!(g(13), ("__u8", Some("16"), 40));
        let s = gen("sock", "inet_sock_set_state", INET_SOCK_SET_STATE);
        assert!(
            s.contains("\tconst void * skaddr;\n\ts32 oldstate;\n")
                && s.contains("\tu16 sport;\n")
                && s.contains("\t__u8 saddr[4];\n"),
            "{s}"
        );
    }

    #[test]
    fn parser_edge_cases() {
        // Older kernels: no `signed:`, symbolic and spaced dimensions.
        let f = parse_format("field:__u8 saddr[sizeof(struct sockaddr_in6)];\toffset:8;\tsize:28;")
            .unwrap();
        assert_eq!(
            (f[0].name.as_str(), f[0].array_dims.as_deref(), f[0].signed),
            ("saddr", Some("sizeof(struct sockaddr_in6)"), false)
        );
        let f = parse_format("\tfield:char comm[TASK_COMM_LEN];\toffset:8;\tsize:16;\tsigned:1;")
            .unwrap();
        let g = (
            f[0].decl_type.as_str(),
            f[0].array_dims.as_deref(),
            f[0].signed,
        );
        assert_eq!(g, ("char", Some("TASK_COMM_LEN"), true));
        assert!(parse_format("field:int;\toffset:8;\tsize:4;").is_err());
        assert!(parse_format("field:int x;\toffset:eight;\tsize:4;").is_err());
        assert!(parse_format("name: foo\nformat:\n").is_err());
        // Flexible tail is dropped; percpu pointers lose `__seg_gs`; unaligned scalars are packed.
        let s = gen("c", "e", SYNTHETIC);
        assert!(s.starts_with("struct tracepoint__c__e {\n\tu8 __do_not_use__[2];\n\tu8 __pad_2[6];\n\tvoid * p;\n\tu8 e;\n\tu8 __pad_17[3];\n\tu64 x __attribute__((packed));\n};\n"), "{s}");
        assert!(!s.contains("buf"));
    }

    #[test]
    fn splits_function_names() {
        let sp = |s: &str| split_tracepoint_name(s);
        assert_eq!(
            sp("tracepoint__sched__sched_switch"),
            Some(("sched".into(), "sched_switch".into()))
        );
        assert_eq!(sp("tracepoint__a__b__c"), Some(("a__b".into(), "c".into())));
        let bad =
            "tracepoint__sched kprobe__sched__x tracepoint____x tracepoint__x__ tracepointx__a__b";
        for bad in bad.split(' ') {
            assert_eq!(sp(bad), None, "{bad}");
        }
    }

    #[test]
    fn embedded_structs_compile() {
        let dir = tempfile::tempdir().unwrap();
        let mut src = String::from(
            "typedef unsigned char u8; typedef unsigned short u16; typedef unsigned int u32; typedef unsigned long long u64;\n\
             typedef signed char s8; typedef short s16; typedef int s32; typedef long long s64; typedef u8 __u8;\n\
             typedef int pid_t; typedef _Bool bool; enum { TASK_COMM_LEN = 16 };\n",
        );
        for (c, e, t) in [
            ("syscalls", "sys_enter_openat", SYS_ENTER_OPENAT),
            ("sched", "sched_switch", SCHED_SWITCH),
            ("sched", "sched_process_exec", SCHED_PROCESS_EXEC),
            ("sock", "inet_sock_set_state", INET_SOCK_SET_STATE),
            ("c", "e", SYNTHETIC),
        ] {
            src += &gen(c, e, t);
        }
        let Some(r) = clang_check(dir.path(), &src) else {
            return eprintln!("clang-19 not found; skipping");
        };
        r.unwrap();
        // The offset assertions really are checked: a wrong expectation must fail.
        let wrong = src.replace(
            "sys_enter_openat, mode) == 40",
            "sys_enter_openat, mode) == 48",
        );
        assert!(clang_check(dir.path(), &wrong)
            .unwrap()
            .unwrap_err()
            .contains("mode is not at offset"));
    }

    /// Every event of the common categories on this machine, against the real vmlinux.h.
    #[test]
    fn live_structs_compile_against_vmlinux_h() {
        let Ok(root) = tracefs_root() else {
            return eprintln!("tracefs unavailable; skipping");
        };
        let dir = tempfile::tempdir().unwrap();
        let vmlinux = dir.path().join("vmlinux.h");
        let dump = Command::new("bpftool")
            .args("btf dump file /sys/kernel/btf/vmlinux format c".split(' '))
            .output();
        match dump {
            Ok(o) if o.status.success() => std::fs::write(&vmlinux, o.stdout).unwrap(),
            _ => return eprintln!("bpftool/BTF unavailable; skipping"),
        }
        let mut src = String::from("#include \"vmlinux.h\"\n");
        let mut count = 0;
        let cats = "syscalls sched raw_syscalls block net sock tcp skb irq timer";
        for cat in cats.split(' ') {
            let Ok(entries) = std::fs::read_dir(root.join("events").join(cat)) else {
                continue;
            };
            let mut events: Vec<String> = entries
                .flatten()
                .filter(|e| e.path().join("format").exists())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            events.sort();
            for evt in events {
                src += &generate(cat, &evt).unwrap_or_else(|e| panic!("{cat}:{evt}: {e}"));
                count += 1;
            }
        }
        eprintln!("compiling {count} live tracepoint structs");
        if count == 0 {
            return eprintln!("no readable events; skipping");
        }
        match clang_check(dir.path(), &src) {
            None => eprintln!("clang-19 not found; skipping"),
            Some(r) => r.unwrap_or_else(|e| {
                panic!(
                    "{count} structs failed to compile:\n{}",
                    &e[..e.len().min(8000)]
                )
            }),
        }
    }
}
