//! A table declaration's numbers against the kernel's limits, so a map the kernel would refuse
//! at load (or, past 32 bits, silently make another size) is an error at its declaration.
use super::analyse::TableDecl;
use super::tables::MapKind::{self, *};

/// The most a hash map's key may be: the verifier keeps keys on the 512-byte BPF stack.
const MAX_HASH_KEY: i64 = 512;
/// Per-CPU values come from the per-CPU allocator's unit (PCPU_MIN_UNIT_SIZE, 32 KiB).
const MAX_PERCPU_VALUE: i64 = 32 << 10;
/// Other values are one kmalloc: KMALLOC_MAX_SIZE (4 MiB with 4 KiB pages), less a hash
/// element's header.
const MAX_VALUE: i64 = (4 << 20) - 1024;

/// Kinds whose kernel map needs at least one entry (storage maps need 0; perf event arrays get
/// one per CPU from libbpf when 0).
fn needs_entries(kind: MapKind) -> bool {
    matches!(kind, Hash | Array | PercpuHash | PercpuArray | LruHash | LruPercpuHash | LpmTrie | StackTrace | ProgArray | Queue | Stack | Ringbuf | ArrayOfMaps | HashOfMaps | Sockmap | Sockhash | Devmap | Cpumap | Xskmap)
}

/// What is wrong with `t`'s sizes and flags, one message each.
pub fn check(t: &TableDecl, kind: MapKind) -> Vec<String> {
    let mut out = Vec::new();
    let name = &t.name;
    match t.max_entries {
        Some(n) if n < 0 || n > u32::MAX as i64 => {
            out.push(format!("table `{name}` asks for {} entries; the kernel allows at most {}", n as u64, u32::MAX))
        }
        Some(0) if needs_entries(kind) => out.push(format!("table `{name}` has 0 entries; the kernel makes no {} table without one", kind.describe())),
        _ => {}
    }
    if let Some(f) = t.flags {
        if f < 0 || f > u32::MAX as i64 {
            out.push(format!("table `{name}`: flags {:#x} do not fit the kernel's 32 bits", f as u64));
        }
    }
    if matches!(kind, Hash | PercpuHash | LruHash | LruPercpuHash) && t.key_size > MAX_HASH_KEY {
        out.push(format!("table `{name}`: a {}-byte key is more than the kernel's {MAX_HASH_KEY} for a hash", t.key_size));
    }
    let max_value = if kind.is_percpu() { MAX_PERCPU_VALUE } else { MAX_VALUE };
    if !matches!(kind, PerfEventArray | Ringbuf) && t.leaf_size > max_value {
        out.push(format!("table `{name}`: a {}-byte value is more than the kernel's {max_value} for a {} table", t.leaf_size, kind.describe()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decl(max: i64, key: i64, leaf: i64, flags: i64) -> TableDecl {
        TableDecl {
            name: "t".into(),
            section: "hash".into(),
            key_is_int: true,
            key_is_record: false,
            key_type: "u32".into(),
            key_size: key,
            leaf_size: leaf,
            leaf_type: "u64".into(),
            max_entries: Some(max),
            flags: Some(flags),
            offset: 0,
        }
    }

    #[test]
    fn kernel_limits() {
        assert!(check(&decl(10240, 4, 8, 0), Hash).is_empty());
        assert_eq!(check(&decl(99999999999, 4, 8, 0), Hash), ["table `t` asks for 99999999999 entries; the kernel allows at most 4294967295"]);
        assert_eq!(check(&decl(0, 4, 8, 0), Array), ["table `t` has 0 entries; the kernel makes no array table without one"]);
        assert!(check(&decl(0, 4, 0, 0), PerfEventArray).is_empty());
        assert!(check(&decl(0, 4, 8, 0), SkStorage).is_empty());
        assert_eq!(check(&decl(1, 100 << 20, 8, 0), Hash).len(), 1);
        assert_eq!(check(&decl(1, 4, 100 << 20, 0), Array).len(), 1);
        assert_eq!(check(&decl(1, 4, 40 << 10, 0), PercpuArray).len(), 1);
        assert!(check(&decl(1, 4, 40 << 10, 0), Array).is_empty());
        assert_eq!(check(&decl(1, 4, 8, 1 << 40), Hash).len(), 1);
    }
}
