//! Batch operations (BPF_MAP_*_BATCH), falling back to one operation per element where the
//! kernel or the map type has no batch command — with the same results either way.
use super::table::{Errno, Result, Table};
use libbpf_sys as sys;
use std::ffi::c_void;

/// A batch that stopped part way: how many elements were done, and why it stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchError {
    pub done: usize,
    pub errno: Errno,
}

const ENOTSUPP: i32 = 524;

/// The kernel has no batch command for this map (or at all).
fn unsupported(e: i32) -> bool {
    e == ENOTSUPP || e == libc::EOPNOTSUPP || e == libc::ENOSYS
}

/// Elements a failed update/delete batch completed. The kernel writes `count` back only once
/// it has started on the elements (then it is the index of the failing one, below `asked`); a
/// call it rejects as a whole (no batch command for the map, `elem_flags` other than
/// BPF_F_LOCK) leaves the `asked` count libbpf passed in.
fn done_before_failure(count: u32, asked: usize) -> usize {
    if count as usize >= asked {
        0
    } else {
        count as usize
    }
}

fn opts(elem_flags: u64) -> sys::bpf_map_batch_opts {
    sys::bpf_map_batch_opts { sz: std::mem::size_of::<sys::bpf_map_batch_opts>() as _, elem_flags, flags: 0 }
}

impl Table<'_> {
    /// Every (key, value) in as few syscalls as the kernel allows; `delete` also removes them
    /// (atomically per element with the kernel's command; the fallback looks up, then deletes).
    fn read_batch(&self, delete: bool) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let (keys, vals, n) = self.read_batch_flat(delete)?;
        let (ks, vs) = (self.key_size, self.value_buf_len());
        Ok((0..n).map(|i| (keys[i * ks..(i + 1) * ks].to_vec(), vals[i * vs..(i + 1) * vs].to_vec())).collect())
    }

    /// Every entry as two packed buffers (keys, values) and their count, read straight into
    /// place batch after batch — no allocation per entry (the C ABI copies these out).
    pub fn read_batch_flat(&self, delete: bool) -> Result<(Vec<u8>, Vec<u8>, usize)> {
        let (ks, vs) = (self.key_size, self.value_buf_len());
        let mut chunk = (self.max_entries as usize).clamp(1, 4096);
        let (mut keys, mut vals) = (Vec::new(), Vec::new());
        let mut n_total = 0usize;
        let tok = ks.max(8);
        let mut in_batch: Option<Vec<u8>> = None;
        let mut out_batch = vec![0u8; tok];
        loop {
            keys.resize((n_total + chunk) * ks, 0);
            vals.resize((n_total + chunk) * vs, 0);
            let mut count = chunk as u32;
            let o = opts(0);
            let inp = in_batch.as_mut().map_or(std::ptr::null_mut(), |b| b.as_mut_ptr() as *mut c_void);
            let ret = unsafe {
                let f = if delete { sys::bpf_map_lookup_and_delete_batch } else { sys::bpf_map_lookup_batch };
                f(
                    self.fd(),
                    inp,
                    out_batch.as_mut_ptr() as *mut c_void,
                    keys.as_mut_ptr().add(n_total * ks) as *mut c_void,
                    vals.as_mut_ptr().add(n_total * vs) as *mut c_void,
                    &mut count,
                    &o,
                )
            };
            let n = count as usize;
            if ret < 0 && -ret == libc::ENOSPC && n == 0 {
                // A hash bucket holds more entries than fit: retry with room for them.
                chunk *= 2;
                continue;
            }
            if ret < 0 && -ret != libc::ENOENT {
                if in_batch.is_none() && n_total == 0 && (unsupported(-ret) || -ret == libc::EINVAL) {
                    let items = self.read_each(delete)?;
                    let n = items.len();
                    let (k, v): (Vec<Vec<u8>>, Vec<Vec<u8>>) = items.into_iter().unzip();
                    return Ok((k.concat(), v.concat(), n));
                }
                return Err(Errno(-ret));
            }
            n_total += n;
            if ret < 0 {
                // ENOENT: that was the last batch.
                keys.truncate(n_total * ks);
                vals.truncate(n_total * vs);
                return Ok((keys, vals, n_total));
            }
            in_batch = Some(out_batch.clone());
        }
    }

    fn read_each(&self, delete: bool) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let items = self.items()?;
        if delete {
            for (k, _) in &items {
                match self.delete(k) {
                    Ok(()) | Err(Errno::ENOENT) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(items)
    }

    /// Every (key, value), by BPF_MAP_LOOKUP_BATCH (or per element).
    pub fn lookup_batch(&self) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        self.read_batch(false)
    }

    /// Every (key, value), removed, by BPF_MAP_LOOKUP_AND_DELETE_BATCH (or per element).
    pub fn lookup_and_delete_batch(&self) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        self.read_batch(true)
    }

    /// Writes keys[i] → values[i] (values in the kernel's layout, per-CPU joined) with
    /// `flags` for every element; stops at the first failure like the kernel does.
    pub fn update_batch(&self, keys: &[Vec<u8>], values: &[Vec<u8>], flags: u64) -> std::result::Result<usize, BatchError> {
        let bad = |done| BatchError { done, errno: Errno(libc::EINVAL) };
        if keys.len() != values.len()
            || keys.iter().any(|k| k.len() != self.key_size)
            || values.iter().any(|v| v.len() != self.value_buf_len())
        {
            return Err(bad(0));
        }
        if keys.is_empty() {
            return Ok(0);
        }
        let kb: Vec<u8> = keys.concat();
        let vb: Vec<u8> = values.concat();
        let mut count = keys.len() as u32;
        let o = opts(flags);
        let ret = unsafe { sys::bpf_map_update_batch(self.fd(), kb.as_ptr() as *const c_void, vb.as_ptr() as *const c_void, &mut count, &o) };
        if ret == 0 {
            return Ok(keys.len());
        }
        let done = done_before_failure(count, keys.len());
        if done == 0 && (unsupported(-ret) || -ret == libc::EINVAL) {
            for (i, (k, v)) in keys.iter().zip(values).enumerate() {
                self.update(k, v, flags).map_err(|errno| BatchError { done: i, errno })?;
            }
            return Ok(keys.len());
        }
        Err(BatchError { done, errno: Errno(-ret) })
    }

    /// Deletes every key given; stops at the first failure (ENOENT for a missing key).
    pub fn delete_batch(&self, keys: &[Vec<u8>]) -> std::result::Result<usize, BatchError> {
        if keys.iter().any(|k| k.len() != self.key_size) {
            return Err(BatchError { done: 0, errno: Errno(libc::EINVAL) });
        }
        if keys.is_empty() {
            return Ok(0);
        }
        let kb: Vec<u8> = keys.concat();
        let mut count = keys.len() as u32;
        let o = opts(0);
        let ret = unsafe { sys::bpf_map_delete_batch(self.fd(), kb.as_ptr() as *const c_void, &mut count, &o) };
        if ret == 0 {
            return Ok(keys.len());
        }
        let done = done_before_failure(count, keys.len());
        if done == 0 && (unsupported(-ret) || -ret == libc::EINVAL) {
            for (i, k) in keys.iter().enumerate() {
                self.delete(k).map_err(|errno| BatchError { done: i, errno })?;
            }
            return Ok(keys.len());
        }
        Err(BatchError { done, errno: Errno(-ret) })
    }
}
