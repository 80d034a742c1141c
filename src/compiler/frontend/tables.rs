//! Table kinds of the dialect and how each table method is lowered to libbpf helper calls.
//!
//! A lowering only replaces `table.method(` and inserts text at argument boundaries; the user's
//! argument text stays where it is, so nested rewrites and locations inside arguments survive.

/// The kernel map behind a table declaration (`section("maps/<type>")`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapKind {
    Hash,
    Array,
    PercpuHash,
    PercpuArray,
    LruHash,
    LruPercpuHash,
    LpmTrie,
    StackTrace,
    ProgArray,
    PerfEventArray,
    Ringbuf,
    Queue,
    Stack,
    /// bccrs's per-CPU queue and stack: an array of maps with one instance per CPU.
    PercpuQueue,
    PercpuStack,
    CgroupArray,
    Devmap,
    Cpumap,
    Xskmap,
    ArrayOfMaps,
    HashOfMaps,
    Sockmap,
    Sockhash,
    CgroupStorage,
    PercpuCgroupStorage,
    SkStorage,
    InodeStorage,
    TaskStorage,
}

use MapKind::*;

/// A table declaration's type string, taken apart. The prelude writes it as
/// `[export/|shared/]TYPE[$INNER][:PIN]`: BCC's own `TYPE:PIN` for pinned tables and
/// `TYPE$INNER` for maps of maps, with a prefix for tables other programs may import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeString<'a> {
    /// `hash`, `array`…, or `extern` (a table imported from another program)
    pub base: &'a str,
    pub inner: Option<&'a str>,
    pub pin: Option<&'a str>,
    /// `export` (BPF_TABLE_PUBLIC), `shared` (BPF_TABLE_SHARED)
    pub share: Option<&'a str>,
}

impl<'a> TypeString<'a> {
    pub fn parse(s: &'a str) -> TypeString<'a> {
        let (share, s) = match s.split_once('/') {
            Some((p @ ("export" | "shared"), rest)) => (Some(p), rest),
            _ => (None, s),
        };
        // The pin path may itself hold `$` or `/`: it is everything after the first `:`.
        let (s, pin) = match s.split_once(':') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let (base, inner) = match s.split_once('$') {
            Some((b, i)) => (b, Some(i)),
            None => (s, None),
        };
        TypeString { base, inner, pin, share }
    }
}

impl MapKind {
    /// From the section type string; `histogram` depends on the key type (BCC: an array when the
    /// key is exactly `int`, else a hash).
    pub fn from_section(ty: &str, key_is_int: bool) -> Option<MapKind> {
        Some(match ty {
            "hash" => Hash,
            "array" => Array,
            "histogram" if key_is_int => Array,
            "histogram" => Hash,
            "percpu_hash" => PercpuHash,
            "percpu_array" => PercpuArray,
            "lru_hash" => LruHash,
            "lru_percpu_hash" => LruPercpuHash,
            "lpm_trie" => LpmTrie,
            "stacktrace" => StackTrace,
            "prog" => ProgArray,
            "perf_output" | "perf_array" => PerfEventArray,
            "ringbuf" => Ringbuf,
            "queue" => Queue,
            "stack" => Stack,
            "percpu_queue" => PercpuQueue,
            "percpu_stack" => PercpuStack,
            "cgroup_array" => CgroupArray,
            "devmap" => Devmap,
            "cpumap" => Cpumap,
            "xskmap" => Xskmap,
            "array_of_maps" => ArrayOfMaps,
            "hash_of_maps" => HashOfMaps,
            "sockmap" => Sockmap,
            "sockhash" => Sockhash,
            "cgroup_storage" => CgroupStorage,
            "percpu_cgroup_storage" => PercpuCgroupStorage,
            "sk_storage" => SkStorage,
            "inode_storage" => InodeStorage,
            "task_storage" => TaskStorage,
            _ => return None,
        })
    }

