//! workload rules.
