//! The `junheng` binary: the command line (and, in time, the window) over the library.

fn main() -> std::process::ExitCode {
    let _ = junheng::app::PROCESS_START.set(std::time::Instant::now());
    junheng::cli::main()
}
