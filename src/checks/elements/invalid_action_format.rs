//! IB0126 `invalid-action-format`: an `Action` or `NotAction` value that is
//! not `service:ActionName` (or `*`): no colon, a dot where the colon belongs
//! (`imagebuilder.GetComponent:*`), an empty service or name, spaces, or
//! characters that no service prefix or action name has.
use super::analysis::has_variable;
use crate::engine::{did_you_mean, Ctx, Finding};
use crate::imagebuilder::ACTIONS;
use crate::policy::Item;
use std::ops::Range;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for a in action_values(ctx) {
        if let Shape::Malformed { message, help } = shape(a.text) {
            out.push(
                ctx.finding(a.item.node.span, &a.item.path)
                    .var("value", a.text)
                    .message(message)
                    .help_opt(help),
            );
        }
    }
}

/// One string of `Action` or `NotAction`.
pub(crate) struct ActionValue<'a> {
    pub item: Item<'a>,
    pub text: &'a str,
    /// `Action` or `NotAction`.
    pub element: &'static str,
    /// Index of the statement in `ctx.statements`.
    pub statement: usize,
}

pub(crate) fn action_values<'a>(ctx: &Ctx<'a>) -> Vec<ActionValue<'a>> {
    let mut out = Vec::new();
    for (i, st) in ctx.statements.iter().enumerate() {
        for element in ["Action", "NotAction"] {
            for item in st.values(element) {
                if let Some(text) = item.as_str() {
                    out.push(ActionValue {
                        item,
                        text,
                        element,
                        statement: i,
                    });
                }
            }
        }
    }
    out
}

/// What an action string is.
pub(crate) enum Shape {
    /// `*`: every action of every service.
    All,
    /// `service:name`, with the byte ranges of both.
    Action {
        service: Range<usize>,
        name: Range<usize>,
    },
    /// Holds a policy variable: variables are not allowed in actions, and
    /// the variable rules say so.
    Variable,
    Malformed {
        message: String,
        help: Option<String>,
    },
}

fn prefix_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'*' || b == b'?'
}

fn name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'*' || b == b'?'
}

/// The Image Builder action named `name` (any case), if there is one.
fn imagebuilder_action(name: &str) -> Option<&'static str> {
    ACTIONS
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(name))
        .map(|a| a.name)
}

pub(crate) fn shape(text: &str) -> Shape {
    if text == "*" {
        return Shape::All;
    }
    if has_variable(text) {
        return Shape::Variable;
    }
    let bad = |message: String, help: Option<String>| Shape::Malformed { message, help };
    if text.trim() != text || text.contains(char::is_whitespace) {
        let compact: String = text.split_whitespace().collect();
        return bad(
            format!("`{text}` contains spaces; action strings are matched exactly"),
            Some(format!("write `{compact}`")),
        );
    }
    let colons = text.matches(':').count();
    if colons == 0 {
        // `imagebuilder.GetImage`, `imagebuilder-GetImage`, `GetImage`
        let suggestion = text
            .split_once(['.', '/'])
            .filter(|(s, n)| !s.is_empty() && !n.is_empty() && s.bytes().all(prefix_char))
            .map(|(s, n)| format!("{s}:{n}"))
            .or_else(|| imagebuilder_action(text).map(|n| format!("imagebuilder:{n}")));
        return bad(
            format!("`{text}` has no service prefix: an action is written service:ActionName"),
            Some(match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => {
                    "write the service prefix, a colon and the action, e.g. imagebuilder:GetImage"
                        .into()
                }
            }),
        );
    }
    let (service, name) = text.split_once(':').expect("has a colon");
    if service.contains('.') {
        // `imagebuilder.GetComponent:*` (an old documentation example)
        let (svc, act) = service.split_once('.').expect("has a dot");
        let act = if name == "*" || name.is_empty() {
            act.to_string()
        } else {
            format!("{act}{name}")
        };
        return bad(
            format!("`{text}` separates the service from the action with `.`; an action is written service:ActionName, with one colon"),
            Some(format!("did you mean `{svc}:{act}`?")),
        );
    }
    if colons > 1 {
        let help = if text.starts_with("arn:") {
            "this is an ARN: ARNs go in Resource; Action takes service:ActionName".to_string()
        } else {
            format!(
                "did you mean `{service}:{}`?",
                name.split(':').next().unwrap_or_default()
            )
        };
        return bad(
            format!("`{text}` has {colons} colons; an action has one, between the service prefix and the action name"),
            Some(help),
        );
    }
    if service.is_empty() {
        return bad(
            format!("`{text}` has no service prefix before its colon"),
            Some(match imagebuilder_action(name) {
                Some(n) => format!("did you mean `imagebuilder:{n}`?"),
                None => "write the service prefix, e.g. imagebuilder:GetImage".into(),
            }),
        );
    }
    if name.is_empty() {
        return bad(
            format!("`{text}` names no action after the colon"),
            Some(format!(
                "name the action, e.g. {service}:GetImage, or write {service}:* for all of them"
            )),
        );
    }
    if !service.bytes().all(prefix_char) {
        return bad(
            format!("`{service}` is not a service prefix: those are letters, digits and `-`"),
            None,
        );
    }
    if !name.bytes().all(name_char) {
        let help = did_you_mean(name, ACTIONS.iter().map(|a| a.name))
            .filter(|_| service.eq_ignore_ascii_case("imagebuilder"))
            .map(|n| format!("did you mean `{service}:{n}`?"));
        return bad(
            format!("`{name}` is not an action name: those are letters and digits, with `*` and `?` as wildcards"),
            help,
        );
    }
    Shape::Action {
        service: 0..service.len(),
        name: service.len() + 1..text.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help(text: &str) -> String {
        match shape(text) {
            Shape::Malformed { help, .. } => help.unwrap_or_default(),
            _ => panic!("{text} should be malformed"),
        }
    }

    #[test]
    fn shapes() {
        assert!(matches!(shape("*"), Shape::All));
        assert!(matches!(
            shape("imagebuilder:GetImage"),
            Shape::Action { .. }
        ));
        assert!(matches!(shape("IMAGEBUILDER:get*"), Shape::Action { .. }));
        assert!(matches!(shape("execute-api:Invoke"), Shape::Action { .. }));
        assert!(matches!(shape("*:Get?mage"), Shape::Action { .. }));
        assert!(help("imagebuilder.GetComponent:*").contains("`imagebuilder:GetComponent`"));
        assert!(help("GetImage").contains("`imagebuilder:GetImage`"));
        assert!(help("imagebuilder.GetImage").contains("`imagebuilder:GetImage`"));
        assert!(help("imagebuilder:GetImage:*").contains("`imagebuilder:GetImage`"));
        assert!(help(" imagebuilder:GetImage").contains("`imagebuilder:GetImage`"));
        assert!(matches!(shape("imagebuilder:"), Shape::Malformed { .. }));
        assert!(matches!(shape(":GetImage"), Shape::Malformed { .. }));
    }
}
