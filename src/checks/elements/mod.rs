//! Native checks of the `elements` group, one file each: principals, actions
//! and ARNs. `analysis` is the one classification of principal and ARN values
//! that the principal and ARN rules share (so that each value gets one
//! diagnostic, for its first problem).

pub(crate) mod analysis;

mod action_matches_nothing;
mod arn_account_not_allowed;
mod arn_region_not_allowed;
mod arn_service_case;
mod invalid_action_format;
mod invalid_arn_account;
mod invalid_arn_region;
mod invalid_partition;
mod invalid_principal_value;
pub(crate) mod invalid_service_principal;
mod missing_arn_field;
mod missing_arn_region;
mod other_service_action;
mod principal_unique_id;
mod principal_wildcard;
mod redundant_action;
mod resource_star;
mod unknown_action;
mod unknown_federation_source;
mod unsupported_resource_type;
mod wildcard_in_service_name;

use crate::engine::NativeFn;

/// The checks of this group by the name rule files use.
pub static CHECKS: &[(&str, NativeFn)] = &[
    ("action-matches-nothing", action_matches_nothing::run),
    ("arn-account-not-allowed", arn_account_not_allowed::run),
    ("arn-region-not-allowed", arn_region_not_allowed::run),
    ("invalid-action-format", invalid_action_format::run),
    ("invalid-arn-account", invalid_arn_account::run),
    ("invalid-arn-region", invalid_arn_region::run),
    ("invalid-arn-service-case", arn_service_case::run),
    ("invalid-partition", invalid_partition::run),
    ("invalid-principal-value", invalid_principal_value::run),
    ("invalid-service-principal", invalid_service_principal::run),
    ("missing-arn-field", missing_arn_field::run),
    ("missing-arn-region", missing_arn_region::run),
    ("other-service-action", other_service_action::run),
    ("principal-unique-id", principal_unique_id::run),
    ("principal-wildcard", principal_wildcard::run),
    ("redundant-action", redundant_action::run),
    ("resource-star", resource_star::run),
    ("unknown-action", unknown_action::run),
    ("unknown-federation-source", unknown_federation_source::run),
    ("unsupported-resource-type", unsupported_resource_type::run),
    ("wildcard-in-service-name", wildcard_in_service_name::run),
];
