//! The `imagebuilder` actions of the Service Authorization Reference, with
//! their access level and the resource types they apply to
//! (`../shared/facts/imagebuilder.md` §4.3; 77 actions, one per API operation).

use crate::arn::Kind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    List,
    Write,
    Permissions,
    Tagging,
}

impl Access {
    pub fn is_read(self) -> bool {
        matches!(self, Access::Read | Access::List)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Access::Read => "Read",
            Access::List => "List",
            Access::Write => "Write",
            Access::Permissions => "Permissions management",
            Access::Tagging => "Tagging",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Action {
    pub name: &'static str,
    pub access: Access,
    /// Resource types from the reference (`*`-required and optional alike).
    pub resources: &'static [&'static str],
}

use Access::*;

const TAGGABLE: &[&str] = &[
    "component",
    "containerRecipe",
    "distributionConfiguration",
    "image",
    "imagePipeline",
    "imageRecipe",
    "infrastructureConfiguration",
    "lifecyclePolicy",
    "workflow",
];

macro_rules! a {
    ($n:literal, $acc:expr, [$($r:literal),*]) => {
        Action { name: $n, access: $acc, resources: &[$($r),*] }
    };
    ($n:literal, $acc:expr, $r:expr) => {
        Action { name: $n, access: $acc, resources: $r }
    };
}

pub static ACTIONS: &[Action] = &[
    a!("CancelImageCreation", Write, ["image"]),
    a!("CancelLifecycleExecution", Write, ["lifecycleExecution"]),
    a!("CreateComponent", Write, ["component"]),
    a!("CreateContainerRecipe", Write, ["containerRecipe"]),
    a!(
        "CreateDistributionConfiguration",
        Write,
        ["distributionConfiguration"]
    ),
    a!("CreateImage", Write, ["image"]),
    a!("CreateImagePipeline", Write, ["imagePipeline"]),
    a!("CreateImageRecipe", Write, ["imageRecipe"]),
    a!(
        "CreateInfrastructureConfiguration",
        Write,
        ["infrastructureConfiguration"]
    ),
    a!("CreateLifecyclePolicy", Write, ["lifecyclePolicy"]),
    a!("CreateWorkflow", Write, ["workflow"]),
    a!("DeleteComponent", Write, ["component"]),
    a!("DeleteContainerRecipe", Write, ["containerRecipe"]),
    a!(
        "DeleteDistributionConfiguration",
        Write,
        ["distributionConfiguration"]
    ),
    a!("DeleteImage", Write, ["image"]),
    a!("DeleteImagePipeline", Write, ["imagePipeline"]),
    a!("DeleteImageRecipe", Write, ["imageRecipe"]),
    a!(
        "DeleteInfrastructureConfiguration",
        Write,
        ["infrastructureConfiguration"]
    ),
    a!("DeleteLifecyclePolicy", Write, ["lifecyclePolicy"]),
    a!("DeleteWorkflow", Write, ["workflow"]),
    a!("DistributeImage", Write, ["image"]),
    a!("GetComponent", Read, ["component"]),
    a!("GetComponentPolicy", Read, ["component"]),
    a!("GetContainerRecipe", Read, ["containerRecipe"]),
    a!("GetContainerRecipePolicy", Read, ["containerRecipe"]),
    a!(
        "GetDistributionConfiguration",
        Read,
        ["distributionConfiguration"]
    ),
    a!("GetImage", Read, ["image"]),
    a!("GetImagePipeline", Read, ["imagePipeline"]),
    a!("GetImagePolicy", Read, ["image"]),
    a!("GetImageRecipe", Read, ["imageRecipe"]),
    a!("GetImageRecipePolicy", Read, ["imageRecipe"]),
    a!(
        "GetInfrastructureConfiguration",
        Read,
        ["infrastructureConfiguration"]
    ),
    a!("GetLifecycleExecution", Read, ["lifecycleExecution"]),
    a!("GetLifecyclePolicy", Read, ["lifecyclePolicy"]),
    a!("GetMarketplaceResource", Read, ["component"]),
    a!("GetWorkflow", Read, ["workflow"]),
    a!("GetWorkflowExecution", Read, ["workflowExecution"]),
    a!("GetWorkflowStepExecution", Read, ["workflowStepExecution"]),
    a!("ImportComponent", Write, ["component"]),
    a!("ImportDiskImage", Write, ["imageVersion"]),
    a!("ImportVmImage", Write, ["imageVersion"]),
    a!(
        "ListComponentBuildVersions",
        List,
        ["allComponentBuildVersions"]
    ),
    a!("ListComponents", List, []),
    a!("ListContainerRecipes", List, []),
    a!("ListDistributionConfigurations", List, []),
    a!("ListImageBuildVersions", List, ["allImageBuildVersions"]),
    a!("ListImagePackages", List, ["image"]),
    a!("ListImagePipelineImages", List, ["imagePipeline"]),
    a!("ListImagePipelines", List, []),
    a!("ListImageRecipes", List, []),
    a!(
        "ListImageScanFindingAggregations",
        List,
        ["image", "imagePipeline"]
    ),
    a!("ListImageScanFindings", List, ["image", "imagePipeline"]),
    a!("ListImages", List, []),
    a!("ListInfrastructureConfigurations", List, []),
    a!(
        "ListLifecycleExecutionResources",
        List,
        ["lifecycleExecution"]
    ),
    a!(
        "ListLifecycleExecutions",
        List,
        ["image", "lifecyclePolicy"]
    ),
    a!("ListLifecyclePolicies", List, []),
    a!("ListTagsForResource", Read, TAGGABLE),
    a!("ListWaitingWorkflowSteps", List, []),
    a!(
        "ListWorkflowBuildVersions",
        List,
        ["allWorkflowBuildVersions"]
    ),
    a!("ListWorkflowExecutions", List, ["image"]),
    a!("ListWorkflowStepExecutions", List, ["workflowExecution"]),
    a!("ListWorkflows", List, []),
    a!("PutComponentPolicy", Permissions, ["component"]),
    a!("PutContainerRecipePolicy", Permissions, ["containerRecipe"]),
    a!("PutImagePolicy", Permissions, ["image"]),
    a!("PutImageRecipePolicy", Permissions, ["imageRecipe"]),
    a!("RetryImage", Write, ["image"]),
    a!(
        "SendWorkflowStepAction",
        Write,
        ["image", "workflowStepExecution"]
    ),
    a!("StartImagePipelineExecution", Write, ["imagePipeline"]),
    a!("StartResourceStateUpdate", Write, ["image"]),
    a!("TagResource", Tagging, TAGGABLE),
    a!("UntagResource", Tagging, TAGGABLE),
    a!(
        "UpdateDistributionConfiguration",
        Write,
        ["distributionConfiguration"]
    ),
    a!("UpdateImagePipeline", Write, ["imagePipeline"]),
    a!(
        "UpdateInfrastructureConfiguration",
        Write,
        ["infrastructureConfiguration"]
    ),
    a!("UpdateLifecyclePolicy", Write, ["lifecyclePolicy"]),
];

impl Action {
    /// The kinds of shareable resource this action can apply to. List actions
    /// without a resource type belong to the kind they list.
    pub fn kinds(&self) -> Vec<Kind> {
        let mut out: Vec<Kind> = self
            .resources
            .iter()
            .filter_map(|r| resource_kind(r))
            .collect();
        if self.resources.is_empty() {
            let listed = match self.name {
                "ListImages" => Some(Kind::Image),
                "ListComponents" => Some(Kind::Component),
                "ListImageRecipes" => Some(Kind::ImageRecipe),
                "ListContainerRecipes" => Some(Kind::ContainerRecipe),
                _ => None,
            };
            out.extend(listed);
        }
        out.sort();
        out.dedup();
        out
    }
    pub fn applies_to(&self, kind: Kind) -> bool {
        self.kinds().contains(&kind)
    }
}

fn resource_kind(resource_type: &str) -> Option<Kind> {
    match resource_type {
        "image" | "allImageBuildVersions" => Some(Kind::Image),
        "component" | "allComponentBuildVersions" => Some(Kind::Component),
        "imageRecipe" => Some(Kind::ImageRecipe),
        "containerRecipe" => Some(Kind::ContainerRecipe),
        _ => None,
    }
}

/// An action string of a policy, split into service prefix and name.
pub fn split_action(action: &str) -> Option<(&str, &str)> {
    action.split_once(':')
}

/// The `imagebuilder` actions an action string (with `*`/`?` wildcards, any
/// case) stands for. `*` alone stands for all of them; another service's
/// action for none.
pub fn expand(action: &str) -> Vec<&'static Action> {
    if action == "*" {
        return ACTIONS.iter().collect();
    }
    let Some((service, name)) = split_action(action) else {
        return Vec::new();
    };
    if !crate::arn::wildcard_match_ignore_case(service, "imagebuilder") {
        return Vec::new();
    }
    ACTIONS
        .iter()
        .filter(|a| crate::arn::wildcard_match_ignore_case(name, a.name))
        .collect()
}

