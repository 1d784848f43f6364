//! Finding and loading `.kubeward.yaml`.

use crate::{Exit, err};
use kubeward::config::Config;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, SourceSpan,
};
use std::path::{Path, PathBuf};

/// The nearest `.kubeward.yaml` from `start` upwards.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|d| d.join(".kubeward.yaml")).find(|p| p.is_file())
}

/// Loads the config: `explicit`, else the discovered one, else the default. Errors are printed
/// with their location and map to exit code 2.
pub fn load(explicit: Option<&Path>, disabled: bool) -> Result<Config, Exit> {
    if disabled {
        return Ok(Config::default());
    }
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match std::env::current_dir().ok().and_then(|d| find_config(&d)) {
            Some(p) => p,
            None => return Ok(Config::default()),
        },
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            err(&format!("error: cannot read config {}: {e}\n", path.display()));
            return Err(Exit::Usage);
        }
    };
    Config::parse(&text).map_err(|errors| {
        let handler =
            GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_links(false);
        for e in errors {
            let diag = MietteDiagnostic::new(e.message).with_code("config").with_labels([
                LabeledSpan::new_primary_with_span(
                    None,
                    SourceSpan::new((e.span.start as usize).into(), e.span.len()),
                ),
            ]);
            let report = miette::Report::new(diag)
                .with_source_code(NamedSource::new(path.display().to_string(), text.clone()));
            let mut s = String::new();
            let _ = handler.render_report(&mut s, report.as_ref());
            err(&s);
        }
        Exit::Usage
    })
}
