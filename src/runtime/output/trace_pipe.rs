//! `bpf_trace_printk` output, read from tracefs's trace_pipe without blocking.
use std::fs::File;
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;

pub struct TracePipe {
    file: File,
    partial: Vec<u8>,
}

impl TracePipe {
    pub fn open() -> Result<TracePipe, String> {
        let root = crate::base::tracefs::tracefs_root()?;
        let path = root.join("trace_pipe");
        let file = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&path)
            .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
        Ok(TracePipe { file, partial: Vec::new() })
    }

    /// Complete lines available now.
    pub fn read_lines(&mut self) -> Vec<String> {
        let mut buf = [0u8; 8192];
        loop {
            match self.file.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => self.partial.extend_from_slice(&buf[..n]),
            }
        }
        let mut lines = Vec::new();
        while let Some(p) = self.partial.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.partial.drain(..=p).collect();
            lines.push(String::from_utf8_lossy(&line[..line.len() - 1]).into_owned());
        }
        lines
    }
}
