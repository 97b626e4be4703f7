//! The shape of a record's tables and lists, checked against the record's schema when
//! deserialising fails, to explain the commonest bracket mistakes in TOML's own terms.
//!
//! serde accepts a sequence for a struct (its fields in order), so `[[report]]` (an array
//! of tables) where `[report]` belongs gives a baffling message about the first field
//! ("unknown variant `kind`"). The schema says which keys hold a table and which a list;
//! the first key whose value has the other shape is reported instead.

use std::sync::OnceLock;

use serde_json::Value;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::CaseRecord;

/// A value with the wrong shape: its record path, the byte span of its value, and what
/// was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrongShape {
    pub path: String,
    pub span: std::ops::Range<usize>,
    pub expected: Shape,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `[name]` or `name = { ... }`, found an array.
    Table,
    /// `[[name]]` or `name = [ ... ]`, found a table.
    List,
}

impl WrongShape {
    /// The message and hint of the finding.
    pub fn describe(&self) -> (String, String) {
        // The TOML header of the value: `children[0].welfare` → `children.welfare`.
        let mut header = String::new();
        let mut depth = 0usize;
        for c in self.path.chars() {
            match c {
                '[' => depth += 1,
                ']' => depth = depth.saturating_sub(1),
                c if depth == 0 => header.push(c),
                _ => {}
            }
        }
        match self.expected {
            Shape::Table => (
                format!(
                    "`{}` must be a table, but it is written as an array",
                    self.path
                ),
                format!(
                    "write it as [{header}] with single brackets and its keys on the lines below; double brackets [[{header}]] or `= [...]` make a list"
                ),
            ),
            Shape::List => (
                format!(
                    "`{}` must be a list, but it is written as a single table",
                    self.path
                ),
                format!(
                    "write each entry as [[{header}]] with double brackets; single brackets [{header}] make one table"
                ),
            ),
        }
    }
}

/// The first value of `table` whose shape (table or list) is not the schema's.
pub fn wrong_shape(table: &DeTable<'_>) -> Option<WrongShape> {
    let schema = schema();
    walk_table("", table, schema, schema)
}

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| schemars::schema_for!(CaseRecord).to_value())
}

fn walk_table(
    prefix: &str,
    table: &DeTable<'_>,
    schema: &Value,
    root: &Value,
) -> Option<WrongShape> {
    let object = resolve(schema, root, "object")?;
    let properties = object.get("properties")?;
    for (key, value) in table.iter() {
        let Some(field) = properties.get(key.get_ref().as_ref()) else {
            continue;
        };
        let path = if prefix.is_empty() {
            key.get_ref().to_string()
        } else {
            format!("{prefix}.{}", key.get_ref())
        };
        if let Some(found) = walk_value(path, value, field, root) {
            return Some(found);
        }
    }
    None
}

fn walk_value(
    path: String,
    value: &Spanned<DeValue<'_>>,
    schema: &Value,
    root: &Value,
) -> Option<WrongShape> {
    let table = resolve(schema, root, "object").is_some();
    let list = resolve(schema, root, "array").is_some();
    let wrong = |expected| {
        Some(WrongShape {
            path: path.clone(),
            span: value.span(),
            expected,
        })
    };
    match value.get_ref() {
        DeValue::Array(_) if table && !list => wrong(Shape::Table),
        DeValue::Table(_) if list && !table => wrong(Shape::List),
        DeValue::Table(inner) if table => walk_table(&path, inner, schema, root),
        DeValue::Array(items) if list => {
            let item_schema = resolve(schema, root, "array")?.get("items")?;
            items
                .iter()
                .enumerate()
                .find_map(|(i, item)| walk_value(format!("{path}[{i}]"), item, item_schema, root))
        }
        _ => None,
    }
}

/// The member of `schema` (following `$ref`, `anyOf`, `oneOf`, `allOf`) of JSON type
/// `kind`, if any.
fn resolve<'a>(schema: &'a Value, root: &'a Value, kind: &str) -> Option<&'a Value> {
    resolve_depth(schema, root, kind, 0)
}

fn resolve_depth<'a>(
    schema: &'a Value,
    root: &'a Value,
    kind: &str,
    depth: usize,
) -> Option<&'a Value> {
    if depth > 16 {
        return None;
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let target = reference
            .strip_prefix("#/")?
            .split('/')
            .try_fold(root, |v, key| v.get(key))?;
        return resolve_depth(target, root, kind, depth + 1);
    }
    let is_kind = match schema.get("type") {
        Some(Value::String(t)) => t == kind,
        Some(Value::Array(types)) => types.iter().any(|t| t == kind),
        _ => false,
    };
    if is_kind {
        return Some(schema);
    }
    ["anyOf", "oneOf", "allOf"]
        .iter()
        .filter_map(|k| schema.get(*k).and_then(Value::as_array))
        .flatten()
        .find_map(|member| resolve_depth(member, root, kind, depth + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape_of(src: &str) -> Option<(String, Shape)> {
        let table = DeTable::parse(src).ok()?;
        wrong_shape(table.get_ref()).map(|w| (w.path, w.expected))
    }

    #[test]
    fn array_where_a_table_belongs() {
        assert_eq!(
            shape_of("[[report]]\nkind = \"section7\"\n"),
            Some(("report".into(), Shape::Table))
        );
        assert_eq!(
            shape_of("[report]\nkind = \"section7\"\nauthor = []\n"),
            Some(("report.author".into(), Shape::Table))
        );
        assert_eq!(
            shape_of(
                "[[children]]\nid = \"a\"\nname = \"A\"\n[[children.welfare]]\nneeds = \"x\"\n"
            ),
            Some(("children[0].welfare".into(), Shape::Table))
        );
        assert_eq!(
            shape_of("[[ciaf.domestic_abuse]]\nstatus = \"present\"\n"),
            Some(("ciaf.domestic_abuse".into(), Shape::Table))
        );
    }

    #[test]
    fn table_where_a_list_belongs() {
        assert_eq!(
            shape_of("[children]\nid = \"a\"\n"),
            Some(("children".into(), Shape::List))
        );
    }

    #[test]
    fn a_well_formed_record_has_the_right_shape() {
        let src = include_str!("../../tests/fixtures/complete.toml");
        assert_eq!(shape_of(src), None);
    }
}
