//! Typed decoding of the tree into k8s-openapi objects, with the API server's strictness.

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{ConfigMap, Pod};
use kubeward::model::FieldPath;
use kubeward::source::{self, DeError, IgnoredField, Limits, Parsed, from_node};
use serde::Deserialize;

fn parse(text: &str) -> Parsed {
    let parsed = source::parse(text, &Limits::default());
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    parsed
}

fn decode<T: serde::de::DeserializeOwned>(text: &str) -> Result<(T, Vec<IgnoredField>), DeError> {
    let parsed = parse(text);
    let root = parsed.documents[0].root().unwrap();
    from_node::<T>(root)
}

fn err<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> DeError {
    decode::<T>(text).expect_err("decoding should fail")
}

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n";

#[test]
fn wrong_type_is_located_at_the_value() {
    let text = format!("{POD}  containers: 7\n");
    let e = err::<Pod>(&text);
    assert_eq!(&text[e.span.range()], "7");
    assert!(e.message.contains("sequence"), "{}", e.message);
    assert_eq!(e.path.to_string(), "spec.containers");

    let text = format!("{POD}  containers:\n  - name: app\n    env: [{{name: A, value: 8080}}]\n");
    let e = err::<Pod>(&text);
    assert_eq!(&text[e.span.range()], "8080");
    assert_eq!(e.message, "invalid type: integer `8080`, expected a string");
    assert_eq!(e.path.to_string(), "spec.containers[0].env[0].value");

    let text = format!("{POD}  containers:\n  - name: true\n");
    let e = err::<Pod>(&text);
    assert_eq!(e.message, "invalid type: boolean `true`, expected a string");
    assert_eq!(&text[e.span.range()], "true");

    // A string is never a number or a boolean.
    let text = format!("{POD}  hostPID: \"true\"\n  containers: []\n");
    let e = err::<Pod>(&text);
    assert_eq!(&text[e.span.range()], "\"true\"");
    let text =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: \"2\"\n";
    let e = err::<Deployment>(text);
    assert_eq!(&text[e.span.range()], "\"2\"");
}

#[test]
fn yaml_1_1_values_decode_as_the_api_server_sees_them() {
    let text = format!(
        "{POD}  hostPID: yes\n  containers:\n  - name: app\n    securityContext:\n      privileged: yes\n      runAsUser: 0o1750\n"
    );
    let (pod, ignored) = decode::<Pod>(&text).unwrap();
    assert!(ignored.is_empty());
    let spec = pod.spec.unwrap();
    assert_eq!(spec.host_pid, Some(true));
    let sc = spec.containers[0].security_context.as_ref().unwrap();
    assert_eq!(sc.privileged, Some(true));
    assert_eq!(sc.run_as_user, Some(1000));
}

#[test]
fn integral_floats_are_integers() {
    let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 1.0\n  selector: {}\n  template: {}\n";
    let (d, _) = decode::<Deployment>(text).unwrap();
    assert_eq!(d.spec.replicas, Some(1));
    let text =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 1.5\n";
    let e = err::<Deployment>(text);
    assert_eq!(&text[e.span.range()], "1.5");
}

#[test]
fn unknown_fields_are_listed_with_their_key_span() {
    let text = format!(
        "{POD}  containers:\n  - name: app\n    securityContex:\n      privileged: true\n  hostPid: true\n"
    );
    let (_, ignored) = decode::<Pod>(&text).unwrap();
    let found: Vec<(String, &str)> =
        ignored.iter().map(|f| (f.path.to_string(), &text[f.span.range()])).collect();
    assert_eq!(
        found,
        [
            ("spec.containers[0].securityContex".to_owned(), "securityContex"),
            ("spec.hostPid".to_owned(), "hostPid")
        ]
    );
}

#[test]
fn missing_field_lands_on_the_mapping() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Needs {
        inner: Inner,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        required: String,
    }
    let text = "inner:\n  other: 1\n";
    let e = err::<Needs>(text);
    assert_eq!(e.message, "missing field `required`");
    assert_eq!(&text[e.span.range()], "other: 1");
    assert_eq!(e.path, FieldPath::parse("inner").unwrap());
}

#[test]
fn null_is_none_or_the_zero_value() {
    let text =
        format!("{POD}  securityContext: ~\n  containers:\n  - name: app\n    args: [a, ~]\n");
    let (pod, _) = decode::<Pod>(&text).unwrap();
    let spec = pod.spec.unwrap();
    assert!(spec.security_context.is_none());
    assert_eq!(spec.containers[0].args.as_deref(), Some(&["a".to_owned(), String::new()][..]));
    let (cm, _) = decode::<ConfigMap>(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: ~, b: x}\n",
    )
    .unwrap();
    let data = cm.data.unwrap();
    assert_eq!((data["a"].as_str(), data["b"].as_str()), ("", "x"));
}

#[test]
fn quantities_and_int_or_string_accept_numbers() {
    let text = format!(
        "{POD}  containers:\n  - name: app\n    resources: {{limits: {{cpu: 1, memory: 512Mi}}}}\n    ports: [{{containerPort: 80}}]\n    livenessProbe: {{httpGet: {{port: 8080}}}}\n"
    );
    let (pod, _) = decode::<Pod>(&text).unwrap();
    let c = &pod.spec.unwrap().containers[0];
    let limits = c.resources.as_ref().unwrap().limits.as_ref().unwrap();
    assert_eq!(limits["cpu"].0, "1");
    assert_eq!(limits["memory"].0, "512Mi");
    let port = &c.liveness_probe.as_ref().unwrap().http_get.as_ref().unwrap().port;
    assert_eq!(*port, k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::Int(8080));
}

#[test]
fn kind_mismatch_is_an_error_on_the_object() {
    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: x}\n";
    let e = err::<Pod>(text);
    assert!(e.message.contains("Service"), "{}", e.message);
}

#[test]
fn enums_and_json_values() {
    #[derive(Debug, Deserialize, PartialEq)]
    enum Policy {
        Always,
        Never,
        Custom(String),
    }
    #[derive(Debug, Deserialize, PartialEq)]
    struct S {
        a: Policy,
        b: Policy,
        any: serde_json::Value,
    }
    let (s, _) =
        decode::<S>("a: Always\nb: {Custom: x}\nany: {i: 1.0, f: 1.5, t: yes, s: '1', l: [~]}\n")
            .unwrap();
    assert_eq!(s.a, Policy::Always);
    assert_eq!(s.b, Policy::Custom("x".to_owned()));
    assert_eq!(s.any, serde_json::json!({"i": 1, "f": 1.5, "t": true, "s": "1", "l": [null]}));
    let text = "a: Sometimes\nb: Never\nany: 1\n";
    let e = err::<S>(text);
    assert_eq!(&text[e.span.range()], "Sometimes");
}
