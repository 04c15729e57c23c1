//! IB0123 `invalid-service-principal`: a `Service` principal that is not a
//! service principal name such as `ecs.amazonaws.com`.
use super::analysis::{emit, Code, Issue};
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    emit(ctx, out, Code::InvalidServicePrincipal);
}

/// The DNS suffixes service principals end with (the commercial, China and
/// other partitions' domains, and `amazon.com` for a few such as Alexa's).
const SUFFIXES: [&str; 8] = [
    ".amazonaws.com",
    ".amazonaws.com.cn",
    ".amazon.com",
    ".amazonaws.eu",
    ".c2s.ic.gov",
    ".sc2s.sgov.gov",
    ".cloud.adc-e.uk",
    ".csp.hci.ic.gov",
];

/// `name.amazonaws.com`, `name.region.amazonaws.com`, ...: lowercase DNS
/// labels before one of the suffixes.
pub(crate) fn is_service_principal(text: &str) -> bool {
    SUFFIXES.iter().any(|suffix| {
        text.strip_suffix(suffix).is_some_and(|head| {
            !head.is_empty()
                && head.split('.').all(|label| {
                    !label.is_empty()
                        && !label.starts_with('-')
                        && !label.ends_with('-')
                        && label
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                })
        })
    })
}

pub(crate) fn check(text: &str) -> Option<Issue> {
    if is_service_principal(text) {
        return None;
    }
    let issue = |message: String| Issue::new(Code::InvalidServicePrincipal, None, message);
    let lower = text.to_ascii_lowercase();
    Some(
        if crate::arn::is_account_id(text) || lower.starts_with("arn:") {
            issue(format!("`{text}` is an account or an ARN, not a service principal"))
            .help("put accounts, roles and users under \"AWS\"; \"Service\" takes names such as ecs.amazonaws.com")
        } else if is_service_principal(&lower) {
            issue(format!(
                "service principals are case-sensitive and written in lowercase: `{lower}`"
            ))
            .help(format!("write `{lower}`"))
        } else if !lower.is_empty()
            && lower
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            issue(format!(
                "`{text}` is a service name, not a service principal"
            ))
            .help(format!("did you mean `{lower}.amazonaws.com`?"))
        } else {
            issue(format!("`{text}` is not a service principal; a service principal is written service-name.amazonaws.com"))
            .help("for example ecs.amazonaws.com; some condition keys such as kms:ViaService take service-name.region.amazonaws.com")
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_principal_names() {
        for ok in [
            "ecs.amazonaws.com",
            "logs.us-east-1.amazonaws.com",
            "ec2.amazonaws.com.cn",
            "alexa-appkit.amazon.com",
            "imagebuilder.amazonaws.com",
        ] {
            assert!(check(ok).is_none(), "{ok}");
        }
        assert!(check("EC2.amazonaws.com")
            .unwrap()
            .message
            .contains("`ec2.amazonaws.com`"));
        assert!(check("ecs")
            .unwrap()
            .help
            .unwrap()
            .contains("ecs.amazonaws.com"));
        assert!(check("123456789012").unwrap().message.contains("account"));
        assert!(check("ecs.example.com").is_some());
        assert!(check(".amazonaws.com").is_some());
    }
}
