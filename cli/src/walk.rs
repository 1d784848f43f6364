//! Expanding the command line's paths into files: folders recursively (`.yaml`, `.yml`,
//! `.json`), symbolic links followed with loop detection, config excludes applied. Problems are
//! returned as entries, never dropped.

use kubeward::config::Config;
use std::path::Path;

/// One input to lint.
#[derive(Debug)]
pub enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file, with the path as it will be shown.
    File(String),
    /// A path that could not be walked, with the reason.
    Error { path: String, message: String, explicit: bool },
}

fn is_manifest(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json"))
}

fn display(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}

/// Expands the paths given on the command line.
pub fn expand(paths: &[String], config: &Config) -> Vec<Input> {
    let mut inputs = Vec::new();
    for arg in paths {
        if arg == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(arg);
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                inputs.push(Input::Error {
                    path: arg.clone(),
                    message: format!("cannot read {arg}: {e}"),
                    explicit: true,
                });
                continue;
            }
        };
        if !meta.is_dir() {
            // A file named explicitly is linted whatever its extension.
            inputs.push(Input::File(display(path)));
            continue;
        }
        let mut files = Vec::new();
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let git = e.file_type().is_dir() && e.file_name() == ".git";
                e.depth() == 0 || !(git || config.excluded(&display(e.path())))
            });
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() && is_manifest(e.path()) => {
                    files.push(Input::File(display(e.path())))
                }
                Ok(_) => {}
                Err(e) => {
                    let p = e.path().map_or_else(|| arg.clone(), display);
                    let message = if e.loop_ancestor().is_some() {
                        format!("symbolic link loop at {p}")
                    } else {
                        format!(
                            "cannot read {p}: {}",
                            e.io_error().map_or_else(|| e.to_string(), ToString::to_string)
                        )
                    };
                    files.push(Input::Error { path: p, message, explicit: false });
                }
            }
        }
        inputs.extend(files);
    }
    inputs
}
