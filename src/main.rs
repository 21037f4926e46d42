//! The `junheng` binary: the command line (and, in time, the window) over the library.

fn main() -> std::process::ExitCode {
    junheng::cli::main()
}
