//! The RBAC engine at scale: 10,000 roles and 50,000 bindings (plus the bootstrap policy),
//! measuring the authorizer (aggregation, indexes), the permission graph and every path.
//!
//! `CARGO_TARGET_DIR=… cargo bench -p kubeward --bench rbac`

use criterion::{Criterion, criterion_group, criterion_main};
use kubeward::rbac::{Authorizer, PathOptions, PermissionGraph, paths};
use std::hint::black_box;

#[path = "../tests/rbac_synth.rs"]
mod synth;

fn bench(c: &mut Criterion) {
    let input = synth::synthetic(10_000, 50_000, 42);
    let mut group = c.benchmark_group("rbac");
    group.sample_size(10);
    group.bench_function("authorizer+graph+paths (10k roles, 50k bindings)", |b| {
        b.iter(|| {
            let authz = Authorizer::new(black_box(&input));
            let graph = PermissionGraph::build(&authz);
            black_box(paths::find(&graph, &PathOptions::default()))
        });
    });
    let authz = Authorizer::new(&input);
    group.bench_function("authorizer only", |b| b.iter(|| Authorizer::new(black_box(&input))));
    group.bench_function("graph only", |b| b.iter(|| PermissionGraph::build(black_box(&authz))));
    let graph = PermissionGraph::build(&authz);
    group.bench_function("paths only", |b| {
        b.iter(|| paths::find(black_box(&graph), &PathOptions::default()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
