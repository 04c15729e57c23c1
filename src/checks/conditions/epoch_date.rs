//! A Date operator's value written as epoch seconds: it works, but an ISO
//! 8601 date says what it means.
use super::model::{entries, text};
use super::values::{parse_date, DateForm};
use crate::engine::{Ctx, Finding};
use crate::iam::Family;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for e in entries(ctx) {
        if e.op.family != Family::Date || e.type_mismatch().is_some() {
            continue;
        }
        for item in e.scalars() {
            if matches!(item.node.value, crate::json::Value::Bool(_)) {
                continue;
            }
            let Some(v) = text(item.node) else { continue };
            if parse_date(&v) != Some(DateForm::Epoch) {
                continue;
            }
            let iso = v.parse::<i64>().ok().map(iso_from_epoch);
            let help = match &iso {
                Some(d) => format!("write \"{d}\""),
                None => "write an ISO 8601 date such as \"2025-01-31T00:00:00Z\"".into(),
            };
            out.push(
                ctx.finding(item.node.span, &item.path)
                    .var("value", v.to_string())
                    .var("expected", iso.unwrap_or_default())
                    .help(help),
            );
        }
    }
}

/// `YYYY-MM-DDThh:mm:ssZ` for seconds since 1970-01-01 (UTC).
pub fn iso_from_epoch(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::iso_from_epoch;

    #[test]
    fn epoch_to_iso() {
        assert_eq!(iso_from_epoch(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_from_epoch(1_735_689_600), "2025-01-01T00:00:00Z");
        assert_eq!(iso_from_epoch(951_825_600), "2000-02-29T12:00:00Z");
        assert_eq!(iso_from_epoch(4_102_444_799), "2099-12-31T23:59:59Z");
    }
}
