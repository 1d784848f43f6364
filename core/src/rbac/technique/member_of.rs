//! `member-of`: group membership.

super::technique! {
    /// A principal has every right of the groups it is in
    ///
    /// ## What it models
    /// A ServiceAccount is in `system:serviceaccounts`, `system:serviceaccounts:NS` and
    /// `system:authenticated`; a user in `system:authenticated`; a node identity
    /// (`system:node:NAME`) in `system:nodes`; a member of any other group is also authenticated.
    /// Membership of groups from an identity provider is not knowable offline, so a group
    /// named in a binding is a subject of its own. An edge is added only to groups that hold a
    /// grant.
    TECHNIQUE = { id: "member-of", combines: false, apply: None }
}
