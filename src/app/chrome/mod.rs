//! The window's chrome around the panels: the menu bar, the tab bar, the status bar and the
//! problems panel. Each reads the state and sends commands.

pub mod menu;
pub mod problems;
pub mod status;
pub mod tabs;
