//! Unit tests for the semantics the fixtures exercise only indirectly: pod/container
//! inheritance, the Windows and user-namespace exemptions, version boundaries, overrides and
//! the sysctl safe list of every revision.

use super::*;
use k8s_openapi::api::core::v1::PodSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde_json::{Value, json};

fn spec(v: Value) -> PodSpec {
    serde_json::from_value(v).expect("valid PodSpec")
}

fn meta(annotations: Value) -> ObjectMeta {
    serde_json::from_value(json!({ "annotations": annotations })).expect("valid ObjectMeta")
}

fn v(minor: u8) -> Version {
    Version::new(minor).expect("known version")
}

/// `(check, field)` of every violation.
fn found(
    level: PssLevel,
    version: Version,
    spec: &PodSpec,
    meta: Option<&ObjectMeta>,
) -> Vec<(String, String)> {
    evaluate(level, version, &PodInput { metadata: meta, spec })
        .into_iter()
        .map(|v| (v.check.to_owned(), v.field.to_string()))
        .collect()
}

fn checks_of(level: PssLevel, version: Version, spec: &PodSpec) -> Vec<&'static str> {
    let mut ids: Vec<_> =
        evaluate(level, version, &PodInput::new(None, spec)).into_iter().map(|v| v.check).collect();
    ids.dedup();
    ids
}

fn pair(check: &str, field: &str) -> (String, String) {
    (check.to_owned(), field.to_owned())
}

/// A pod that satisfies restricted at every version (Linux).
fn restricted_pod() -> Value {
    let sc = json!({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}});
    json!({
        "securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}},
        "containers": [{"name": "app", "image": "x", "securityContext": sc}],
        "initContainers": [{"name": "init", "image": "x", "securityContext": sc}],
    })
}

#[test]
fn restricted_pod_passes_everywhere() {
    let s = spec(restricted_pod());
    for minor in 0..=Version::LATEST.minor() {
        assert!(allows(PssLevel::Restricted, v(minor), &PodInput::new(None, &s)), "v1.{minor}");
    }
}

#[test]
fn privileged_level_allows_everything() {
    let s = spec(
        json!({"hostPID": true, "containers": [{"name": "a", "securityContext": {"privileged": true}}]}),
    );
    assert!(evaluate(PssLevel::Privileged, Version::LATEST, &PodInput::new(None, &s)).is_empty());
    assert_eq!(
        checks_of(PssLevel::Baseline, Version::LATEST, &s),
        ["hostNamespaces", "privileged"]
    );
}

#[test]
fn one_violation_per_field_across_container_lists() {
    let p = json!({"privileged": true});
    let s = spec(json!({
        "containers": [{"name": "a", "securityContext": p}, {"name": "b"}, {"name": "c", "securityContext": p}],
        "initContainers": [{"name": "i", "securityContext": p}],
        "ephemeralContainers": [{"name": "e", "securityContext": p}],
    }));
    let got = evaluate(PssLevel::Baseline, Version::LATEST, &PodInput::new(None, &s));
    let fields: Vec<String> = got.iter().map(|v| v.field.to_string()).collect();
    assert_eq!(
        fields,
        [
            "spec.initContainers[0].securityContext.privileged",
            "spec.containers[0].securityContext.privileged",
            "spec.containers[2].securityContext.privileged",
            "spec.ephemeralContainers[0].securityContext.privileged",
        ]
    );
    assert_eq!(got[0].message, "init container \"i\" sets privileged: true");
    assert_eq!(got[1].message, "container \"a\" sets privileged: true");
    assert_eq!(got[3].message, "ephemeral container \"e\" sets privileged: true");
    assert!(got.iter().all(|v| v.check == "privileged" && v.level == PssLevel::Baseline));
}

