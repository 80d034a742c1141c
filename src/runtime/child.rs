//! The command `bccrs run -- CMD` traces. It is watched with ptrace (PTRACE_O_TRACEEXIT, nothing
//! else) so that it stops when it exits while its memory map still exists: the final map dump
//! symbolises user-space stack frames against it, then it is let go and its exit code returned.
//! It asks to be traced before its exec (PTRACE_TRACEME), so even a command that ends at once is
//! held. Signals reach it as before (each is passed on at once; a job-control stop stays a
//! stop). When ptrace is refused (bccrs itself is traced, or a security policy forbids it) the
//! command runs untraced and its frames stay addresses, as before.
use std::io;
use std::process::Command;

pub struct Child {
    pid: libc::pid_t,
    traced: bool,
    /// The exit code, once it is gone.
    code: Option<i32>,
    /// Stopped at its exit (traced only).
    at_exit: bool,
    /// Kept so that std does not reap or close anything behind our back.
    _std: std::process::Child,
}

const PTRACE_EVENT_EXIT: i32 = 6;

fn code_of(status: i32) -> i32 {
    if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    }
}

impl Child {
    pub fn spawn(argv: &[String]) -> io::Result<Child> {
        use std::os::unix::process::CommandExt;
        // The child tells whether PTRACE_TRACEME worked through a pipe (1 byte), so that the
        // parent waits for the stop after exec only when there will be one.
        let mut fds = [0; 2];
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
            return Err(io::Error::last_os_error());
        }
        let (rd, wr) = (fds[0], fds[1]);
        let mut cmd = Command::new(&argv[0]);
        cmd.args(&argv[1..]);
        unsafe {
            cmd.pre_exec(move || {
                let ok = libc::ptrace(libc::PTRACE_TRACEME, 0, std::ptr::null_mut::<libc::c_void>(), std::ptr::null_mut::<libc::c_void>()) == 0;
                let b: u8 = if ok { b'T' } else { b'N' };
                libc::write(wr, &b as *const u8 as *const libc::c_void, 1);
                Ok(())
            });
        }
        let spawned = cmd.spawn();
        unsafe { libc::close(wr) };
        let c = match spawned {
            Ok(c) => c,
            Err(e) => {
                unsafe { libc::close(rd) };
                return Err(e);
            }
        };
        let mut b = 0u8;
        let n = unsafe { libc::read(rd, &mut b as *mut u8 as *mut libc::c_void, 1) };
        unsafe { libc::close(rd) };
        let pid = c.id() as libc::pid_t;
        let mut traced = n == 1 && b == b'T';
        if traced {
            // Stopped by the SIGTRAP that follows a traced exec: set the option, let it run.
            let mut status = 0;
            let r = unsafe { libc::waitpid(pid, &mut status, libc::__WALL) };
            traced = r == pid && libc::WIFSTOPPED(status);
            if traced {
                unsafe {
                    // TRACEEXEC too: a later exec (a wrapper script exec'ing the real program) is
                    // then an event stop, not a SIGTRAP that would be passed on and kill it.
                    let opts = libc::PTRACE_O_TRACEEXIT | libc::PTRACE_O_TRACEEXEC;
                    libc::ptrace(libc::PTRACE_SETOPTIONS, pid, std::ptr::null_mut::<libc::c_void>(), opts as *mut libc::c_void);
                    libc::ptrace(libc::PTRACE_CONT, pid, std::ptr::null_mut::<libc::c_void>(), std::ptr::null_mut::<libc::c_void>());
                }
            }
        }
        Ok(Child { pid, traced, code: None, at_exit: false, _std: c })
    }

    pub fn pid(&self) -> u32 {
        self.pid as u32
    }

    /// Whether it has finished (stopped at its exit, or gone); passes on the signals and job
    /// control stops it meets. Does not block.
    pub fn finished(&mut self) -> bool {
        if self.code.is_some() || self.at_exit {
            return true;
        }
        loop {
            let mut status = 0;
            let r = unsafe { libc::waitpid(self.pid, &mut status, libc::WNOHANG | libc::__WALL) };
            if r == 0 {
                return false;
            }
            if r < 0 {
                // Reaped elsewhere or never ours: nothing more to learn.
                self.code.get_or_insert(0);
                return true;
            }
            if !libc::WIFSTOPPED(status) {
                self.code = Some(code_of(status));
                return true;
            }
            if status >> 8 == (libc::SIGTRAP | (PTRACE_EVENT_EXIT << 8)) {
                self.at_exit = true;
                return true;
            }
            self.resume(status);
        }
    }

    /// Continues a stopped tracee with the signal that stopped it. A job-control stop (SIGSTOP,
    /// SIGTSTP… already delivered: PTRACE_GETSIGINFO fails) is left stopped, as it would be
    /// untraced; SIGCONT ends it.
    fn resume(&self, status: i32) {
        let sig = libc::WSTOPSIG(status);
        unsafe {
            if matches!(sig, libc::SIGSTOP | libc::SIGTSTP | libc::SIGTTIN | libc::SIGTTOU) {
                let mut si: libc::siginfo_t = std::mem::zeroed();
                if libc::ptrace(libc::PTRACE_GETSIGINFO, self.pid, std::ptr::null_mut::<libc::c_void>(), &mut si as *mut _ as *mut libc::c_void) != 0 {
                    return;
                }
            }
            let sig = if status >> 16 != 0 { 0 } else { sig };
            libc::ptrace(libc::PTRACE_CONT, self.pid, std::ptr::null_mut::<libc::c_void>(), sig as usize as *mut libc::c_void);
        }
    }

    /// Lets it end (killed first if it still runs and `kill`) and returns its exit code: 130
    /// when it had to be killed.
    pub fn finish(self, kill: bool) -> i32 {
        if let Some(c) = self.code {
            return c;
        }
        let killed = !self.at_exit && kill;
        if killed {
            unsafe { libc::kill(self.pid, libc::SIGKILL) };
        }
        if self.at_exit {
            unsafe { libc::ptrace(libc::PTRACE_CONT, self.pid, std::ptr::null_mut::<libc::c_void>(), std::ptr::null_mut::<libc::c_void>()) };
        }
        loop {
            let mut status = 0;
            let r = unsafe { libc::waitpid(self.pid, &mut status, libc::__WALL) };
            if r < 0 {
                if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return if killed { 130 } else { 0 };
            }
            if libc::WIFSTOPPED(status) {
                if status >> 8 == (libc::SIGTRAP | (PTRACE_EVENT_EXIT << 8)) {
                    unsafe { libc::ptrace(libc::PTRACE_CONT, self.pid, std::ptr::null_mut::<libc::c_void>(), std::ptr::null_mut::<libc::c_void>()) };
                } else {
                    self.resume(status);
                }
                continue;
            }
            return if killed { 130 } else { code_of(status) };
        }
    }

    /// Whether it is held at its exit, memory map intact (so user frames can be symbolised).
    pub fn held_at_exit(&self) -> bool {
        self.traced && self.at_exit
    }
}
