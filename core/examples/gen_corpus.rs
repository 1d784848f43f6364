//! Writes a synthetic manifest corpus for the benchmarks: N documents in files of 5 documents,
//! a deterministic mix of workloads (some insecure), Services, ConfigMaps, ServiceAccounts,
//! RBAC, NetworkPolicies and Ingresses over 50 namespaces, about 1.2 KB per document (the shape
//! of the 2,000-file / 10,000-document corpus that issue 8 measures the peers on).
//!
//! `cargo run --release -p kubeward --example gen_corpus -- 10000 /tmp/synth-10k`

#![expect(clippy::print_stderr, reason = "a command-line tool: says what it wrote")]

use std::fmt::Write as _;
use std::path::PathBuf;

/// A small deterministic generator (splitmix64), so every run writes the same bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const DOCS_PER_FILE: usize = 5;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: gen_corpus N_DOCUMENTS OUT_DIR";
    let n: usize = args.next().ok_or(usage)?.parse()?;
    let out = PathBuf::from(args.next().ok_or(usage)?);
    std::fs::create_dir_all(&out)?;
    let mut rng = Rng(42);
    let mut bytes = 0usize;
    let mut file_text = String::new();
    for i in 0..n {
        if !file_text.is_empty() {
            file_text.push_str("---\n");
        }
        document(&mut rng, i, &mut file_text);
        if (i + 1) % DOCS_PER_FILE == 0 || i + 1 == n {
            let dir = out.join(format!("team-{:03}", (i / DOCS_PER_FILE) % 100));
            std::fs::create_dir_all(&dir)?;
            std::fs::write(dir.join(format!("app-{:06}.yaml", i / DOCS_PER_FILE)), &file_text)?;
            bytes += file_text.len();
            file_text.clear();
        }
    }
    let files = n.div_ceil(DOCS_PER_FILE);
    eprintln!("wrote {n} documents in {files} files, {bytes} bytes, to {}", out.display());
    Ok(())
}

fn document(rng: &mut Rng, i: usize, s: &mut String) {
    let ns = format!("team-{:02}", rng.below(50));
    let name = format!("app-{i}");
    match rng.below(20) {
        0..=6 => workload(rng, "apps/v1", "Deployment", &ns, &name, s),
        7 => workload(rng, "apps/v1", "StatefulSet", &ns, &name, s),
        8 => workload(rng, "batch/v1", "CronJob", &ns, &name, s),
        9..=11 => service(rng, &ns, &name, s),
        12..=13 => config_map(rng, &ns, &name, s),
        14 => {
            let _ = writeln!(
                s,
                "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels:\n    app.kubernetes.io/name: {name}\nautomountServiceAccountToken: false"
            );
        }
        15 => role(rng, &ns, &name, s),
        16 => binding(rng, &ns, &name, s),
        17 => network_policy(&ns, &name, s),
        _ => ingress(&ns, &name, s),
    }
}

fn labels(name: &str, indent: &str, s: &mut String) {
    let _ = writeln!(s, "{indent}app.kubernetes.io/name: {name}");
    let _ = writeln!(s, "{indent}app.kubernetes.io/part-of: synthetic");
    let _ = writeln!(s, "{indent}app.kubernetes.io/managed-by: kubeward-bench");
}

