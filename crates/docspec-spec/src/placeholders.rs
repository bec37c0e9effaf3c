//! Type names the page generator got wrong.
//!
//! The generator sometimes loses track of a body's type and writes a stale name instead: the
//! same name then heads tables of unrelated shapes on different pages (a booking on one page, a
//! tide table on the next), and heads empty tables on `204` responses. Trusting such a heading
//! would merge unrelated tables into one type.
//!
//! So the `Response body: Name` tables of each name are clustered by their property names. A
//! name whose tables form one cluster, or whose largest cluster holds most of its tables, keeps
//! that cluster; the other tables are *demoted*: treated as unnamed tables, which are matched
//! against the known types by shape or named after their operation. A name with no majority
//! cluster is a *placeholder*: all its tables are demoted, and a heading with this name over an
//! empty table means nothing.
//!
//! FIXME: The real type behind a placeholder name (its own table is outvoted by the stale
//! uses) is lost when no sample shows its properties; such components stay bare objects.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use docspec_parse::Page;

use crate::bodies::primary_status;
use crate::types::{TypeWord, parse_type_word};

/// Tables in one cluster share at least this share of property names with its first table.
const SAME_TYPE_JACCARD: f64 = 0.5;

/// The verdict on every `Response body: Name` heading.
#[derive(Debug, Default)]
pub(crate) struct Headings {
    /// (name, page index) of the tables that define their name.
    pub(crate) kept: Vec<(String, usize)>,
    /// Pages whose response table does not belong to its heading's name.
    pub(crate) demoted: HashSet<usize>,
    /// Names no table can be trusted for.
    pub(crate) placeholders: BTreeSet<String>,
}

/// Sorts the named response tables of `accepted` pages into kept and demoted.
pub(crate) fn judge_headings(pages: &[Page], accepted: &[usize]) -> Headings {
    let mut res = Headings::default();
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &idx in accepted {
        let Some(body) = &pages[idx].response.body else {
            continue;
        };
        let TypeWord::Named(name) = parse_type_word(&body.name) else {
            continue;
        };
        match body.properties.as_deref() {
            Some(props) if !props.is_empty() => by_name.entry(name).or_default().push(idx),
            _ if primary_status(&pages[idx]) == Some(204) => {
                res.placeholders.insert(name);
            }
            _ => {}
        }
    }
    for (name, tables) in by_name {
        let clusters = cluster(pages, &tables);
        let largest = clusters.iter().map(Vec::len).max().unwrap_or(0);
        let majority = clusters
            .iter()
            .position(|c| c.len() == largest && largest * 2 > tables.len());
        match majority {
            Some(keep) => {
                for (idx, members) in clusters.iter().enumerate() {
                    for &page in members {
                        if idx == keep {
                            res.kept.push((name.clone(), page));
                        } else {
                            res.demoted.insert(page);
                        }
                    }
                }
            }
            None => {
                tracing::debug!(
                    name,
                    clusters = clusters.len(),
                    "type name is a placeholder"
                );
                res.demoted.extend(tables.iter().copied());
                res.placeholders.insert(name);
            }
        }
    }
    res.kept.sort_by_key(|(_, page)| *page);
    res
}

/// Groups tables by shape: each joins the first cluster whose first table it resembles.
fn cluster(pages: &[Page], tables: &[usize]) -> Vec<Vec<usize>> {
    let names = |idx: usize| -> BTreeSet<&str> {
        let body = pages[idx].response.body.as_ref();
        let props = body
            .and_then(|b| b.properties.as_deref())
            .unwrap_or_default();
        props.iter().map(|p| p.name.as_str()).collect()
    };
    let mut clusters: Vec<(BTreeSet<&str>, Vec<usize>)> = Vec::new();
    for &idx in tables {
        let these = names(idx);
        let home = clusters
            .iter_mut()
            .find(|(first, _)| jaccard(first, &these) >= SAME_TYPE_JACCARD);
        match home {
            Some((_, members)) => members.push(idx),
            None => clusters.push((these, vec![idx])),
        }
    }
    clusters.into_iter().map(|(_, members)| members).collect()
}

fn jaccard(a: &BTreeSet<&str>, b: &BTreeSet<&str>) -> f64 {
    let common = a.intersection(b).count();
    let union = a.len() + b.len() - common;
    if union == 0 {
        1.0
    } else {
        common as f64 / union as f64
    }
}
