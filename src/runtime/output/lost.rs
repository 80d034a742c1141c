//! Reading the loss counters a bccrs-compiled program keeps per event table (the hidden per-CPU
//! array `object::names::LOST_MAP`, slots in `.bccrs.meta`): every submission the kernel
//! refused, counted when it happened, so losses at the end of a run and ring-buffer losses are
//! counted too (the kernel reports neither).
use crate::object::names::LOST_MAP;
use crate::runtime::load::Loaded;
use libbpf_rs::MapCore;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};

/// The counters of one loaded program, on a duplicate of the map's fd (so the reader may
/// outlive a detach, or be kept apart from the object).
pub struct LossCounters {
    fd: OwnedFd,
    /// (table as the user wrote it, slot)
    slots: Vec<(String, u32)>,
}

impl LossCounters {
    /// None for an object without counters (not compiled by bccrs, or without event tables).
    pub fn open(loaded: &Loaded) -> Option<LossCounters> {
        if loaded.meta.lost.is_empty() {
            return None;
        }
        let map = loaded.object.maps().find(|m| m.name() == LOST_MAP)?;
        let fd = map.as_fd().try_clone_to_owned().ok()?;
        let slots = loaded.meta.lost.iter().map(|(t, s)| (crate::object::names::user_name(t).to_string(), *s)).collect();
        Some(LossCounters { fd, slots })
    }

    pub fn has(&self, table: &str) -> bool {
        self.slots.iter().any(|(t, _)| t == table)
    }

    /// Events of `table` the kernel refused so far, summed over CPUs; None when the table has
    /// no counter or the read failed.
    pub fn read(&self, table: &str) -> Option<u64> {
        let slot = self.slots.iter().find(|(t, _)| t == table)?.1;
        let mut buf = vec![0u8; 8 * crate::base::cpus::possible_cpus()];
        // SAFETY: the buffer holds one u64 per possible CPU, the value size of a per-CPU array
        // of u64.
        let r = unsafe {
            libbpf_sys::bpf_map_lookup_elem(
                self.fd.as_raw_fd(),
                &slot as *const u32 as *const _,
                buf.as_mut_ptr() as *mut _,
            )
        };
        if r < 0 {
            return None;
        }
        Some(buf.chunks_exact(8).map(|c| u64::from_ne_bytes(c.try_into().unwrap_or_default())).sum())
    }
}
