//! Subjects (who a binding names) and the user information of a request (who is asking).
//!
//! A ServiceAccount is the user `system:serviceaccount:NS:NAME` in the groups
//! `system:serviceaccounts`, `system:serviceaccounts:NS` and `system:authenticated`
//! (ESCALATION.md §4.4). [`SubjectRef`] canonicalises a `User` subject spelled that way to the
//! ServiceAccount it names, so both spellings meet in one graph node.

use serde::Serialize;
use std::fmt;

/// The user-name prefix of ServiceAccounts.
pub const SA_PREFIX: &str = "system:serviceaccount:";
/// The group every authenticated principal is in.
pub const AUTHENTICATED: &str = "system:authenticated";
/// The group of every ServiceAccount.
pub const ALL_SERVICEACCOUNTS: &str = "system:serviceaccounts";
/// The privileged group that bypasses RBAC.
pub const MASTERS: &str = "system:masters";
/// The group of node (kubelet) identities.
pub const NODES: &str = "system:nodes";
/// The user-name prefix of node identities.
pub const NODE_PREFIX: &str = "system:node:";

/// A subject: a user, a group or a ServiceAccount.
///
/// Ordered by kind (`Group`, `ServiceAccount`, `User`), then namespace and name, which is the
/// order of `rbac paths` output.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SubjectRef {
    Group(String),
    ServiceAccount { namespace: String, name: String },
    User(String),
}

impl SubjectRef {
    /// A user; `system:serviceaccount:NS:NAME` becomes the ServiceAccount it names.
    #[must_use]
    pub fn user(name: &str) -> Self {
        match parse_sa_user(name) {
            Some((ns, n)) => Self::sa(ns, n),
            None => Self::User(name.to_owned()),
        }
    }

    /// A group.
    #[must_use]
    pub fn group(name: &str) -> Self {
        Self::Group(name.to_owned())
    }

    /// A ServiceAccount.
    #[must_use]
    pub fn sa(namespace: &str, name: &str) -> Self {
        Self::ServiceAccount { namespace: namespace.to_owned(), name: name.to_owned() }
    }

    /// Parses the CLI's SUBJECT syntax: `system:serviceaccount:NS:NAME`, `user:NAME`,
    /// `group:NAME`, `serviceaccount:NS/NAME`; any other string is a user name (as `--as`).
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        if s.is_empty() {
            return None;
        }
        if let Some(rest) = s.strip_prefix(SA_PREFIX) {
            let (ns, name) = rest.split_once(':')?;
            return (!ns.is_empty() && !name.is_empty()).then(|| Self::sa(ns, name));
        }
        if let Some(rest) = s.strip_prefix("serviceaccount:") {
            let (ns, name) = rest.split_once('/')?;
            return (!ns.is_empty() && !name.is_empty()).then(|| Self::sa(ns, name));
        }
        if let Some(rest) = s.strip_prefix("group:") {
            return (!rest.is_empty()).then(|| Self::group(rest));
        }
        if let Some(rest) = s.strip_prefix("user:") {
            return (!rest.is_empty()).then(|| Self::user(rest));
        }
        Some(Self::user(s))
    }

    /// The Kubernetes kind (`User`, `Group`, `ServiceAccount`).
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::User(_) => "User",
            Self::Group(_) => "Group",
            Self::ServiceAccount { .. } => "ServiceAccount",
        }
    }

    /// The namespace (ServiceAccounts only).
    #[must_use]
    pub fn namespace(&self) -> Option<&str> {
        match self {
            Self::ServiceAccount { namespace, .. } => Some(namespace),
            _ => None,
        }
    }

    /// The name (without namespace).
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Self::User(n) | Self::Group(n) | Self::ServiceAccount { name: n, .. } => n,
        }
    }

    /// The user name this subject authenticates as (`None` for a group).
    #[must_use]
    pub fn user_name(&self) -> Option<String> {
        match self {
            Self::User(n) => Some(n.clone()),
            Self::ServiceAccount { namespace, name } => {
                Some(format!("{SA_PREFIX}{namespace}:{name}"))
            }
            Self::Group(_) => None,
        }
    }

    /// How a step's `gains` names this subject: `serviceaccount app/backup`, `user alice`,
    /// `group system:masters`.
    #[must_use]
    pub fn gains_label(&self) -> String {
        match self {
            Self::User(n) => format!("user {n}"),
            Self::Group(n) => format!("group {n}"),
            Self::ServiceAccount { namespace, name } => {
                format!("serviceaccount {namespace}/{name}")
            }
        }
    }

    /// The identity a principal of this subject has when it sends a request: for a group, a
    /// member with no other group than this one (and `system:authenticated`).
    #[must_use]
    pub fn user_info(&self) -> UserInfo {
        match self {
            Self::User(n) => UserInfo::user(n, &[]),
            Self::ServiceAccount { namespace, name } => UserInfo::service_account(namespace, name),
            Self::Group(g) => {
                let mut groups = vec![g.clone()];
                if g != AUTHENTICATED && g != "system:unauthenticated" {
                    groups.push(AUTHENTICATED.to_owned());
                }
                UserInfo { name: String::new(), groups }
            }
        }
    }
}

