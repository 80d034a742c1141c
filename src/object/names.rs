//! Names the compiler gives and the runtime reads back.

/// The suffix of a user's name that clashes with a vmlinux.h name (`config` is a kernel typedef:
/// the table is `config___bccrs` in the object). CO-RE reads `___` and what follows as a flavour
/// and ignores it, so renamed copies of kernel structs still relocate against the kernel's.
pub const RENAME_SUFFIX: &str = "___bccrs";

/// The name as it is in the object when the compiler renamed `name` for a clash.
pub fn renamed(name: &str) -> String {
    format!("{name}{RENAME_SUFFIX}")
}

/// The name a user gave a table (or type) the compiler renamed for a clash with vmlinux.h.
pub fn user_name(map_name: &str) -> &str {
    map_name.strip_suffix(RENAME_SUFFIX).unwrap_or(map_name)
}

/// A compiler message with renamed names shown as the user wrote them.
pub fn unrename_message(message: &str) -> String {
    message.replace(RENAME_SUFFIX, "")
}

/// The section of pointer variables that keep types in the object's BTF for decoding (event
/// structs, the key and value types of tables given to libbpf by size). It is named like the
/// DWARF sections so libbpf loaders skip it without a word.
pub const TYPE_ANCHOR_SECTION: &str = ".debug_bccrs_types";

/// The anchor variable of `role` (`event`, `key`, `value`) for `table`: a pointer to the type.
pub fn type_anchor(role: &str, table: &str) -> String {
    format!("__bccrs_{role}_{table}")
}

/// The hidden per-CPU array in which a program counts, per event table, the submissions the
/// kernel refused (a full perf or ring buffer, no reader on that CPU). The kernel reports perf
/// losses only on the next successful write and ring-buffer losses never; this count is exact.
/// Its slots are listed in `.bccrs.meta` (`Meta::lost`). Another loader sees one more map.
pub const LOST_MAP: &str = "__bccrs_lost";

/// Maps the compiler adds for itself: not the user's tables (not dumped, listed or pinned).
pub fn is_hidden(map_name: &str) -> bool {
    map_name == LOST_MAP
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renamed_names_read_back() {
        assert_eq!(user_name(&renamed("config")), "config");
        assert_eq!(user_name("counts"), "counts");
        assert_eq!(unrename_message("redefinition of 'config___bccrs'"), "redefinition of 'config'");
    }
}