#[test]
fn run_as_non_root_inheritance() {
    let at = |v: Value| found(PssLevel::Restricted, Version::LATEST, &spec(v), None);
    let sc = json!({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}, "seccompProfile": {"type": "RuntimeDefault"}});
    let with = |extra: Value| {
        let mut c = sc.clone();
        if let (Some(c), Some(e)) = (c.as_object_mut(), extra.as_object()) {
            c.extend(e.clone());
        }
        c
    };
    // pod true, container unset: inherited
    assert!(at(json!({"securityContext": {"runAsNonRoot": true}, "containers": [{"name": "a", "securityContext": sc}]})).is_empty());
    // pod unset, every container true
    assert!(at(json!({"containers": [{"name": "a", "securityContext": with(json!({"runAsNonRoot": true}))}]})).is_empty());
    // pod unset, one container unset: reported where it belongs
    let s = json!({"containers": [
        {"name": "a", "securityContext": with(json!({"runAsNonRoot": true}))},
        {"name": "b", "securityContext": sc},
    ]});
    assert_eq!(
        at(s.clone()),
        [pair("runAsNonRoot", "spec.containers[1].securityContext.runAsNonRoot")]
    );
    let msg =
        &evaluate(PssLevel::Restricted, Version::LATEST, &PodInput::new(None, &spec(s)))[0].message;
    assert_eq!(
        msg,
        "container \"b\" may run as root: neither the pod nor the container sets runAsNonRoot: true"
    );
    // pod false: the pod field only, containers inherit it
    assert_eq!(
        at(
            json!({"securityContext": {"runAsNonRoot": false}, "containers": [{"name": "a", "securityContext": sc}]})
        ),
        [pair("runAsNonRoot", "spec.securityContext.runAsNonRoot")]
    );
    // pod false but container true: the pod's false still counts
    assert_eq!(
        at(
            json!({"securityContext": {"runAsNonRoot": false}, "containers": [{"name": "a", "securityContext": with(json!({"runAsNonRoot": true}))}]})
        ),
        [pair("runAsNonRoot", "spec.securityContext.runAsNonRoot")]
    );
    // pod true, container false: the container overrides
    assert_eq!(
        at(
            json!({"securityContext": {"runAsNonRoot": true}, "containers": [{"name": "a", "securityContext": with(json!({"runAsNonRoot": false}))}]})
        ),
        [pair("runAsNonRoot", "spec.containers[0].securityContext.runAsNonRoot")]
    );
}

#[test]
fn seccomp_inheritance_and_versions() {
    let sc = json!({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}});
    let base = |pod_sc: Value, c_seccomp: Option<&str>| {
        let mut c = sc.clone();
        if let (Some(t), Some(o)) = (c_seccomp, c.as_object_mut()) {
            o.insert("seccompProfile".into(), json!({"type": t}));
        }
        spec(
            json!({"securityContext": pod_sc, "containers": [{"name": "a", "securityContext": c}]}),
        )
    };
    let nr = json!({"runAsNonRoot": true});
    let at = |s: &PodSpec| found(PssLevel::Restricted, Version::LATEST, s, None);
    // unset everywhere: the container's field
    assert_eq!(
        at(&base(nr.clone(), None)),
        [pair(
            "seccompProfile_restricted",
            "spec.containers[0].securityContext.seccompProfile.type"
        )]
    );
    // container sets it
    assert!(at(&base(nr.clone(), Some("Localhost"))).is_empty());
    // pod Unconfined, container RuntimeDefault: the pod is still wrong
    let pod_bad = json!({"runAsNonRoot": true, "seccompProfile": {"type": "Unconfined"}});
    assert_eq!(
        at(&base(pod_bad.clone(), Some("RuntimeDefault"))),
        [pair("seccompProfile_restricted", "spec.securityContext.seccompProfile.type")]
    );
    // pod Unconfined, container unset: one violation, at the pod
    assert_eq!(at(&base(pod_bad.clone(), None)).len(), 1);
    // baseline: unset is fine, Unconfined is not (field from 1.19 on)
    assert!(found(PssLevel::Baseline, v(19), &base(json!({}), None), None).is_empty());
    assert_eq!(
        found(PssLevel::Baseline, v(19), &base(json!({}), Some("Unconfined")), None),
        [pair("seccompProfile_baseline", "spec.containers[0].securityContext.seccompProfile.type")]
    );
    // before 1.19 the field is not read, the alpha annotations are
    assert!(
        found(PssLevel::Baseline, v(18), &base(json!({}), Some("Unconfined")), None).is_empty()
    );
    let m = meta(json!({
        "seccomp.security.alpha.kubernetes.io/pod": "unconfined",
        "container.seccomp.security.alpha.kubernetes.io/a": "docker/default",
        "container.seccomp.security.alpha.kubernetes.io/other": "unconfined",
    }));
    assert_eq!(
        found(PssLevel::Baseline, v(18), &base(json!({}), None), Some(&m)),
        [pair(
            "seccompProfile_baseline",
            "metadata.annotations[\"seccomp.security.alpha.kubernetes.io/pod\"]"
        )]
    );
    assert!(found(PssLevel::Baseline, v(19), &base(json!({}), None), Some(&m)).is_empty());
    // restricted before 1.19 has no seccomp requirement, only the baseline annotation check
    assert!(checks_of(PssLevel::Restricted, v(18), &base(nr, None)).is_empty());
}

