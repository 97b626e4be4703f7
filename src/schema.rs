//! The JSON Schema of the case record, generated from the record types in [`crate::record`].
//!
//! Made for editors first: Even Better TOML / taplo reads it through the `#:schema` line at
//! the top of a record and completes keys and values, shows each field's description on
//! hover, and underlines a key or value the tool would reject. So the schema is shaped for
//! what those editors handle well:
//!
//! - JSON Schema draft 7, with every subschema inlined (no `$ref`): taplo follows a `$ref`
//!   and shows the referenced type's text, which would hide the field's own description.
//! - No `null`: TOML has none, an optional field is simply left out.
//! - Every enum as `enum` (plus taplo's `x-taplo.docs.enumValues` for a line on each value),
//!   and its allowed values written into the field's description, so they show on hover.
//! - Dates as `"type": "string", "format": "date"`: taplo hands a TOML date to the validator
//!   as a `YYYY-MM-DD` string.
//!
//! The schema describes what the loader accepts (types, keys, allowed values), not the
//! checker's rules: a record can be valid against it and still have findings.

use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

use crate::record::CaseRecord;

/// The schema file shipped in the repository, relative to its root.
pub const SCHEMA_PATH: &str = "schema/case.schema.json";

/// The JSON Schema of a case record.
pub fn case_schema() -> Value {
    let generator = SchemaSettings::draft07()
        .with(|s| s.inline_subschemas = true)
        .into_generator();
    let mut schema = generator.into_root_schema_for::<CaseRecord>().to_value();
    tidy(&mut schema);
    if let Some(root) = schema.as_object_mut() {
        root.insert("title".into(), json!("courtreport case record"));
        root.insert(
            "description".into(),
            json!(
                "A case record for courtreport: everything a draft welfare report (Section 7 or child impact report) is made from. Run `courtreport check` for what a court would find missing."
            ),
        );
    }
    schema
}

/// The schema as written to `schema/case.schema.json` and by `courtreport schema`:
/// pretty-printed, with a final newline.
pub fn case_schema_json() -> String {
    // Cannot fail: a `serde_json::Value` (string keys, no non-finite numbers) always
    // serialises, and the schema is built from the record types, not from user input.
    let mut text = serde_json::to_string_pretty(&case_schema()).expect("a schema serialises");
    text.push('\n');
    text
}

