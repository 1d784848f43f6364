//! Pod Security Standards policy versions (`v1.0` ..= `v1.37`, and `latest`).

use std::fmt;

/// A Pod Security Standards policy version: `v1.<minor>`.
///
/// Pod Security Admission versions its checks by Kubernetes minor version. A version newer than
/// the newest check revision behaves exactly like the newest one, so [`Version::parse`] clamps
/// anything above [`Version::LATEST`] to it (upstream does the same with its `maxVersion`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    minor: u8,
}

/// Why a version string was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionError {
    /// Empty input.
    Empty,
    /// Not `latest`, `v1.N` or `1.N`.
    Malformed(String),
    /// A major version other than 1.
    UnsupportedMajor(String),
}

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("empty Pod Security Standards version"),
            Self::Malformed(s) => {
                write!(
                    f,
                    "invalid Pod Security Standards version {s:?}: expected `latest` or `v1.N`"
                )
            }
            Self::UnsupportedMajor(s) => {
                write!(f, "invalid Pod Security Standards version {s:?}: only v1.N versions exist")
            }
        }
    }
}

impl std::error::Error for VersionError {}

impl Version {
    /// The newest policy version with its own check revisions (sysctls gained entries at 1.37).
    pub const LATEST: Self = Self { minor: 37 };
    /// The oldest policy version, `v1.0`.
    pub const V1_0: Self = Self { minor: 0 };

    /// `v1.<minor>`, or `None` when `minor` is above [`Version::LATEST`].
    #[must_use]
    pub const fn new(minor: u8) -> Option<Self> {
        if minor <= Self::LATEST.minor { Some(Self { minor }) } else { None }
    }

    /// `v1.<minor>` for a known-good constant (clamped to [`Version::LATEST`]).
    #[must_use]
    pub(crate) const fn v(minor: u8) -> Self {
        if minor <= Self::LATEST.minor { Self { minor } } else { Self::LATEST }
    }

    /// The minor version number.
    #[must_use]
    pub const fn minor(self) -> u8 {
        self.minor
    }

    /// Parses `latest`, `v1.N` or `1.N` (as the `--pss-version` flag accepts).
    ///
    /// Versions newer than [`Version::LATEST`] are clamped to it, as Pod Security Admission does.
    ///
    /// # Errors
    /// On anything else, including `v1.05` (leading zeros) and `v2.0`.
    pub fn parse(s: &str) -> Result<Self, VersionError> {
        if s.is_empty() {
            return Err(VersionError::Empty);
        }
        if s == "latest" {
            return Ok(Self::LATEST);
        }
        let rest = s.strip_prefix('v').unwrap_or(s);
        Self::parse_major_minor(s, rest)
    }

    /// Parses a namespace label value strictly as Pod Security Admission does: `latest` or
    /// `v1.N` (the `v` is required).
    ///
    /// # Errors
    /// On anything else.
    pub fn parse_label(s: &str) -> Result<Self, VersionError> {
        if s.is_empty() {
            return Err(VersionError::Empty);
        }
        if s == "latest" {
            return Ok(Self::LATEST);
        }
        match s.strip_prefix('v') {
            Some(rest) => Self::parse_major_minor(s, rest),
            None => Err(VersionError::Malformed(s.to_owned())),
        }
    }

    fn parse_major_minor(original: &str, rest: &str) -> Result<Self, VersionError> {
        let malformed = || VersionError::Malformed(original.to_owned());
        let (major, minor) = rest.split_once('.').ok_or_else(malformed)?;
        let major = parse_number(major).ok_or_else(malformed)?;
        let minor = parse_number(minor).ok_or_else(malformed)?;
        if major != 1 {
            return Err(VersionError::UnsupportedMajor(original.to_owned()));
        }
        Ok(if minor > u64::from(Self::LATEST.minor) {
            Self::LATEST
        } else {
            Self::v(u8::try_from(minor).map_err(|_| malformed())?)
        })
    }
}

/// A non-negative decimal number without sign or leading zeros (`0` itself is fine).
fn parse_number(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || (s.len() > 1 && s.starts_with('0'))
    {
        return None;
    }
    s.parse().ok()
}

impl Default for Version {
    fn default() -> Self {
        Self::LATEST
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v1.{}", self.minor)
    }
}

impl std::str::FromStr for Version {
    type Err = VersionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_forms() {
        assert_eq!(Version::parse("latest"), Ok(Version::LATEST));
        assert_eq!(Version::parse("v1.25").map(Version::minor), Ok(25));
        assert_eq!(Version::parse("1.25").map(Version::minor), Ok(25));
        assert_eq!(Version::parse("v1.0"), Ok(Version::V1_0));
        assert_eq!(Version::parse("v1.99"), Ok(Version::LATEST));
        assert_eq!(Version::parse("v1.25").map(|v| v.to_string()), Ok("v1.25".to_owned()));
    }

    #[test]
    fn rejects_malformed() {
        for s in
            ["", "v", "v1", "v1.", "v1.x", "v1.05", "v1.2.3", "vv1.2", "v-1.2", "Latest", " v1.2"]
        {
            assert!(Version::parse(s).is_err(), "{s:?} parsed");
        }
        assert_eq!(Version::parse("v2.0"), Err(VersionError::UnsupportedMajor("v2.0".into())));
        assert!(Version::parse_label("1.25").is_err());
        assert_eq!(Version::parse_label("v1.25").map(Version::minor), Ok(25));
    }

    #[test]
    fn orders() {
        assert!(Version::v(19) < Version::v(25));
        assert_eq!(Version::new(38), None);
        assert_eq!(Version::new(37), Some(Version::LATEST));
    }
}
