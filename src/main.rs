//! The `bccrs` command (src/cli).
fn main() -> std::process::ExitCode {
    bccrs::cli::main()
}