#[test]
fn windows_exemptions_start_at_1_25() {
    let s = |os: &str| {
        spec(
            json!({"os": {"name": os}, "securityContext": {"runAsNonRoot": true}, "containers": [{"name": "a"}]}),
        )
    };
    let windows = s("windows");
    assert_eq!(
        checks_of(PssLevel::Restricted, v(24), &windows),
        ["allowPrivilegeEscalation", "seccompProfile_restricted", "capabilities_restricted"]
    );
    assert!(checks_of(PssLevel::Restricted, v(25), &windows).is_empty());
    assert!(checks_of(PssLevel::Restricted, Version::LATEST, &windows).is_empty());
    assert_eq!(
        checks_of(PssLevel::Restricted, v(25), &s("linux")),
        ["allowPrivilegeEscalation", "seccompProfile_restricted", "capabilities_restricted"]
    );
    // the comparison is exact, as upstream's
    assert_eq!(checks_of(PssLevel::Restricted, v(25), &s("Windows")).len(), 3);
    // Windows pods still need runAsNonRoot and are still held to baseline
    let w = spec(
        json!({"os": {"name": "windows"}, "containers": [{"name": "a", "securityContext": {"privileged": true}}]}),
    );
    assert_eq!(
        checks_of(PssLevel::Restricted, Version::LATEST, &w),
        ["privileged", "runAsNonRoot"]
    );
}