/// Is this an `imagebuilder` action string (or a wildcard that covers the service)?
pub fn is_imagebuilder(action: &str) -> bool {
    action == "*"
        || split_action(action).is_some_and(|(s, _)| {
            crate::arn::wildcard_match(&s.to_ascii_lowercase(), "imagebuilder")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_77_actions_sorted_and_unique() {
        assert_eq!(ACTIONS.len(), 77);
        assert!(ACTIONS.windows(2).all(|w| w[0].name < w[1].name));
    }

    #[test]
    fn expansion_is_case_insensitive_with_wildcards() {
        assert_eq!(expand("IMAGEBUILDER:getimage").len(), 1);
        assert_eq!(
            expand("imagebuilder:GetImage*")
                .iter()
                .map(|a| a.name)
                .collect::<Vec<_>>(),
            [
                "GetImage",
                "GetImagePipeline",
                "GetImagePolicy",
                "GetImageRecipe",
                "GetImageRecipePolicy"
            ]
        );
        assert_eq!(expand("imagebuilder:*").len(), 77);
        assert!(expand("s3:GetObject").is_empty());
    }

    #[test]
    fn kinds_follow_resource_types() {
        let get = |n: &str| ACTIONS.iter().find(|a| a.name == n).unwrap();
        assert_eq!(get("GetComponent").kinds(), [Kind::Component]);
        assert_eq!(get("ListImages").kinds(), [Kind::Image]);
        assert_eq!(get("ListImageBuildVersions").kinds(), [Kind::Image]);
        assert!(get("GetDistributionConfiguration").kinds().is_empty());
        assert_eq!(get("TagResource").kinds().len(), 4);
    }
}
