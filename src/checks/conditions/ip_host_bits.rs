//! A CIDR range with bits set to the right of its prefix (`10.0.0.1/8`).
use super::model::entries;
use super::values::Cidr;
use crate::engine::{Ctx, Finding};
use crate::iam::Family;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        if e.op.family != Family::Ip || e.type_mismatch().is_some() {
            continue;
        }
        for item in e.scalars() {
            let Some(v) = item.node.as_str() else {
                continue;
            };
            let Some(c) = Cidr::parse(v) else { continue };
            if !c.written_prefix || !c.host_bits_set() {
                continue;
            }
            let net = format!("{}/{}", c.network(), c.prefix);
            out.push(
                ctx.finding(item.node.span, &item.path)
                    .var("value", v)
                    .var("expected", net.clone())
                    .help(format!(
                        "write \"{net}\" for the range, or \"{}\" for the one address",
                        single(&c)
                    )),
            );
        }
    }
}

fn single(c: &Cidr) -> String {
    let max = if c.addr.is_ipv4() { 32 } else { 128 };
    format!("{}/{max}", c.addr)
}
