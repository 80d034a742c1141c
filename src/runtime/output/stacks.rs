//! Stack-trace map values (instruction pointers) turned into `symbol+0xoff` frames with
//! blazesym: kernel addresses through kallsyms, user addresses through the traced process.
use blazesym::symbolize::source::{Kernel, Process, Source};
use blazesym::symbolize::{Input, Symbolized, Symbolizer};
use blazesym::Pid;

/// On x86-64 (and arm64) kernel text lives in the upper half of the address space.
fn is_kernel(ip: u64) -> bool {
    ip >= 0xffff_8000_0000_0000
}

pub struct Stacks {
    symbolizer: Symbolizer,
    pid: Option<u32>,
}

impl Stacks {
    /// `pid`: the process user-space frames belong to (the traced command or `-p`), if known.
    pub fn new(pid: Option<u32>) -> Stacks {
        Stacks { symbolizer: Symbolizer::new(), pid }
    }

    /// Frames of one stack, innermost first; trailing zero entries end the stack.
    pub fn frames(&self, ips: &[u64]) -> Vec<String> {
        let ips: Vec<u64> = ips.iter().copied().take_while(|&ip| ip != 0).collect();
        let (kernel, user): (Vec<u64>, Vec<u64>) = ips.iter().partition(|&&ip| is_kernel(ip));
        let ksrc = Source::Kernel(Kernel::default());
        let mut named = std::collections::HashMap::new();
        for (src, addrs) in [(Some(ksrc), &kernel), (self.pid.map(|p| Source::Process(Process::new(Pid::from(p)))), &user)] {
            let (Some(src), false) = (src, addrs.is_empty()) else { continue };
            if let Ok(syms) = self.symbolizer.symbolize(&src, Input::AbsAddr(addrs)) {
                for (ip, s) in addrs.iter().zip(syms) {
                    if let Symbolized::Sym(sym) = s {
                        named.insert(*ip, format!("{}+{:#x}", sym.name, sym.offset));
                    }
                }
            }
        }
        ips.iter().map(|ip| named.remove(ip).unwrap_or_else(|| format!("{ip:#x}"))).collect()
    }
}

thread_local! {
    /// One symbolizer per thread for single lookups: it keeps kallsyms and the ELF files it has
    /// read (a new one per call re-read kallsyms: 30–160 ms a lookup).
    static SYMBOLIZER: Symbolizer = Symbolizer::new();
}

/// The symbol containing one address: kernel addresses through kallsyms, user addresses
/// through process `pid`.
pub fn symbol(pid: Option<u32>, addr: u64) -> Option<(String, u64)> {
    let src = if is_kernel(addr) {
        Source::Kernel(Kernel::default())
    } else {
        Source::Process(Process::new(Pid::from(pid?)))
    };
    SYMBOLIZER.with(|s| {
        let syms = s.symbolize(&src, Input::AbsAddr(&[addr])).ok()?;
        match syms.into_iter().next()? {
            Symbolized::Sym(sym) => Some((sym.name.into_owned(), sym.offset as u64)),
            Symbolized::Unknown(_) => None,
        }
    })
}
