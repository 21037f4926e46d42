//! The `junheng` binary: no subcommand opens the window (on a file, if one is named); a
//! subcommand runs the command line. The command line never reaches into the window's code.

fn main() -> std::process::ExitCode {
    let _ = junheng::app::PROCESS_START.set(std::time::Instant::now());
    let cli = match junheng::cli::parse() {
        Ok(c) => c,
        Err(code) => return code,
    };
    match cli.command {
        Some(command) => junheng::cli::run(command),
        None => match junheng::app::run(cli.files) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("无法打开窗口 / cannot open the window: {e}");
                std::process::ExitCode::FAILURE
            }
        },
    }
}
