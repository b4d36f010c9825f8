/*!
CalDAV logins: the user name (from the address or `--user`) and the password or app token
(from the environment variable named by `password_env` / `--password-env`, else from
`~/.netrc`), sent as HTTP Basic authentication.

The password is never in the plan (the address may not carry one), never printed (the
[`Credentials`] type has no `Debug` that shows it, and messages name only where it came
from) and never cached. The netrc file is read as curl and ftp read it: `machine HOST
login USER password PASS` entries and a `default` entry, tokens separated by any white
space, `#` comments; a `macdef` ends the parse.
*/

use crate::diag::{Error, ErrorKind, Result};
use base64::Engine;
use std::path::PathBuf;

/// A user name and password, and where the password came from (for messages).
#[derive(Clone)]
pub struct Credentials {
    pub user: String,
    password: String,
    /// "from $VAR" or "from ~/.netrc".
    pub source: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({}, password {})", self.user, self.source)
    }
}

impl Credentials {
    /// The `Authorization` header value.
    pub fn basic(&self) -> String {
        let raw = format!("{}:{}", self.user, self.password);
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(raw)
        )
    }
}

/// The login for `host`: `user` (from the address or `--user`) with the password of the
/// environment variable `password_env`, or else what `netrc` has for the host. `None` when
/// there is no user with a password variable, nor a netrc entry (the request goes without
/// a login, and a 401 answer says what to give). A named variable that is not set is an
/// error.
pub fn credentials(
    name: &str,
    host: &str,
    user: Option<String>,
    password_env: Option<&str>,
    netrc: Option<PathBuf>,
) -> Result<Option<Credentials>> {
    if let Some(var) = password_env {
        let password = std::env::var(var).map_err(|_| {
            Error::at(
                name,
                ErrorKind::Unreadable {
                    detail: format!(
                        "the environment variable {var} (password_env) is not set; set it to the password or app token (e.g. `read -rs {var}; export {var}`), or remove password_env to use ~/.netrc",
                    ),
                },
            )
        })?;
        // Without a user name there is no login to send: a server that wants one answers
        // 401, and that message says to give the user.
        let Some(user) = user else { return Ok(None) };
        return Ok(Some(Credentials {
            user,
            password,
            source: format!("from ${var}"),
        }));
    }
    let Some(path) = netrc else { return Ok(None) };
    // ~/.netrc is small; read it bounded all the same (a FIFO or device never blocks).
    let Ok(bytes) = super::read::read_regular(std::path::Path::new(&path), 1 << 20) else {
        return Ok(None);
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Ok(None);
    };
    Ok(
        netrc_lookup(&text, host, user.as_deref()).map(|(user, password)| Credentials {
            user,
            password,
            source: "from ~/.netrc".to_string(),
        }),
    )
}

/// The (login, password) of `host` in a netrc text: the first `machine host` entry whose
/// login is `user` (any login when `user` is None), else the `default` entry.
pub fn netrc_lookup(text: &str, host: &str, user: Option<&str>) -> Option<(String, String)> {
    let mut tokens = Vec::new();
    for line in text.lines() {
        let line = line.trim_start();
        if line.starts_with('#') {
            continue;
        }
        tokens.extend(line.split_whitespace());
    }
    #[derive(Default)]
    struct Entry<'a> {
        machine: Option<&'a str>, // None: default
        login: Option<&'a str>,
        password: Option<&'a str>,
    }
    let mut entries: Vec<Entry> = Vec::new();
    let mut it = tokens.into_iter();
    while let Some(t) = it.next() {
        match t {
            "machine" => entries.push(Entry {
                machine: it.next(),
                ..Entry::default()
            }),
            "default" => entries.push(Entry::default()),
            "login" => {
                let v = it.next();
                if let Some(e) = entries.last_mut() {
                    e.login = v;
                }
            }
            "password" => {
                let v = it.next();
                if let Some(e) = entries.last_mut() {
                    e.password = v;
                }
            }
            "account" => {
                it.next();
            }
            "macdef" => break,
            _ => {}
        }
    }
    let fits = |e: &&Entry| user.is_none_or(|u| e.login == Some(u)) && e.password.is_some();
    let hit = entries
        .iter()
        .filter(|e| e.machine.is_some_and(|m| m.eq_ignore_ascii_case(host)))
        .find(fits)
        .or_else(|| entries.iter().filter(|e| e.machine.is_none()).find(fits))?;
    let login = hit.login.or(user)?;
    Some((login.to_string(), hit.password?.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn netrc_entries() {
        let text = "# mine\nmachine cal.example.se login anna password p1\n\
                    machine cal.example.se\n  login bo\n  password p2\n\
                    default login guest password p3\n";
        assert_eq!(
            netrc_lookup(text, "cal.example.se", None),
            Some(("anna".into(), "p1".into()))
        );
        assert_eq!(
            netrc_lookup(text, "CAL.example.se", Some("bo")),
            Some(("bo".into(), "p2".into()))
        );
        assert_eq!(
            netrc_lookup(text, "other.se", None),
            Some(("guest".into(), "p3".into()))
        );
        assert_eq!(netrc_lookup("machine a login x\n", "a", None), None);
    }

    #[test]
    fn password_from_the_environment_never_shows() {
        std::env::set_var("KROCK_TEST_PW_SHOWS", "s3cret-pw");
        let c = credentials(
            "n",
            "h",
            Some("anna".into()),
            Some("KROCK_TEST_PW_SHOWS"),
            None,
        )
        .unwrap()
        .unwrap();
        assert!(!format!("{c:?}").contains("s3cret"));
        assert_eq!(c.basic(), "Basic YW5uYTpzM2NyZXQtcHc=");
        let e = credentials(
            "n",
            "h",
            Some("a".into()),
            Some("KROCK_TEST_PW_UNSET"),
            None,
        )
        .unwrap_err();
        assert!(e.to_string().contains("KROCK_TEST_PW_UNSET"), "{e}");
        assert!(
            credentials("n", "h", None, Some("KROCK_TEST_PW_SHOWS"), None)
                .unwrap()
                .is_none()
        );
    }
}