    pub fn bpf_map_type(self) -> &'static str {
        match self {
            Hash => "BPF_MAP_TYPE_HASH",
            Array => "BPF_MAP_TYPE_ARRAY",
            PercpuHash => "BPF_MAP_TYPE_PERCPU_HASH",
            PercpuArray => "BPF_MAP_TYPE_PERCPU_ARRAY",
            LruHash => "BPF_MAP_TYPE_LRU_HASH",
            LruPercpuHash => "BPF_MAP_TYPE_LRU_PERCPU_HASH",
            LpmTrie => "BPF_MAP_TYPE_LPM_TRIE",
            StackTrace => "BPF_MAP_TYPE_STACK_TRACE",
            ProgArray => "BPF_MAP_TYPE_PROG_ARRAY",
            PerfEventArray => "BPF_MAP_TYPE_PERF_EVENT_ARRAY",
            Ringbuf => "BPF_MAP_TYPE_RINGBUF",
            Queue => "BPF_MAP_TYPE_QUEUE",
            Stack => "BPF_MAP_TYPE_STACK",
            PercpuQueue | PercpuStack => "BPF_MAP_TYPE_ARRAY_OF_MAPS",
            CgroupArray => "BPF_MAP_TYPE_CGROUP_ARRAY",
            Devmap => "BPF_MAP_TYPE_DEVMAP",
            Cpumap => "BPF_MAP_TYPE_CPUMAP",
            Xskmap => "BPF_MAP_TYPE_XSKMAP",
            ArrayOfMaps => "BPF_MAP_TYPE_ARRAY_OF_MAPS",
            HashOfMaps => "BPF_MAP_TYPE_HASH_OF_MAPS",
            Sockmap => "BPF_MAP_TYPE_SOCKMAP",
            Sockhash => "BPF_MAP_TYPE_SOCKHASH",
            CgroupStorage => "BPF_MAP_TYPE_CGROUP_STORAGE",
            PercpuCgroupStorage => "BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE",
            SkStorage => "BPF_MAP_TYPE_SK_STORAGE",
            InodeStorage => "BPF_MAP_TYPE_INODE_STORAGE",
            TaskStorage => "BPF_MAP_TYPE_TASK_STORAGE",
        }
    }

    /// A short name for messages: "hash", "per-CPU array"…
    pub fn describe(self) -> &'static str {
        match self {
            Hash => "hash",
            Array => "array",
            PercpuHash => "per-CPU hash",
            PercpuArray => "per-CPU array",
            LruHash => "LRU hash",
            LruPercpuHash => "LRU per-CPU hash",
            LpmTrie => "LPM trie",
            StackTrace => "stack trace",
            ProgArray => "program array",
            PerfEventArray => "perf event array",
            Ringbuf => "ring buffer",
            Queue => "queue",
            Stack => "stack",
            PercpuQueue => "per-CPU queue",
            PercpuStack => "per-CPU stack",
            CgroupArray => "cgroup array",
            Devmap => "devmap",
            Cpumap => "cpumap",
            Xskmap => "xskmap",
            ArrayOfMaps => "array of maps",
            HashOfMaps => "hash of maps",
            Sockmap => "sockmap",
            Sockhash => "sockhash",
            CgroupStorage => "cgroup storage",
            PercpuCgroupStorage => "per-CPU cgroup storage",
            SkStorage => "socket storage",
            InodeStorage => "inode storage",
            TaskStorage => "task storage",
        }
    }

    pub fn is_hash_like(self) -> bool {
        matches!(self, Hash | PercpuHash | LruHash | LruPercpuHash | LpmTrie)
    }
    pub fn is_array_like(self) -> bool {
        matches!(self, Array | PercpuArray)
    }
    pub fn is_percpu(self) -> bool {
        matches!(self, PercpuHash | PercpuArray | LruPercpuHash | PercpuCgroupStorage)
    }
    fn is_queue_like(self) -> bool {
        matches!(self, Queue | Stack | PercpuQueue | PercpuStack)
    }
    fn is_percpu_queue_like(self) -> bool {
        matches!(self, PercpuQueue | PercpuStack)
    }
}

