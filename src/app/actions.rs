//! The window's actions in one table: each with its label, its shortcut and its place in the
//! menus. The menu bar, the shortcut handler and the shortcut list under Help all read it.

use super::command::Command;
use crate::i18n::Tr;
use eframe::egui::{Key, KeyboardShortcut, Modifiers};

/// Where an action appears in the menu bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    Help,
    /// Not in a menu: a shortcut (and a button elsewhere) only.
    None,
}

/// When a shortcut is live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// In the normal window.
    Window,
    /// In presentation mode.
    Presenting,
    /// Always.
    Always,
}

/// One action.
pub struct Action {
    pub zh: &'static str,
    pub en: &'static str,
    /// What it does.
    pub command: fn() -> Command,
    pub shortcuts: &'static [KeyboardShortcut],
    pub menu: Menu,
    /// A separator above it in its menu.
    pub separator: bool,
    pub when: When,
}

impl Action {
    /// The label in the current language.
    pub fn label(&self, tr: Tr) -> &'static str {
        tr.s(self.zh, self.en)
    }

    /// The first shortcut as the menu shows it ("Ctrl+O").
    pub fn shortcut_text(&self, ctx: &eframe::egui::Context) -> Option<String> {
        self.shortcuts.first().map(|s| ctx.format_shortcut(s))
    }
}

const fn key(k: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, k)
}

const fn ctrl(k: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, k)
}

/// Every action. Order matters twice: it is the order in the menus, and a shortcut with more
/// modifiers comes before one with fewer (Ctrl+Shift+Z must not also match Ctrl+Z).
pub const ACTIONS: &[Action] = &[
    Action {
        zh: "打开…",
        en: "Open…",
        command: || Command::ShowOpenWindow(true),
        shortcuts: &[ctrl(Key::O)],
        menu: Menu::File,
        separator: false,
        when: When::Window,
    },
    Action {
        zh: "打开示例数据",
        en: "Open the sample county",
        command: || Command::OpenSample,
        shortcuts: &[],
        menu: Menu::File,
        separator: false,
        when: When::Window,
    },
    Action {
        zh: "新建项目",
        en: "New project",
        command: || Command::NewProject,
        shortcuts: &[],
        menu: Menu::File,
        separator: true,
        when: When::Window,
    },
    Action {
        zh: "保存项目",
        en: "Save project",
        command: || Command::SaveProject,
        shortcuts: &[ctrl(Key::S)],
        menu: Menu::File,
        separator: false,
        when: When::Window,
    },
    Action {
        zh: "项目另存为…",
        en: "Save project as…",
        command: || Command::ShowSaveAsWindow(true),
        shortcuts: &[],
        menu: Menu::File,
        separator: false,
        when: When::Window,
    },
    Action {
        zh: "导出报告（Excel / PDF / PowerPoint）…",
        en: "Export a report (Excel / PDF / PowerPoint)…",
        command: || Command::ShowReportWindow(true),
        shortcuts: &[],
        menu: Menu::File,
        separator: true,
        when: When::Window,
    },
    Action {
        zh: "导出演示文稿（PowerPoint，可编辑）…",
        en: "Export a PowerPoint deck (editable)…",
        command: || Command::ShowDeckWindow,
        shortcuts: &[],
        menu: Menu::File,
        separator: false,
        when: When::Window,
    },
    Action {
        zh: "导出自评报告草稿（Word）…",
        en: "Export the self-assessment report draft (Word)…",
        command: || Command::ShowDocxWindow,
        shortcuts: &[],
        menu: Menu::File,
        separator: false,
        when: When::Window,
    },
    Action {
        zh: "保存全部幻灯片为 PNG",
        en: "Save all slides as PNG",
        command: || Command::ExportSlides,
        shortcuts: &[],
        menu: Menu::File,
        separator: false,
        when: When::Window,
    },
    Action {
        zh: "生成数据模板…",
        en: "Write a data template…",
        command: || Command::ShowTemplateWindow(true),
        shortcuts: &[],
        menu: Menu::File,
        separator: false,
        when: When::Window,
    },
    Action {
        zh: "退出",
        en: "Quit",
        command: || Command::Quit,
        shortcuts: &[],
        menu: Menu::File,
        separator: true,
        when: When::Window,
    },
    Action {
        zh: "重做",
        en: "Redo",
        command: || Command::Redo,
        shortcuts: &[
            KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z),
            ctrl(Key::Y),
        ],
        menu: Menu::None,
        separator: false,
        when: When::Window,
    },
    Action {
        zh: "撤销",
        en: "Undo",
        command: || Command::Undo,
        shortcuts: &[ctrl(Key::Z)],
        menu: Menu::None,
        separator: false,
        when: When::Window,
    },
    Action {
        zh: "演示",
        en: "Present",
        command: || Command::StartPresentation,
        shortcuts: &[key(Key::F5)],
        menu: Menu::None,
        separator: false,
        when: When::Window,
    },
    Action {
        zh: "下一页",
        en: "Next slide",
        command: || Command::Slide(1),
        shortcuts: &[
            key(Key::ArrowRight),
            key(Key::Space),
            key(Key::PageDown),
            key(Key::ArrowDown),
        ],
        menu: Menu::None,
        separator: false,
        when: When::Presenting,
    },
    Action {
        zh: "上一页",
        en: "Previous slide",
        command: || Command::Slide(-1),
        shortcuts: &[key(Key::ArrowLeft), key(Key::PageUp), key(Key::ArrowUp)],
        menu: Menu::None,
        separator: false,
        when: When::Presenting,
    },
    Action {
        zh: "退出演示",
        en: "Leave the presentation",
        command: || Command::StopPresentation,
        shortcuts: &[key(Key::Escape)],
        menu: Menu::None,
        separator: false,
        when: When::Presenting,
    },
    Action {
        zh: "计算方法",
        en: "How it is computed",
        command: || Command::ShowMethod(true),
        shortcuts: &[],
        menu: Menu::Help,
        separator: false,
        when: When::Always,
    },
    Action {
        zh: "关于均衡",
        en: "About junheng",
        command: || Command::ShowAbout(true),
        shortcuts: &[],
        menu: Menu::Help,
        separator: true,
        when: When::Always,
    },
];

/// The actions of one menu, in order.
pub fn in_menu(menu: Menu) -> impl Iterator<Item = &'static Action> {
    ACTIONS.iter().filter(move |a| a.menu == menu)
}

/// The commands whose shortcuts were pressed this frame (each consumed so that no widget also
/// sees it).
pub fn pressed(ctx: &eframe::egui::Context, presenting: bool) -> Vec<Command> {
    let mut out = Vec::new();
    for a in ACTIONS {
        let live = match a.when {
            When::Always => true,
            When::Window => !presenting,
            When::Presenting => presenting,
        };
        if !live {
            continue;
        }
        for s in a.shortcuts {
            if ctx.input_mut(|i| i.consume_shortcut(s)) {
                out.push((a.command)());
            }
        }
    }
    out
}