impl fmt::Display for SubjectRef {
    /// The CLI's SUBJECT syntax (`system:serviceaccount:NS:NAME`, `user:NAME`, `group:NAME`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::User(n) => write!(f, "user:{n}"),
            Self::Group(n) => write!(f, "group:{n}"),
            Self::ServiceAccount { namespace, name } => write!(f, "{SA_PREFIX}{namespace}:{name}"),
        }
    }
}

impl Serialize for SubjectRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Subject", 3)?;
        st.serialize_field("kind", self.kind())?;
        st.serialize_field("namespace", &self.namespace())?;
        st.serialize_field("name", self.name())?;
        st.end()
    }
}

/// Splits `system:serviceaccount:NS:NAME` into `(NS, NAME)`.
#[must_use]
pub fn parse_sa_user(user: &str) -> Option<(&str, &str)> {
    let rest = user.strip_prefix(SA_PREFIX)?;
    let (ns, name) = rest.split_once(':')?;
    (!ns.is_empty() && !name.is_empty() && !name.contains(':')).then_some((ns, name))
}

/// Who sends a request: a user name and its groups (`user.Info` without uid and extras).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserInfo {
    pub name: String,
    pub groups: Vec<String>,
}

impl UserInfo {
    /// An authenticated user with the given groups, as the API server sees an impersonated
    /// request: a ServiceAccount user name gets the ServiceAccount groups, any other user
    /// `system:authenticated` (both added only if missing).
    #[must_use]
    pub fn user(name: &str, groups: &[String]) -> Self {
        let mut all: Vec<String> = groups.to_vec();
        let mut add = |g: String| {
            if !all.contains(&g) {
                all.push(g);
            }
        };
        if let Some((ns, _)) = parse_sa_user(name) {
            add(ALL_SERVICEACCOUNTS.to_owned());
            add(format!("{ALL_SERVICEACCOUNTS}:{ns}"));
        }
        if name != "system:anonymous" {
            add(AUTHENTICATED.to_owned());
        }
        Self { name: name.to_owned(), groups: all }
    }

    /// A ServiceAccount's identity.
    #[must_use]
    pub fn service_account(namespace: &str, name: &str) -> Self {
        Self::user(&format!("{SA_PREFIX}{namespace}:{name}"), &[])
    }

    /// True when the user is in `group`.
    #[must_use]
    pub fn in_group(&self, group: &str) -> bool {
        self.groups.iter().any(|g| g == group)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_cli_subjects() {
        assert_eq!(
            SubjectRef::parse("system:serviceaccount:app:ci"),
            Some(SubjectRef::sa("app", "ci"))
        );
        assert_eq!(SubjectRef::parse("user:alice"), Some(SubjectRef::User("alice".into())));
        assert_eq!(SubjectRef::parse("group:devs"), Some(SubjectRef::Group("devs".into())));
        assert_eq!(
            SubjectRef::parse("user:system:serviceaccount:a:b"),
            Some(SubjectRef::sa("a", "b"))
        );
        assert_eq!(SubjectRef::parse("bob"), Some(SubjectRef::User("bob".into())));
        assert_eq!(SubjectRef::parse("system:serviceaccount:app"), None);
        assert_eq!(SubjectRef::parse(""), None);
        let sa = SubjectRef::sa("app", "ci");
        assert_eq!(SubjectRef::parse(&sa.to_string()), Some(sa));
    }

    #[test]
    fn service_account_groups() {
        let u = UserInfo::service_account("app", "ci");
        assert_eq!(u.name, "system:serviceaccount:app:ci");
        assert!(u.in_group("system:serviceaccounts"));
        assert!(u.in_group("system:serviceaccounts:app"));
        assert!(u.in_group("system:authenticated"));
        let a = UserInfo::user("system:anonymous", &["system:unauthenticated".into()]);
        assert!(!a.in_group("system:authenticated"));
    }
}
