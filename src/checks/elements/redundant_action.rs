//! IB0129 `redundant-action`: an action that another value of the same
//! `Action` (or `NotAction`) list already covers: `imagebuilder:GetImage`
//! next to `imagebuilder:Get*`, or the same action twice. Decided from the
//! patterns alone (no action list), so it holds for every service: a value is
//! reported only when everything it can match is matched by the other.
use super::invalid_action_format::{action_values, shape, ActionValue, Shape};
use crate::engine::{Ctx, Finding};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(view) = &ctx.policy else { return };
    let values: Vec<ActionValue<'_>> = action_values(ctx)
        .into_iter()
        .filter(|a| matches!(shape(a.text), Shape::All | Shape::Action { .. }))
        .collect();
    // Lowercased once; exact repeats found with a map, and only the values
    // with a wildcard are tried as covering patterns: linear for the usual
    // lists of literal actions, however long.
    let lower: Vec<String> = values.iter().map(|a| a.text.to_ascii_lowercase()).collect();
    let mut first_seen: std::collections::HashMap<(usize, &str, &str), usize> =
        std::collections::HashMap::new();
    let wild: Vec<usize> = (0..values.len())
        .filter(|&j| lower[j].contains(['*', '?']))
        .collect();
    for (i, a) in values.iter().enumerate() {
        let key = (a.statement, a.element, lower[i].as_str());
        let repeat = match first_seen.get(&key) {
            Some(&j) => Some(j),
            None => {
                first_seen.insert(key, i);
                None
            }
        };
        let by = repeat.or_else(|| {
            wild.iter().copied().find(|&j| {
                let b = &values[j];
                j != i
                    && b.statement == a.statement
                    && b.element == a.element
                    && lower[j] != lower[i]
                    && covers(&lower[j], &lower[i])
            })
        });
        let by = by.map(|j| (j, &values[j]));
        if let Some((_, b)) = by {
            out.push(
                ctx.finding(a.item.node.span, &a.item.path)
                    .var("value", a.text)
                    .message(if b.text.eq_ignore_ascii_case(a.text) {
                        format!("`{}` is listed twice in `{}`", a.text, a.element)
                    } else {
                        format!(
                            "`{}` is already covered by `{}` in the same `{}`",
                            a.text, b.text, a.element
                        )
                    })
                    .related(view.file_span(b.item.node.span), "covered by this"),
            );
        }
    }
}

/// Does every string that pattern `a` matches also match pattern `p`? Both
/// use IAM's `*` (any run) and `?` (one character). Decided conservatively:
/// `p`'s `*` may absorb anything in `a`, including `a`'s wildcards, but a
/// literal or `?` of `p` never matches a `*` of `a`; so `true` is always right.
pub(crate) fn covers(p: &str, a: &str) -> bool {
    let p: Vec<char> = p.chars().collect();
    let a: Vec<char> = a.chars().collect();
    if p.len() > 256 || a.len() > 256 {
        return false;
    }
    // reach[i][j]: p[..i] can match a[..j]
    let mut reach = vec![vec![false; a.len() + 1]; p.len() + 1];
    reach[0][0] = true;
    for i in 0..=p.len() {
        for j in 0..=a.len() {
            if !reach[i][j] || i == p.len() {
                continue;
            }
            match p[i] {
                '*' => {
                    reach[i + 1][j] = true;
                    if j < a.len() {
                        reach[i][j + 1] = true;
                    }
                }
                '?' => {
                    if j < a.len() && a[j] != '*' {
                        reach[i + 1][j + 1] = true;
                    }
                }
                c => {
                    if j < a.len() && a[j] == c && c != '?' {
                        reach[i + 1][j + 1] = true;
                    }
                }
            }
        }
    }
    reach[p.len()][a.len()]
}

#[cfg(test)]
mod tests {
    use super::covers;

    #[test]
    fn pattern_cover() {
        assert!(covers("imagebuilder:get*", "imagebuilder:getimage"));
        assert!(covers("imagebuilder:*", "imagebuilder:get*"));
        assert!(covers("*", "imagebuilder:get*"));
        assert!(covers("imagebuilder:get?mage", "imagebuilder:getimage"));
        assert!(!covers("imagebuilder:get?mage", "imagebuilder:get*mage"));
        assert!(!covers("imagebuilder:get*", "imagebuilder:list*"));
        // AWS's own example: iam:*CredentialReport is not covered by iam:Get*
        assert!(!covers("iam:get*", "iam:*credentialreport"));
        assert!(!covers("imagebuilder:getimage", "imagebuilder:get*"));
    }
}
