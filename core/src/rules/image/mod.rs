//! image rules.
