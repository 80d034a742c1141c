//! The thread every compile runs on, with a stack for the deepest program the limits accept.
use super::options::Failure;
use crate::base::diag::Sources;

/// The stack of the thread a compile runs on. bccrs's walks of the AST recurse once per level
/// and so does libclang's visitor; `frontend::limits` bounds the depth and this holds the
/// deepest accepted program with room to spare (only the pages touched are ever allocated).
pub const COMPILE_STACK: usize = 1 << 30;

/// Runs `f` on a thread with `COMPILE_STACK` of stack.
pub(crate) fn on_compile_stack<T: Send>(f: impl FnOnce() -> Result<T, Failure> + Send) -> Result<T, Failure> {
    std::thread::scope(|s| {
        let h = std::thread::Builder::new()
            .name("bccrs-compile".into())
            .stack_size(COMPILE_STACK)
            .spawn_scoped(s, f)
            .map_err(|e| Failure::plain(format!("cannot start the compile thread: {e}"), Sources::new()))?;
        h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
    })
}