/// Where an inserted text goes, relative to the call's arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    ArgStart(usize),
    ArgEnd(usize),
    /// Just before the closing parenthesis.
    Close,
}

/// How one call is rewritten: `head` replaces `table.method(`; `inserts` add text around args.
#[derive(Debug, Clone, PartialEq)]
pub struct Lowering {
    pub head: String,
    pub inserts: Vec<(Anchor, String)>,
}

/// Why a call cannot be lowered, for a diagnostic at the call.
#[derive(Debug, Clone, PartialEq)]
pub enum MethodError {
    Unknown,
    WrongKind { allowed: &'static str },
    Arity { min: usize, max: usize },
    Message(String),
}

/// Everything the rewriter knows about a call site.
pub struct Call<'a> {
    pub table: &'a str,
    pub kind: MapKind,
    pub method: &'a str,
    pub nargs: usize,
    /// The call's arguments that are integer constant expressions.
    pub const_args: &'a [Option<i64>],
    pub in_void_function: bool,
    /// The table has a loss-counter slot (an event table declared here): submissions the
    /// kernel refuses are counted.
    pub counts_losses: bool,
}

pub const METHODS: &[&str] = &[
    "lookup", "update", "insert", "delete", "lookup_or_init", "lookup_or_try_init", "lookup_and_delete",
    "increment", "atomic_increment", "inc_and_return", "call", "get_stackid", "push", "pop", "peek",
    "perf_submit", "perf_submit_skb", "perf_read", "perf_counter_value", "ringbuf_output", "ringbuf_reserve",
    "ringbuf_submit", "ringbuf_discard", "ringbuf_query", "check_current_task", "redirect_map",
    "sock_map_update", "sock_hash_update", "msg_redirect_hash", "sk_redirect_hash", "sk_storage_get",
    "sk_storage_delete", "inode_storage_get", "inode_storage_delete", "task_storage_get",
    "task_storage_delete", "get_local_storage",
];

const BPF_NOEXIST: i64 = 1;