#[test]
fn user_namespaces_relax_at_1_35() {
    let s = spec(json!({
        "hostUsers": false,
        "securityContext": {"runAsUser": 0, "seccompProfile": {"type": "RuntimeDefault"}},
        "containers": [{"name": "a", "securityContext": {
            "allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}, "procMount": "Unmasked"}}],
    }));
    assert_eq!(checks_of(PssLevel::Baseline, v(34), &s), ["procMount"]);
    assert!(checks_of(PssLevel::Baseline, v(35), &s).is_empty());
    assert_eq!(
        checks_of(PssLevel::Restricted, v(34), &s),
        ["procMount", "runAsNonRoot", "runAsUser"]
    );
    assert_eq!(checks_of(PssLevel::Restricted, v(35), &s), ["procMount_restricted"]);
    // hostUsers: true or unset relaxes nothing
    let mut host = serde_json::to_value(&s).expect("serializes");
    host["hostUsers"] = json!(true);
    assert_eq!(checks_of(PssLevel::Baseline, v(35), &spec(host.clone())), ["procMount"]);
    assert_eq!(
        checks_of(PssLevel::Restricted, v(35), &spec(host)),
        ["runAsNonRoot", "runAsUser", "procMount_restricted"]
    );
    // capabilities are never relaxed
    let caps = spec(
        json!({"hostUsers": false, "containers": [{"name": "a", "securityContext": {"capabilities": {"add": ["SYS_ADMIN"]}}}]}),
    );
    assert_eq!(checks_of(PssLevel::Baseline, Version::LATEST, &caps), ["capabilities_baseline"]);
}

#[test]
fn version_boundaries() {
    let probe = spec(json!({"containers": [{"name": "a",
        "livenessProbe": {"httpGet": {"host": "10.0.0.1", "port": 80}},
        "lifecycle": {"preStop": {"tcpSocket": {"host": "example.com", "port": 80}}}}]}));
    assert!(found(PssLevel::Baseline, v(33), &probe, None).is_empty());
    assert_eq!(
        found(PssLevel::Baseline, v(34), &probe, None),
        [
            pair("hostProbesAndHostLifecycle", "spec.containers[0].livenessProbe.httpGet.host"),
            pair(
                "hostProbesAndHostLifecycle",
                "spec.containers[0].lifecycle.preStop.tcpSocket.host"
            ),
        ]
    );
    let root = spec(
        json!({"securityContext": {"runAsNonRoot": true, "runAsUser": 0}, "containers": [{"name": "a"}]}),
    );
    assert!(!checks_of(PssLevel::Restricted, v(22), &root).contains(&"runAsUser"));
    assert!(checks_of(PssLevel::Restricted, v(23), &root).contains(&"runAsUser"));
    let ape =
        spec(json!({"securityContext": {"runAsNonRoot": true}, "containers": [{"name": "a"}]}));
    assert!(checks_of(PssLevel::Restricted, v(7), &ape).is_empty());
    assert_eq!(checks_of(PssLevel::Restricted, v(8), &ape), ["allowPrivilegeEscalation"]);
    // capabilities: baseline until restricted's own check exists at 1.22, which then replaces it
    let add = spec(json!({"securityContext": {"runAsNonRoot": true}, "containers": [{"name": "a",
        "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"add": ["SYS_ADMIN"]}}}]}));
    assert_eq!(
        checks_of(PssLevel::Restricted, v(21), &add),
        ["capabilities_baseline", "seccompProfile_restricted"]
    );
    assert_eq!(
        found(PssLevel::Restricted, v(22), &add, None),
        [
            pair(
                "seccompProfile_restricted",
                "spec.containers[0].securityContext.seccompProfile.type"
            ),
            pair("capabilities_restricted", "spec.containers[0].securityContext.capabilities.drop"),
            pair(
                "capabilities_restricted",
                "spec.containers[0].securityContext.capabilities.add[0]"
            ),
        ]
    );
    // SELinux container_engine_t from 1.31
    let se = spec(
        json!({"securityContext": {"seLinuxOptions": {"type": "container_engine_t", "user": "u"}}, "containers": [{"name": "a"}]}),
    );
    assert_eq!(
        found(PssLevel::Baseline, v(30), &se, None),
        [
            pair("seLinuxOptions", "spec.securityContext.seLinuxOptions.type"),
            pair("seLinuxOptions", "spec.securityContext.seLinuxOptions.user"),
        ]
    );
    assert_eq!(
        found(PssLevel::Baseline, v(31), &se, None),
        [pair("seLinuxOptions", "spec.securityContext.seLinuxOptions.user")]
    );
}

#[test]
fn sysctls_per_version() {
    let table: &[(&str, u8)] = &[
        ("kernel.shm_rmid_forced", 0),
        ("net.ipv4.ip_local_port_range", 0),
        ("net.ipv4.tcp_syncookies", 0),
        ("net.ipv4.ping_group_range", 0),
        ("net.ipv4.ip_unprivileged_port_start", 0),
        ("net.ipv4.ip_local_reserved_ports", 27),
        ("net.ipv4.tcp_keepalive_time", 29),
        ("net.ipv4.tcp_fin_timeout", 29),
        ("net.ipv4.tcp_keepalive_intvl", 29),
        ("net.ipv4.tcp_keepalive_probes", 29),
        ("net.ipv4.tcp_rmem", 32),
        ("net.ipv4.tcp_wmem", 32),
        ("net.ipv4.tcp_slow_start_after_idle", 37),
        ("net.ipv4.tcp_notsent_lowat", 37),
    ];
    for minor in 0..=Version::LATEST.minor() {
        for (name, since) in table {
            let s = spec(
                json!({"securityContext": {"sysctls": [{"name": name, "value": "1"}]}, "containers": [{"name": "a"}]}),
            );
            let got = found(PssLevel::Baseline, v(minor), &s, None);
            if minor >= *since {
                assert!(got.is_empty(), "{name} at v1.{minor}");
            } else {
                assert_eq!(
                    got,
                    [pair("sysctls", "spec.securityContext.sysctls[0].name")],
                    "{name} at v1.{minor}"
                );
            }
        }
    }
    for name in
        ["kernel.msgmax", "net.core.somaxconn", "vm.swappiness", "KERNEL.SHM_RMID_FORCED", ""]
    {
        let s = spec(
            json!({"securityContext": {"sysctls": [{"name": name, "value": "1"}]}, "containers": [{"name": "a"}]}),
        );
        assert_eq!(checks_of(PssLevel::Baseline, Version::LATEST, &s), ["sysctls"], "{name}");
    }
}

#[test]
fn volumes() {
    let s = spec(json!({"containers": [{"name": "a"}], "volumes": [
        {"name": "none"},
        {"name": "img", "image": {"reference": "registry.example/data:1"}},
        {"name": "docker", "hostPath": {"path": "/var/run/docker.sock"}},
        {"name": "share", "nfs": {"server": "s", "path": "/"}},
        {"name": "cm", "configMap": {"name": "x"}},
    ]}));
    let base = evaluate(PssLevel::Baseline, Version::LATEST, &PodInput::new(None, &s));
    assert_eq!(base.len(), 1);
    assert_eq!(base[0].check, "hostPathVolumes");
    assert_eq!(base[0].field.to_string(), "spec.volumes[2].hostPath");
    assert_eq!(base[0].message, "host path volume \"docker\" mounts /var/run/docker.sock");
    let restricted: Vec<_> = found(PssLevel::Restricted, Version::LATEST, &s, None)
        .into_iter()
        .filter(|(c, _)| {
            c != "runAsNonRoot" && c != "allowPrivilegeEscalation" && !c.ends_with("_restricted")
        })
        .collect();
    assert_eq!(
        restricted,
        [
            pair("restrictedVolumes", "spec.volumes[2].hostPath"),
            pair("restrictedVolumes", "spec.volumes[3].nfs")
        ]
    );
}

#[test]
fn app_armor_fields_and_annotations() {
    let s = spec(json!({
        "securityContext": {"appArmorProfile": {"type": "Unconfined"}},
        "containers": [{"name": "a", "securityContext": {"appArmorProfile": {"type": "Localhost", "localhostProfile": "p"}}},
                       {"name": "b", "securityContext": {"appArmorProfile": {"type": "Unconfined"}}}],
    }));
    let m = meta(json!({
        "container.apparmor.security.beta.kubernetes.io/a": "unconfined",
        "container.apparmor.security.beta.kubernetes.io/b": "localhost/x",
        "container.apparmor.security.beta.kubernetes.io/c": "",
        "container.apparmor.security.beta.kubernetes.io/d": "runtime/default",
    }));
    assert_eq!(
        found(PssLevel::Baseline, v(0), &s, Some(&m)),
        [
            pair("appArmorProfile", "spec.securityContext.appArmorProfile.type"),
            pair("appArmorProfile", "spec.containers[1].securityContext.appArmorProfile.type"),
            pair(
                "appArmorProfile",
                "metadata.annotations[\"container.apparmor.security.beta.kubernetes.io/a\"]"
            ),
        ]
    );
}

#[test]
fn host_namespaces_and_ports() {
    let s = spec(
        json!({"hostNetwork": true, "hostIPC": false, "hostPID": true, "containers": [{"name": "a",
        "ports": [{"containerPort": 80}, {"containerPort": 81, "hostPort": 0}, {"containerPort": 82, "hostPort": 8082}]}]}),
    );
    assert_eq!(
        found(PssLevel::Baseline, v(0), &s, None),
        [
            pair("hostNamespaces", "spec.hostNetwork"),
            pair("hostNamespaces", "spec.hostPID"),
            pair("hostPorts", "spec.containers[0].ports[2].hostPort"),
        ]
    );
}

#[test]
fn applicable_checks_and_overrides() {
    let ids = |l, ver| applicable_checks(l, ver).into_iter().map(|(c, _)| c.id).collect::<Vec<_>>();
    assert_eq!(ids(PssLevel::Baseline, Version::LATEST).len(), 12);
    let r = ids(PssLevel::Restricted, Version::LATEST);
    assert_eq!(r.len(), 15);
    for gone in ["hostPathVolumes", "capabilities_baseline", "seccompProfile_baseline", "procMount"]
    {
        assert!(!r.contains(&gone), "{gone} should be overridden");
    }
    let r0 = ids(PssLevel::Restricted, v(0));
    assert!(
        r0.contains(&"seccompProfile_baseline")
            && r0.contains(&"capabilities_baseline")
            && r0.contains(&"procMount")
    );
    assert!(!r0.contains(&"hostPathVolumes") && !r0.contains(&"hostProbesAndHostLifecycle"));
    assert!(ids(PssLevel::Privileged, Version::LATEST).is_empty());
    // every check's revisions are strictly increasing, and overrides name baseline checks
    for c in CHECKS {
        assert!(c.versions.windows(2).all(|w| w[0].min < w[1].min), "{}", c.id);
        for o in c.versions.iter().flat_map(|r| r.overrides.iter()) {
            assert_eq!(c.level, PssLevel::Restricted);
            assert_eq!(check_info(o).map(|b| b.level), Some(PssLevel::Baseline), "{o}");
        }
    }
}

#[test]
fn evaluate_check_uses_the_newest_revision_and_no_overrides() {
    let s = spec(
        json!({"containers": [{"name": "a", "securityContext": {"capabilities": {"add": ["NET_RAW"]}, "procMount": "Unmasked"}}], "hostUsers": false}),
    );
    let input = PodInput::new(None, &s);
    assert!(evaluate_check("nonexistent", Version::LATEST, &input).is_empty());
    assert!(evaluate_check("procMount_restricted", v(34), &input).is_empty());
    assert_eq!(evaluate_check("procMount_restricted", v(35), &input).len(), 1);
    assert_eq!(evaluate_check("procMount", v(34), &input).len(), 1);
    assert!(evaluate_check("procMount", v(35), &input).is_empty());
    let caps = evaluate_check("capabilities_baseline", Version::LATEST, &input);
    assert_eq!(caps.len(), 1);
    assert_eq!(caps[0].field.to_string(), "spec.containers[0].securityContext.capabilities.add[0]");
    assert_eq!(caps[0].level, PssLevel::Baseline);
}

#[test]
fn missing_values_point_where_they_belong() {
    let s = spec(json!({"containers": [{"name": "a"}], "ephemeralContainers": [{"name": "dbg"}]}));
    let got = found(PssLevel::Restricted, Version::LATEST, &s, None);
    for field in [
        "spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation",
        "spec.ephemeralContainers[0].securityContext.runAsNonRoot",
        "spec.ephemeralContainers[0].securityContext.seccompProfile.type",
        "spec.ephemeralContainers[0].securityContext.capabilities.drop",
        "spec.containers[0].securityContext.capabilities.drop",
    ] {
        assert!(got.iter().any(|(_, f)| f == field), "{field} missing from {got:?}");
    }
    assert_eq!(got.len(), 8);
}