fn workload(rng: &mut Rng, api: &str, kind: &str, ns: &str, name: &str, s: &mut String) {
    let insecure = rng.below(4) == 0;
    let _ = writeln!(
        s,
        "apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels:"
    );
    labels(name, "    ", s);
    let _ = writeln!(s, "spec:");
    let pod_indent = if kind == "CronJob" {
        let _ =
            writeln!(s, "  schedule: \"*/5 * * * *\"\n  jobTemplate:\n    spec:\n      template:");
        "        "
    } else {
        let _ = writeln!(s, "  replicas: {}\n  selector:\n    matchLabels:", 1 + rng.below(5));
        let _ = writeln!(s, "      app.kubernetes.io/name: {name}");
        if kind == "StatefulSet" {
            let _ = writeln!(s, "  serviceName: {name}");
        }
        let _ = writeln!(s, "  template:");
        "    "
    };
    let p = pod_indent;
    let _ = writeln!(s, "{p}metadata:\n{p}  labels:");
    labels(name, &format!("{p}    "), s);
    let _ = writeln!(s, "{p}spec:");
    let _ = writeln!(s, "{p}  serviceAccountName: {name}");
    if kind == "CronJob" {
        let _ = writeln!(s, "{p}  restartPolicy: OnFailure");
    }
    if insecure {
        let _ = writeln!(s, "{p}  hostNetwork: true");
    } else {
        let _ = writeln!(
            s,
            "{p}  securityContext:\n{p}    runAsNonRoot: true\n{p}    runAsUser: 10001\n{p}    seccompProfile:\n{p}      type: RuntimeDefault"
        );
    }
    let _ = writeln!(s, "{p}  containers:");
    let _ = writeln!(s, "{p}    - name: app");
    let tag = if insecure {
        "latest".to_owned()
    } else {
        format!("1.{}.{}", rng.below(30), rng.below(10))
    };
    let _ = writeln!(s, "{p}      image: registry.example.com/{ns}/{name}:{tag}");
    let _ = writeln!(
        s,
        "{p}      ports:\n{p}        - containerPort: {}\n{p}          name: http",
        8000 + rng.below(1000)
    );
    let _ = writeln!(
        s,
        "{p}      env:\n{p}        - name: LOG_LEVEL\n{p}          value: info\n{p}        - name: POD_NAME\n{p}          valueFrom:\n{p}            fieldRef:\n{p}              fieldPath: metadata.name"
    );
    let _ = writeln!(
        s,
        "{p}      resources:\n{p}        requests:\n{p}          cpu: 100m\n{p}          memory: 128Mi\n{p}        limits:\n{p}          memory: 256Mi"
    );
    if insecure {
        let _ = writeln!(
            s,
            "{p}      securityContext:\n{p}        privileged: true\n{p}        capabilities:\n{p}          add: [\"SYS_ADMIN\"]"
        );
    } else {
        let _ = writeln!(
            s,
            "{p}      securityContext:\n{p}        allowPrivilegeEscalation: false\n{p}        readOnlyRootFilesystem: true\n{p}        capabilities:\n{p}          drop: [\"ALL\"]"
        );
        let _ = writeln!(
            s,
            "{p}      readinessProbe:\n{p}        httpGet:\n{p}          path: /healthz\n{p}          port: http\n{p}      livenessProbe:\n{p}        httpGet:\n{p}          path: /healthz\n{p}          port: http"
        );
    }
}

fn service(rng: &mut Rng, ns: &str, name: &str, s: &mut String) {
    let _ = writeln!(
        s,
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels:"
    );
    labels(name, "    ", s);
    let _ = writeln!(
        s,
        "spec:\n  type: ClusterIP\n  selector:\n    app.kubernetes.io/name: {name}\n  ports:\n    - name: http\n      port: 80\n      targetPort: {}\n      protocol: TCP",
        8000 + rng.below(1000)
    );
}

fn config_map(rng: &mut Rng, ns: &str, name: &str, s: &mut String) {
    let _ = writeln!(
        s,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: {ns}\ndata:"
    );
    for k in 0..(4 + rng.below(8)) {
        let _ = writeln!(
            s,
            "  setting-{k}: \"value {k} for {name} with some text to make it realistic\""
        );
    }
    let _ = writeln!(
        s,
        "  app.properties: |\n    server.port=8080\n    feature.flag={}\n    cache.size=512",
        rng.below(2) == 0
    );
}

fn role(rng: &mut Rng, ns: &str, name: &str, s: &mut String) {
    let _ = writeln!(
        s,
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: {name}\n  namespace: {ns}\nrules:"
    );
    let _ = writeln!(
        s,
        "  - apiGroups: [\"\"]\n    resources: [\"configmaps\", \"services\"]\n    verbs: [\"get\", \"list\", \"watch\"]"
    );
    if rng.below(5) == 0 {
        let _ = writeln!(
            s,
            "  - apiGroups: [\"apps\"]\n    resources: [\"deployments\"]\n    verbs: [\"create\", \"update\", \"patch\"]"
        );
    }
}

fn binding(rng: &mut Rng, ns: &str, name: &str, s: &mut String) {
    let role = if rng.below(10) == 0 {
        "ClusterRole\n  name: edit".to_owned()
    } else {
        format!("Role\n  name: app-{}", rng.below(10_000))
    };
    let _ = writeln!(
        s,
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: {name}\n  namespace: {ns}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: {role}\nsubjects:\n  - kind: ServiceAccount\n    name: app-{}\n    namespace: {ns}",
        rng.below(10_000)
    );
}

fn network_policy(ns: &str, name: &str, s: &mut String) {
    let _ = writeln!(
        s,
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  podSelector: {{}}\n  policyTypes: [\"Ingress\", \"Egress\"]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: {ns}\n  egress:\n    - to:\n        - ipBlock:\n            cidr: 10.0.0.0/8"
    );
}

fn ingress(ns: &str, name: &str, s: &mut String) {
    let _ = writeln!(
        s,
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  ingressClassName: nginx\n  tls:\n    - hosts: [\"{name}.example.com\"]\n      secretName: {name}-tls\n  rules:\n    - host: {name}.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: {name}\n                port:\n                  number: 80"
    );
}
