//! IB0409: a `Deny` whose condition tests a tag key that some of its Image
//! Builder actions do not support: the condition is then never true for
//! them, and they are not denied.
use super::access::{positive_entries, shortlist, Env};
use crate::engine::{Ctx, Finding};
use crate::imagebuilder::{expand, ACTIONS};

/// Actions without `aws:ResourceTag/${TagKey}` (Service Authorization
/// Reference, `../shared/facts/imagebuilder.md` §4.3).
const NO_RESOURCE_TAG: &[&str] = &[
    "CancelLifecycleExecution",
    "GetLifecycleExecution",
    "GetWorkflowExecution",
    "GetWorkflowStepExecution",
    "ListComponentBuildVersions",
    "ListComponents",
    "ListContainerRecipes",
    "ListDistributionConfigurations",
    "ListImageBuildVersions",
    "ListImagePipelines",
    "ListImageRecipes",
    "ListImages",
    "ListInfrastructureConfigurations",
    "ListLifecycleExecutionResources",
    "ListLifecyclePolicies",
    "ListWaitingWorkflowSteps",
    "ListWorkflowBuildVersions",
    "ListWorkflowStepExecutions",
    "ListWorkflows",
];

/// Actions with `aws:RequestTag/${TagKey}` (and `aws:TagKeys`).
const REQUEST_TAG: &[&str] = &[
    "CreateComponent",
    "CreateContainerRecipe",
    "CreateDistributionConfiguration",
    "CreateImage",
    "CreateImagePipeline",
    "CreateImageRecipe",
    "CreateInfrastructureConfiguration",
    "CreateLifecyclePolicy",
    "CreateWorkflow",
    "DistributeImage",
    "ImportComponent",
    "ImportDiskImage",
    "ImportVmImage",
    "StartImagePipelineExecution",
    "TagResource",
];

/// Whether the action is ever evaluated with the tag condition key.
fn supports(action: &str, key: &str) -> Option<bool> {
    let k = key.to_ascii_lowercase();
    if k.starts_with("aws:resourcetag/") {
        Some(!NO_RESOURCE_TAG.contains(&action))
    } else if k.starts_with("aws:requesttag/") {
        Some(REQUEST_TAG.contains(&action))
    } else if k == "aws:tagkeys" {
        Some(REQUEST_TAG.contains(&action) || action == "UntagResource")
    } else {
        None
    }
}

fn is_tag_key(key: &str) -> bool {
    supports("", key).is_some()
}

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let env = Env::new(ctx);
    for st in &ctx.statements {
        if st.effect() != Some("Deny") {
            continue;
        }
        // Keys under a positive operator without IfExists: false, and so no
        // Deny, when the request has no such key.
        let keys: Vec<&str> = positive_entries(st.node)
            .into_iter()
            .map(|e| e.key)
            .filter(|k| is_tag_key(k))
            .collect();
        let Some(first) = keys.first() else { continue };
        let escapes = |names: Vec<&'static str>| -> Vec<&'static str> {
            names
                .into_iter()
                .filter(|a| keys.iter().any(|k| supports(a, k) == Some(false)))
                .collect()
        };
        let relevant = |a: &&crate::imagebuilder::Action| env.kind.is_none_or(|k| a.applies_to(k));
        let mut report = |span, path: &crate::json::Path, value: &str, names: Vec<&'static str>| {
            if names.is_empty() {
                return;
            }
            out.push(
                ctx.finding(span, path)
                    .var("value", value)
                    .var("key", *first)
                    .var("actions", shortlist(&names)),
            );
        };
        for item in st.values("Action") {
            let Some(text) = item.as_str() else { continue };
            let names = expand(text)
                .into_iter()
                .filter(relevant)
                .map(|a| a.name)
                .collect();
            report(item.node.span, &item.path, text, escapes(names));
        }
        if let Some(m) = st.member("NotAction") {
            let listed: Vec<&str> = st
                .values("NotAction")
                .iter()
                .filter_map(|i| i.as_str())
                .collect();
            let names = ACTIONS
                .iter()
                .filter(relevant)
                .filter(|a| {
                    !listed
                        .iter()
                        .any(|l| expand(l).iter().any(|x| x.name == a.name))
                })
                .map(|a| a.name)
                .collect();
            report(
                m.key_span,
                &st.path.key("NotAction"),
                "NotAction",
                escapes(names),
            );
        }
    }
}
