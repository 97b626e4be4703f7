//! Where each key of a record stands in its file, so findings can point at it.
//!
//! Findings name a place by its record path (`children[0].welfare.harm`); this index maps
//! each path that exists to the byte span of its key and value. A path that does not exist
//! (a missing field) resolves to its nearest existing ancestor, so an editor jumps to the
//! table where the key belongs.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

type Entries = HashMap<String, (Range<usize>, Range<usize>)>;

/// Built on first use: most records in a batch have no finding to place, and walking
/// every key costs about as much as checking the record.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    /// The record's text, parsed again when a place is first asked for.
    source: Option<Arc<str>>,
    /// path → (key span, value span)
    entries: OnceLock<Entries>,
}

impl SpanIndex {
    /// An index of a parsed document, built now.
    pub fn build(root: &Spanned<DeTable<'_>>) -> SpanIndex {
        let index = SpanIndex::default();
        let _ = index.entries.set(Walker::walk(root));
        index
    }

    /// An index of `source`, built when first used.
    pub fn lazy(source: &str) -> SpanIndex {
        SpanIndex {
            source: Some(Arc::from(source)),
            entries: OnceLock::new(),
        }
    }

    fn entries(&self) -> &Entries {
        self.entries.get_or_init(|| match &self.source {
            Some(source) => DeTable::parse(source)
                .map(|root| Walker::walk(&root))
                .unwrap_or_default(),
            None => Entries::new(),
        })
    }

    /// The key span of `path`, or of its nearest ancestor that exists.
    pub fn locate(&self, path: &str) -> Option<Range<usize>> {
        let mut path = path;
        loop {
            if let Some((key, _)) = self.entries().get(path) {
                return Some(key.clone());
            }
            path = parent(path)?;
        }
    }

    /// The value span of `path`, when it exists.
    pub fn value(&self, path: &str) -> Option<Range<usize>> {
        self.entries().get(path).map(|(_, v)| v.clone())
    }

    /// The deepest path whose key or value covers `offset`.
    pub fn path_at(&self, offset: usize) -> Option<String> {
        self.entries()
            .iter()
            .filter(|(_, (k, v))| k.contains(&offset) || v.contains(&offset))
            .max_by_key(|(path, (_, v))| (path.len(), usize::MAX - v.len()))
            .map(|(path, _)| path.clone())
    }

    pub fn contains(&self, path: &str) -> bool {
        self.entries().contains_key(path)
    }
}

struct Walker {
    entries: Entries,
}

impl Walker {
    fn walk(root: &Spanned<DeTable<'_>>) -> Entries {
        let mut walker = Walker {
            entries: Entries::new(),
        };
        walker.walk_table("", root.get_ref());
        walker.entries
    }

    fn walk_table(&mut self, prefix: &str, table: &DeTable<'_>) {
        for (key, value) in table.iter() {
            let path = if prefix.is_empty() {
                key.get_ref().to_string()
            } else {
                format!("{prefix}.{}", key.get_ref())
            };
            self.entries
                .insert(path.clone(), (key.span(), value.span()));
            self.walk_value(&path, value);
        }
    }

    fn walk_value(&mut self, path: &str, value: &Spanned<DeValue<'_>>) {
        match value.get_ref() {
            DeValue::Table(table) => self.walk_table(path, table),
            DeValue::Array(array) => {
                for (i, item) in array.iter().enumerate() {
                    let item_path = format!("{path}[{i}]");
                    self.entries
                        .insert(item_path.clone(), (item.span(), item.span()));
                    self.walk_value(&item_path, item);
                }
            }
            _ => {}
        }
    }
}

/// `a.b[2].c` → `a.b[2]` → `a.b` → `a` → None
fn parent(path: &str) -> Option<&str> {
    let cut = path.rfind(['.', '['])?;
    Some(&path[..cut])
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_walk_up_tables_and_arrays() {
        assert_eq!(
            parent("children[0].welfare.harm"),
            Some("children[0].welfare")
        );
        assert_eq!(parent("children[0].welfare"), Some("children[0]"));
        assert_eq!(parent("children[0]"), Some("children"));
        assert_eq!(parent("children"), None);
    }

    #[test]
    fn missing_keys_resolve_to_their_table() {
        let src = "[report]\nkind = \"section7\"\n\n[[children]]\nid = \"ella\"\n";
        let table = DeTable::parse(src).unwrap();
        let index = SpanIndex::build(&table);
        let span = index.locate("children[0].welfare.harm").unwrap();
        assert_eq!(line_col(src, span.start).0, 4, "{span:?}");
        let span = index.locate("report.kind").unwrap();
        assert_eq!(line_col(src, span.start), (2, 1));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        assert_eq!(line_col("ŵŷ = 1\nx", 5), (1, 4));
        assert_eq!(line_col("a\nbc", 3), (2, 2));
    }
}