/// A parsed TOML document as JSON, the way taplo hands it to a schema validator: dates and
/// times become their TOML text (`2027-01-18`).
pub fn toml_to_json(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(dt) => Value::String(dt.to_string()),
        toml::Value::Array(items) => Value::Array(items.iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

/// Reshape one (sub)schema and everything below it for TOML editors; see the module docs.
fn tidy(value: &mut Value) {
    let Some(obj) = value.as_object_mut() else {
        return;
    };
    drop_null(obj);
    for (key, child) in obj.iter_mut() {
        match key.as_str() {
            "properties" => {
                if let Some(props) = child.as_object_mut() {
                    props.values_mut().for_each(tidy);
                }
            }
            "items" | "additionalProperties" => tidy(child),
            "anyOf" | "oneOf" | "allOf" => {
                if let Some(list) = child.as_array_mut() {
                    list.iter_mut().for_each(tidy);
                }
            }
            _ => {}
        }
    }
    consts_to_enum(obj);
    describe_values(obj);
}

/// `Option<T>` comes out as `T` plus `null`; TOML has no null, a field is left out instead.
fn drop_null(obj: &mut Map<String, Value>) {
    if let Some(Value::Array(types)) = obj.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            obj.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(alts)) = obj.get("anyOf") {
        let kept: Vec<Value> = alts
            .iter()
            .filter(|a| a.get("type") != Some(&json!("null")))
            .cloned()
            .collect();
        if kept.len() == 1 && kept.len() < alts.len() {
            obj.remove("anyOf");
            if let Some(Value::Object(inner)) = kept.into_iter().next() {
                for (k, v) in inner {
                    // The field's own description wins over the type's.
                    obj.entry(k).or_insert(v);
                }
            }
        }
    }
    if let Some(Value::Array(values)) = obj.get_mut("enum") {
        values.retain(|v| !v.is_null());
    }
    if obj.get("default").is_some_and(Value::is_null) {
        obj.remove("default");
    }
    if let Some(default) = obj.get_mut("default") {
        strip_nulls(default);
    }
}

/// A default such as `{ "domestic_abuse": null }`, without its nulls.
fn strip_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(strip_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

/// A documented Rust enum comes out as `oneOf` a list of `const`s, each with a description:
/// make it one `enum`, and keep the per-value lines where taplo shows them in completion.
fn consts_to_enum(obj: &mut Map<String, Value>) {
    let Some(Value::Array(alts)) = obj.get("oneOf") else {
        return;
    };
    let all_consts = alts
        .iter()
        .all(|a| a.get("const").is_some_and(Value::is_string));
    if !all_consts || alts.is_empty() {
        return;
    }
    let values: Vec<Value> = alts.iter().map(|a| a["const"].clone()).collect();
    let docs: Vec<Value> = alts
        .iter()
        .map(|a| a.get("description").cloned().unwrap_or(Value::Null))
        .collect();
    obj.remove("oneOf");
    obj.insert("type".into(), json!("string"));
    obj.insert("enum".into(), Value::Array(values));
    obj.insert("x-taplo".into(), json!({ "docs": { "enumValues": docs } }));
}

/// Write the allowed values of an enum (or of the items of an array of enums) and the
/// way to write a date into the description, so an editor's hover shows them.
fn describe_values(obj: &mut Map<String, Value>) {
    let values = obj
        .get("enum")
        .or_else(|| obj.get("items").and_then(|i| i.get("enum")))
        .and_then(Value::as_array)
        .map(|vs| {
            vs.iter()
                .filter_map(Value::as_str)
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ")
        });
    let is_date = obj.get("format") == Some(&json!("date"));
    let extra = match (values, is_date) {
        (Some(values), _) if obj.contains_key("enum") => format!("Allowed values: {values}."),
        (Some(values), _) => format!("Each one of: {values}."),
        (None, true) => "A date without quotes, year-month-day: 2027-01-18.".to_string(),
        (None, false) => return,
    };
    let description = match obj.get("description").and_then(Value::as_str) {
        Some(d) if d.contains(&extra) => return,
        Some(d) => format!("{}\n\n{extra}", d.trim_end()),
        None => extra,
    };
    obj.insert("description".into(), Value::String(description));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every property of every object, with its path.
    fn properties<'a>(path: &str, schema: &'a Value, out: &mut Vec<(String, &'a Value)>) {
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (k, v) in props {
                let p = format!("{path}.{k}");
                out.push((p.clone(), v));
                properties(&p, v, out);
            }
        }
        if let Some(items) = schema.get("items") {
            properties(&format!("{path}[]"), items, out);
        }
    }

    #[test]
    fn every_field_has_a_description() {
        let schema = case_schema();
        let mut props = Vec::new();
        properties("", &schema, &mut props);
        assert!(props.len() > 100, "only {} properties", props.len());
        let missing: Vec<&str> = props
            .iter()
            .filter(|(_, s)| {
                s.get("description")
                    .and_then(Value::as_str)
                    .is_none_or(|d| d.trim().is_empty())
            })
            .map(|(p, _)| p.as_str())
            .collect();
        assert!(
            missing.is_empty(),
            "fields without a description: {missing:?}"
        );
    }

    #[test]
    fn every_enum_lists_its_values_in_the_description() {
        let schema = case_schema();
        let mut props = Vec::new();
        properties("", &schema, &mut props);
        let mut enums = 0;
        for (path, s) in props {
            let values = s
                .get("enum")
                .or_else(|| s.get("items").and_then(|i| i.get("enum")));
            let Some(values) = values.and_then(Value::as_array) else {
                continue;
            };
            enums += 1;
            let description = s["description"].as_str().unwrap_or_default();
            for v in values {
                let v = v.as_str().expect("string values");
                assert!(
                    description.contains(&format!("`{v}`")),
                    "{path}: description does not list `{v}`: {description}"
                );
            }
        }
        assert!(enums >= 14, "only {enums} enum fields");
    }

    #[test]
    fn the_welfare_checklist_fields_carry_the_statutory_wording() {
        let schema = case_schema();
        let welfare = &schema["properties"]["children"]["items"]["properties"]["welfare"];
        for item in crate::record::Welfare::ITEMS {
            let d = welfare["properties"][item.key]["description"]
                .as_str()
                .unwrap_or_default();
            assert!(
                d.contains(item.statute),
                "{}: the description lacks the wording of s1(3)({}): {d}",
                item.key,
                item.letter
            );
        }
    }

    #[test]
    fn schema_is_for_toml_no_refs_and_no_null() {
        let text = case_schema_json();
        assert!(
            !text.contains("\"$ref\""),
            "a $ref hides field descriptions in taplo"
        );
        assert!(!text.contains("\"null\""), "TOML has no null");
        assert!(!text.contains(": null"), "TOML has no null");
        assert!(text.contains("\"http://json-schema.org/draft-07/schema#\""));
    }

    #[test]
    fn dates_are_strings_with_format_date() {
        let schema = case_schema();
        let date = &schema["properties"]["report"]["properties"]["hearing_date"];
        assert_eq!(date["type"], "string");
        assert_eq!(date["format"], "date");
        assert!(date["description"].as_str().unwrap().contains("2027-01-18"));
    }

    #[test]
    fn unknown_keys_are_rejected_everywhere() {
        let schema = case_schema();
        assert_eq!(schema["additionalProperties"], false);
        assert_eq!(
            schema["properties"]["report"]["properties"]["author"]["additionalProperties"],
            false
        );
    }

    #[test]
    fn toml_dates_become_plain_strings() {
        let v: toml::Value = toml::from_str("d = 2027-01-18\nt = { a = [1, 2.5, true] }").unwrap();
        assert_eq!(
            toml_to_json(&v),
            json!({ "d": "2027-01-18", "t": { "a": [1, 2.5, true] } })
        );
    }
}
