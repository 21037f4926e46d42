//! 关于均衡 and the program's identity: the window's icon decodes, the About window shows the
//! version and the licences, `junheng --version` prints the version.

use junheng::app::Command;

mod common;
use common::ui::*;

#[test]
fn the_icon_decodes_and_about_shows_the_version_and_licences() {
    let icon = eframe::icon_data::from_png_bytes(junheng::app::ICON_PNG).expect("the icon decodes");
    assert_eq!((icon.width, icon.height), (256, 256));
    // Not blank: the tile's blue and the balance's white are both there.
    let px: Vec<&[u8]> = icon.rgba.chunks(4).collect();
    assert!(
        px.iter().any(|p| p[2] > 150 && p[0] < 60 && p[3] == 255),
        "blue"
    );
    assert!(
        px.iter().any(|p| p[0] > 240 && p[1] > 240 && p[2] > 240),
        "white"
    );
    let mut h = harness();
    h.run_steps(2);
    click(&mut h, "帮助");
    click(&mut h, "关于均衡");
    h.run_steps(3);
    assert!(h.state().view.windows.about);
    assert!(has_label(
        &h,
        &format!("版本 {}", env!("CARGO_PKG_VERSION"))
    ));
    assert!(has_label(&h, "许可：MIT OR Apache-2.0"));
    h.state().command(Command::ShowAbout(false));
    h.run_steps(2);
    assert!(!has_label(&h, "许可：MIT OR Apache-2.0"));
}

#[test]
fn the_version_is_printed() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_junheng"))
        .arg("--version")
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("junheng {}", env!("CARGO_PKG_VERSION"))
    );
}
