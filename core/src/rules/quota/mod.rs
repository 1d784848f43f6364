//! ResourceQuota and LimitRange coverage.

pub mod namespace_unbounded;
