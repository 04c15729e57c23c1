//! IB0304 `other-service-action`: an action of another service in an Image
//! Builder policy. The policy is evaluated only for requests to the image,
//! component or recipe it is attached to, which are all `imagebuilder`
//! requests, so `ec2:*` or `kms:Decrypt` there can never apply.
use super::analysis::{has_wildcard, kind_noun};
use super::invalid_action_format::{action_values, shape, Shape};
use crate::engine::{Ctx, Finding};
use crate::imagebuilder::is_imagebuilder;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(kind) = ctx.kind else { return };
    let kind_words = kind_noun(kind);
    for a in action_values(ctx)
        .into_iter()
        .filter(|a| a.element == "Action")
    {
        let Shape::Action { service, .. } = shape(a.text) else {
            continue;
        };
        if is_imagebuilder(a.text) {
            continue;
        }
        let service = a.text[service].to_ascii_lowercase();
        let help = match service.as_str() {
            "kms" => format!("grant KMS permissions in the key policy of the key the {kind_words} is encrypted with; the Image Builder docs ask owners to share that key with the same accounts"),
            "ec2" => "AMI launch permissions are set on the AMI (or in the distribution configuration), not in an Image Builder policy".into(),
            "ecr" => "access to a container image is granted in the ECR repository policy".into(),
            s if has_wildcard(s) => format!("this pattern matches no `imagebuilder` action; list the imagebuilder actions to share, e.g. imagebuilder:Get{}", if kind_words == "image" { "Image" } else { "*" }),
            s => format!("remove it; {s} permissions are granted in {s}'s own policies"),
        };
        out.push(
            ctx.finding(a.item.node.span, &a.item.path)
                .var("value", a.text)
                .var("kind", kind_words)
                .help(help),
        );
    }
}
