//! Native checks of the `elements` group, one file each.

use crate::engine::NativeFn;

/// The checks of this group by the name rule files use.
pub static CHECKS: &[(&str, NativeFn)] = &[];
