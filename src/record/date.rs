//! Calendar dates as TOML writes them (`2027-01-18`, no quotes, no time).

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A calendar date from the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub time::Date);

impl Date {
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        let month = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month, day)
            .ok()
            .map(Date)
    }

    /// Whole years from `self` (a birth date) to `on`.
    pub fn years_until(self, on: Date) -> i32 {
        let (b, d) = (self.0, on.0);
        let mut years = d.year() - b.year();
        if (d.month() as u8, d.day()) < (b.month() as u8, b.day()) {
            years -= 1;
        }
        years
    }

    /// "18 January 2027", as dates are written in court documents.
    pub fn long(self) -> String {
        format!("{} {} {}", self.0.day(), self.0.month(), self.0.year())
    }

    /// Days since 1970-01-01 (negative before).
    pub fn unix_days(self) -> i64 {
        (self.0.to_julian_day()
            - time::Date::from_calendar_date(1970, time::Month::January, 1)
                .map(|d| d.to_julian_day())
                .unwrap_or(2_440_588)) as i64
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.0.month() as u8,
            self.0.day()
        )
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Input {
            Datetime(toml::value::Datetime),
            Text(String),
            Other(serde::de::IgnoredAny),
        }
        match Input::deserialize(d)? {
            Input::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(date), None, None) => Date::from_ymd(date.year as i32, date.month, date.day)
                    .ok_or_else(|| D::Error::custom(format!("`{dt}` is not a calendar date"))),
                _ => Err(D::Error::custom(format!(
                    "expected a date without a time, found `{dt}`; write the date alone, e.g. 2027-01-18"
                ))),
            },
            Input::Text(text) => Err(D::Error::custom(format!(
                "expected a date, found the string \"{text}\"; write dates without quotes as year-month-day, e.g. 2027-01-18"
            ))),
            Input::Other(_) => Err(D::Error::custom(
                "expected a date written as year-month-day without quotes, e.g. 2027-01-18",
            )),
        }
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "A TOML local date, year-month-day without quotes, e.g. 2027-01-18."
        })
    }
}