pub fn lower(c: &Call) -> Result<Lowering, MethodError> {
    let k = c.kind;
    let t = c.table;
    let n = c.nargs;
    let arity = |min: usize, max: usize| if n < min || n > max { Err(MethodError::Arity { min, max }) } else { Ok(()) };
    let kinds = |ok: bool, allowed: &'static str| if ok { Ok(()) } else { Err(MethodError::WrongKind { allowed }) };
    // `helper(&t, args...)`
    let map_first = |helper: &str| Lowering {
        head: if n == 0 { format!("{helper}(&{t}") } else { format!("{helper}(&{t}, ") },
        inserts: vec![],
    };
    // `helper(arg0, &t, rest...)`
    let map_second = |helper: &str, extra: &str| Lowering {
        head: format!("{helper}("),
        inserts: vec![(Anchor::ArgStart(1), format!("&{t}, {extra}"))],
    };
    let with = |mut l: Lowering, at: Anchor, s: String| {
        l.inserts.push((at, s));
        l
    };
    // A submission wrapped so that a refusal (an error, or NULL from a reserve) adds one to the
    // table's loss counter: `__bccrs_lost_if(slot, helper(...))` (the prelude's
    // `__BCCRS_LOST_COUNTERS`).
    let counted = |mut l: Lowering| {
        if c.counts_losses {
            let wrapper = if c.method == "ringbuf_reserve" { "__bccrs_lost_if_null" } else { "__bccrs_lost_if" };
            l.head = format!("{wrapper}(__BCCRS_LOST_SLOT({t}), {}", l.head);
            l.inserts.push((Anchor::Close, ")".into()));
        }
        l
    };
    const KEYED: &str = "hash, array, LRU, LPM trie and per-CPU tables";
    const HASHES: &str = "hash, LRU hash, LPM trie and per-CPU hash tables";
    match c.method {
        "lookup" => {
            kinds(
                k.is_hash_like() || k.is_array_like() || matches!(k, ArrayOfMaps | HashOfMaps | Devmap | Xskmap | Sockmap | Sockhash),
                "hash, array, map-of-maps, devmap, xskmap and socket tables",
            )?;
            arity(1, 1)?;
            Ok(map_first("bpf_map_lookup_elem"))
        }
        "update" | "insert" => {
            kinds(
                k.is_hash_like() || k.is_array_like() || matches!(k, Sockmap | Sockhash),
                KEYED,
            )?;
            let flags = if c.method == "insert" {
                arity(2, 2)?;
                Some(BPF_NOEXIST)
            } else {
                arity(2, 3)?;
                if n == 3 { c.const_args.get(2).copied().flatten() } else { Some(0) }
            };
            if k.is_array_like() && flags.is_some_and(|f| f & 3 == BPF_NOEXIST) {
                return Err(MethodError::Message(format!(
                    "{}: every element of an array table already exists, so BPF_NOEXIST always fails with -EEXIST",
                    if c.method == "insert" { "insert() on an array" } else { "update(…, BPF_NOEXIST) on an array" }
                )));
            }
            let l = map_first("bpf_map_update_elem");
            Ok(match (c.method, n) {
                ("insert", _) => with(l, Anchor::Close, ", BPF_NOEXIST".into()),
                (_, 2) => with(l, Anchor::Close, ", BPF_ANY".into()),
                _ => l,
            })
        }
        "delete" => {
            kinds(k.is_hash_like() || matches!(k, Sockmap | Sockhash), HASHES)?;
            arity(1, 1)?;
            Ok(map_first("bpf_map_delete_elem"))
        }
        "lookup_or_init" | "lookup_or_try_init" => {
            kinds(k.is_hash_like() || k.is_array_like(), KEYED)?;
            arity(2, 2)?;
            if c.method == "lookup_or_init" && c.in_void_function {
                return Err(MethodError::Message(
                    "lookup_or_init() returns 0 from the enclosing function when the key cannot be created, \
                     which a void function cannot do; use lookup_or_try_init() and check for NULL"
                        .into(),
                ));
            }
            Ok(map_first(&format!("__bccrs_{}", c.method)))
        }
        "lookup_and_delete" => {
            if k.is_queue_like() {
                arity(1, 1)?;
                Ok(map_first(if k.is_percpu_queue_like() { "__bccrs_pcpu_pop" } else { "bpf_map_pop_elem" }))
            } else {
                kinds(k.is_hash_like(), "hash-like tables (key, out) and queues/stacks (out)")?;
                arity(2, 2)?;
                Ok(map_first("__bccrs_lookup_and_delete"))
            }
        }
        "increment" | "atomic_increment" | "inc_and_return" => {
            kinds(k.is_hash_like() || k.is_array_like(), KEYED)?;
            arity(1, 2)?;
            let helper = if c.method == "inc_and_return" { "__bccrs_inc_and_return" } else { "__bccrs_increment" };
            let flags = format!(", {}, {}", k.is_hash_like() as u8, (!k.is_percpu()) as u8);
            let tail = if n == 1 { format!(", 1{flags}") } else { flags };
            Ok(with(map_first(helper), Anchor::Close, tail))
        }
        "call" => {
            kinds(k == ProgArray, "program arrays (BPF_PROG_ARRAY)")?;
            arity(2, 2)?;
            Ok(map_second("bpf_tail_call", ""))
        }
        "get_stackid" => {
            kinds(k == StackTrace, "stack trace tables (BPF_STACK_TRACE)")?;
            arity(2, 2)?;
            Ok(map_second("bpf_get_stackid", ""))
        }
        "push" => {
            kinds(k.is_queue_like(), "queues and stacks")?;
            arity(1, 2)?;
            let l = map_first(if k.is_percpu_queue_like() { "__bccrs_pcpu_push" } else { "bpf_map_push_elem" });
            Ok(if n == 1 { with(l, Anchor::Close, ", 0".into()) } else { l })
        }
        "pop" | "peek" => {
            kinds(k.is_queue_like(), "queues and stacks")?;
            arity(1, 1)?;
            let helper = match (c.method, k.is_percpu_queue_like()) {
                ("pop", false) => "bpf_map_pop_elem",
                ("pop", true) => "__bccrs_pcpu_pop",
                (_, false) => "bpf_map_peek_elem",
                (_, true) => "__bccrs_pcpu_peek",
            };
            Ok(map_first(helper))
        }
        "perf_submit" => {
            kinds(k == PerfEventArray, "BPF_PERF_OUTPUT tables")?;
            arity(3, 3)?;
            Ok(counted(map_second("bpf_perf_event_output", "BPF_F_CURRENT_CPU, ")))
        }
        "perf_submit_skb" => {
            kinds(k == PerfEventArray, "BPF_PERF_OUTPUT tables")?;
            arity(4, 4)?;
            let mut l = map_second("bpf_perf_event_output", "((__u64)(");
            l.inserts.push((Anchor::ArgEnd(1), ") << 32) | BPF_F_CURRENT_CPU".into()));
            Ok(counted(l))
        }
        "perf_read" | "perf_counter_value" => {
            kinds(k == PerfEventArray, "BPF_PERF_ARRAY tables")?;
            let (helper, a) = if c.method == "perf_read" { ("bpf_perf_event_read", 1) } else { ("bpf_perf_event_read_value", 3) };
            arity(a, a)?;
            Ok(map_first(helper))
        }
        "ringbuf_output" | "ringbuf_reserve" | "ringbuf_query" => {
            kinds(k == Ringbuf, "BPF_RINGBUF_OUTPUT tables")?;
            Ok(match c.method {
                "ringbuf_output" => {
                    arity(3, 3)?;
                    counted(map_first("bpf_ringbuf_output"))
                }
                "ringbuf_reserve" => {
                    arity(1, 1)?;
                    counted(with(map_first("bpf_ringbuf_reserve"), Anchor::Close, ", 0".into()))
                }
                _ => {
                    arity(1, 1)?;
                    map_first("bpf_ringbuf_query")
                }
            })
        }
        "ringbuf_submit" | "ringbuf_discard" => {
            kinds(k == Ringbuf, "BPF_RINGBUF_OUTPUT tables")?;
            arity(2, 2)?;
            Ok(Lowering { head: format!("bpf_{}(", c.method), inserts: vec![] })
        }
        "check_current_task" => {
            kinds(k == CgroupArray, "BPF_CGROUP_ARRAY tables")?;
            arity(1, 1)?;
            Ok(map_first("bpf_current_task_under_cgroup"))
        }
        "redirect_map" => {
            kinds(matches!(k, Devmap | Cpumap | Xskmap), "devmaps, cpumaps and xskmaps")?;
            arity(2, 2)?;
            Ok(map_first("bpf_redirect_map"))
        }
        "sock_map_update" => {
            kinds(k == Sockmap, "BPF_SOCKMAP tables")?;
            arity(3, 3)?;
            Ok(map_second("bpf_sock_map_update", ""))
        }
        "sock_hash_update" | "msg_redirect_hash" | "sk_redirect_hash" => {
            kinds(k == Sockhash, "BPF_SOCKHASH tables")?;
            arity(3, 3)?;
            Ok(map_second(&format!("bpf_{}", c.method), ""))
        }
        "sk_storage_get" | "sk_storage_delete" | "inode_storage_get" | "inode_storage_delete" | "task_storage_get"
        | "task_storage_delete" => {
            let want = match &c.method[..c.method.find('_').unwrap()] {
                "sk" => SkStorage,
                "inode" => InodeStorage,
                _ => TaskStorage,
            };
            kinds(k == want, want.describe())?;
            let a = if c.method.ends_with("get") { 3 } else { 1 };
            arity(a, a)?;
            Ok(map_first(&format!("bpf_{}", c.method)))
        }
        "get_local_storage" => {
            kinds(matches!(k, CgroupStorage | PercpuCgroupStorage), "cgroup storage tables")?;
            arity(1, 1)?;
            Ok(map_first("bpf_get_local_storage"))
        }
        _ => Err(MethodError::Unknown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call<'a>(kind: MapKind, method: &'a str, nargs: usize, consts: &'a [Option<i64>]) -> Call<'a> {
        Call { table: "t", kind, method, nargs, const_args: consts, in_void_function: false, counts_losses: false }
    }

    #[test]
    fn type_strings() {
        let t = |s| TypeString::parse(s);
        assert_eq!(t("hash"), TypeString { base: "hash", inner: None, pin: None, share: None });
        assert_eq!(t("hash:/sys/fs/bpf/a:b$c").pin, Some("/sys/fs/bpf/a:b$c"));
        assert_eq!(t("hash:/sys/fs/bpf/a:b$c").base, "hash");
        assert_eq!(t("array_of_maps$inner").inner, Some("inner"));
        let s = t("shared/lru_hash");
        assert_eq!((s.base, s.share), ("lru_hash", Some("shared")));
        assert_eq!(t("export/queue:/sys/fs/bpf/q").share, Some("export"));
        assert_eq!(t("extern").base, "extern");
    }

    #[test]
    fn noexist_on_array_is_rejected() {
        assert!(matches!(lower(&call(Array, "insert", 2, &[])), Err(MethodError::Message(_))));
        assert!(matches!(lower(&call(Array, "update", 3, &[None, None, Some(1)])), Err(MethodError::Message(_))));
        assert!(lower(&call(Array, "update", 3, &[None, None, Some(2)])).is_ok());
        assert!(lower(&call(Hash, "insert", 2, &[])).is_ok());
    }

    #[test]
    fn increment_inserts_on_every_hash_like_kind() {
        for k in [Hash, PercpuHash, LruHash, LruPercpuHash, LpmTrie] {
            let l = lower(&call(k, "increment", 1, &[])).unwrap();
            assert!(l.inserts[0].1.starts_with(", 1, 1, "), "{k:?}");
        }
        let l = lower(&call(Array, "increment", 2, &[])).unwrap();
        assert_eq!(l.inserts, vec![(Anchor::Close, ", 0, 1".to_string())]);
    }

    #[test]
    fn submissions_are_counted_when_the_table_has_a_slot() {
        let mut c = call(PerfEventArray, "perf_submit", 3, &[]);
        c.counts_losses = true;
        let l = lower(&c).unwrap();
        assert_eq!(l.head, "__bccrs_lost_if(__BCCRS_LOST_SLOT(t), bpf_perf_event_output(");
        assert_eq!(l.inserts.last(), Some(&(Anchor::Close, ")".to_string())));
        let mut c = call(Ringbuf, "ringbuf_reserve", 1, &[]);
        c.counts_losses = true;
        let l = lower(&c).unwrap();
        assert!(l.head.starts_with("__bccrs_lost_if_null(__BCCRS_LOST_SLOT(t), bpf_ringbuf_reserve(&t"), "{}", l.head);
        // `, 0` (the flags) goes inside the helper's parentheses, the wrapper's `)` after it.
        assert_eq!(l.inserts, vec![(Anchor::Close, ", 0".to_string()), (Anchor::Close, ")".to_string())]);
        assert_eq!(lower(&call(Ringbuf, "ringbuf_submit", 2, &[])).unwrap().inserts, vec![]);
    }

    #[test]
    fn wrong_kind_and_arity() {
        assert!(matches!(lower(&call(Hash, "push", 1, &[])), Err(MethodError::WrongKind { .. })));
        assert_eq!(lower(&call(Hash, "lookup", 2, &[])), Err(MethodError::Arity { min: 1, max: 1 }));
        assert_eq!(lower(&call(Hash, "frobnicate", 0, &[])), Err(MethodError::Unknown));
    }
}
