//! Sample-based recovery: where a Type cell only says `array` or `object`, or says nothing,
//! the sample JSON of the pages shows what the value really is.
//!
//! Every sample body is walked along the schema it belongs to. Values of vague properties are
//! summed up into [`Evidence`]; nested objects are matched against the known tables by their
//! property names ([`Matcher`]), so an element of `"Berths": [{...}]` whose keys are all
//! properties of the `Berth` table (samples may leave some out, never add one) becomes a
//! `$ref` to `Berth` (and is itself walked as a `Berth`). Objects
//! that match nothing and whose values all have one kind are read as maps
//! (`additionalProperties`), as the sample generator writes dictionaries that way.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

use indexmap::IndexMap;
use serde_json::Value;

use crate::schemas::{Origin, Registry};
use crate::types::{Prim, Shape, TypeWord};

/// Walks never go deeper than this, so self-similar samples cannot run away.
const MAX_DEPTH: usize = 8;

/// A body table matches a known type only if it shares at least this share of the union of
/// its names and the type's properties (a request table may leave out a few properties).
const MIN_TABLE_JACCARD: f64 = 0.75;

/// A sample object matches a known type only if its keys are at least this share of the
/// type's properties: the sample generator leaves out members (often `TableRight` and
/// `FieldProperties` in nested objects), but an object showing less than half of a type is
/// too little to tell it from the other types that have those members too.
const MIN_SAMPLE_COVERAGE: f64 = 0.5;

/// How closely a set of names must fit a type's properties. Either way every name must be a
/// property of the type: a type lacking one of them cannot hold the value (its generated
/// struct would drop the member), however many others it shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Fit {
    /// The keys of a sample object, which may show a subset of the type's members.
    Sample,
    /// The property names of a body table, which define a type and so must be nearly all of
    /// a known type's properties to be that type.
    Table,
}

impl Fit {
    /// The least share of the type's properties the names must be.
    fn min_share(self) -> f64 {
        match self {
            Fit::Sample => MIN_SAMPLE_COVERAGE,
            Fit::Table => MIN_TABLE_JACCARD,
        }
    }
}

/// Finds the table whose property names best match a set of keys.
#[derive(Debug)]
pub(crate) struct Matcher {
    names: Vec<String>,
    sizes: Vec<usize>,
    popularity: Vec<usize>,
    by_prop: HashMap<String, Vec<u32>>,
    cache: HashMap<(u64, Fit), Vec<(u32, f64)>>,
}

impl Matcher {
    /// Indexes the drafts that have tables of their own (named types and array elements).
    pub(crate) fn build(registry: &Registry) -> Self {
        let mut matcher = Matcher {
            names: Vec::new(),
            sizes: Vec::new(),
            popularity: Vec::new(),
            by_prop: HashMap::new(),
            cache: HashMap::new(),
        };
        for (name, draft) in &registry.drafts {
            let indexed = matches!(draft.origin, Origin::Named | Origin::Element);
            if !indexed || draft.n_tables == 0 || draft.props.is_empty() {
                continue;
            }
            let idx = matcher.names.len() as u32;
            matcher.names.push(name.clone());
            matcher.sizes.push(draft.props.len());
            matcher.popularity.push(draft.n_tables + draft.n_refs);
            for prop in draft.props.keys() {
                matcher.by_prop.entry(prop.clone()).or_default().push(idx);
            }
        }
        matcher
    }

    /// The known type these keys (or table names) are, if any fits as `fit` requires and is
    /// `accepted`: one that has every key as a property, and the fewest other properties.
    /// Among equally good matches, a type whose name occurs in `hint` (the operation or
    /// property name) wins, since operations and properties usually name their type
    /// (`GetBerthList` returns `Berth`s).
    pub(crate) fn best<'k>(
        &mut self,
        keys: impl Iterator<Item = &'k str> + Clone,
        hint: &str,
        fit: Fit,
        accepted: impl Fn(&str) -> bool,
    ) -> Option<&str> {
        // Sample objects repeat a lot; the candidates are cached by a hash of the key set.
        let mut sorted: Vec<&str> = keys.clone().collect();
        sorted.sort_unstable();
        let mut hasher = std::hash::DefaultHasher::new();
        sorted.hash(&mut hasher);
        let signature = (hasher.finish(), fit);
        if !self.cache.contains_key(&signature) {
            let found = self.search(keys, fit);
            self.cache.insert(signature, found);
        }
        let names = &self.names;
        let mut fitting = self.cache[&signature]
            .iter()
            .filter(|(idx, _)| accepted(&names[*idx as usize]));
        let &(first, top_share) = fitting.next()?;
        let mut tied = vec![first];
        let rest = fitting.take_while(|(_, share)| *share == top_share);
        tied.extend(rest.map(|(idx, _)| *idx));
        let named_in_hint = tied
            .iter()
            .filter(|idx| hint.contains(names[**idx as usize].as_str()))
            .max_by_key(|idx| names[**idx as usize].len());
        let found = named_in_hint.unwrap_or(&first);
        Some(names[*found as usize].as_str())
    }

    /// The types that have every key and fit well enough, with the keys' share of their
    /// properties (which is also the Jaccard similarity of the two sets): best share first,
    /// then the most used type, then by name.
    fn search<'k>(&self, keys: impl Iterator<Item = &'k str>, fit: Fit) -> Vec<(u32, f64)> {
        let mut hits: HashMap<u32, usize> = HashMap::new();
        let mut n_keys = 0;
        for key in keys {
            n_keys += 1;
            for idx in self.by_prop.get(key).into_iter().flatten() {
                *hits.entry(*idx).or_default() += 1;
            }
        }
        let mut found: Vec<(u32, f64)> = hits
            .into_iter()
            .filter(|(_, common)| *common == n_keys)
            .map(|(idx, common)| (idx, common as f64 / self.sizes[idx as usize] as f64))
            .filter(|(_, share)| *share >= fit.min_share())
            .collect();
        let names = &self.names;
        let popularity = &self.popularity;
        found.sort_by(|(a, share_a), (b, share_b)| {
            let by_share = share_b.total_cmp(share_a);
            let by_use = popularity[*b as usize].cmp(&popularity[*a as usize]);
            let by_name = || names[*a as usize].cmp(&names[*b as usize]);
            by_share.then(by_use).then_with(by_name)
        });
        found
    }
}

/// What the samples showed for one value position, summed over all samples.
#[derive(Debug, Default, Clone)]
pub(crate) struct Evidence {
    nulls: u32,
    bools: u32,
    ints: u32,
    floats: u32,
    strings: u32,
    dates: u32,
    arrays: u32,
    items: Option<Box<Evidence>>,
    objects: u32,
    empty_objects: u32,
    /// Objects matched to a table, by table name.
    matched: BTreeMap<String, u32>,
    /// Objects that matched nothing.
    unmatched: u32,
    /// Unmatched objects whose values are all strings, or all structures (objects or
    /// arrays): how the sample generator writes dictionaries.
    uniform: u32,
    /// Every value of every unmatched object, merged: the value type if it is a map.
    values: Option<Box<Evidence>>,
    /// The values of unmatched objects by key: the properties if it is an inline object.
    fields: Option<Box<IndexMap<String, Evidence>>>,
}

impl Evidence {
    /// Adds another position's evidence to this one.
    pub(crate) fn merge(&mut self, other: Evidence) {
        self.nulls += other.nulls;
        self.bools += other.bools;
        self.ints += other.ints;
        self.floats += other.floats;
        self.strings += other.strings;
        self.dates += other.dates;
        self.arrays += other.arrays;
        merge_boxed(&mut self.items, other.items);
        self.objects += other.objects;
        self.empty_objects += other.empty_objects;
        for (name, n) in other.matched {
            *self.matched.entry(name).or_default() += n;
        }
        self.unmatched += other.unmatched;
        self.uniform += other.uniform;
        merge_boxed(&mut self.values, other.values);
        if let Some(fields) = other.fields {
            let mine = self.fields.get_or_insert_with(Default::default);
            for (key, ev) in *fields {
                mine.entry(key).or_default().merge(ev);
            }
        }
    }

    /// The shape the evidence points to; `None` if the samples only held `null`.
    pub(crate) fn shape(&self) -> Option<Shape> {
        self.shape_at(0)
    }

    fn shape_at(&self, depth: usize) -> Option<Shape> {
        let numbers = self.ints + self.floats;
        let kinds = [self.bools, numbers, self.strings, self.arrays, self.objects];
        let most = *kinds.iter().max()?;
        if most == 0 || depth > MAX_DEPTH {
            return None;
        }
        // Ties are rare; the order below prefers the richer reading.
        if self.objects == most {
            return Some(self.object_shape(depth));
        }
        if self.arrays == most {
            let item = self.items.as_ref().and_then(|ev| ev.shape_at(depth + 1));
            return Some(Shape::Array(Box::new(item.unwrap_or(Shape::Any))));
        }
        if self.strings == most {
            let all_dates = self.dates == self.strings;
            return Some(Shape::Prim(if all_dates {
                Prim::DateTime
            } else {
                Prim::String
            }));
        }
        if numbers == most {
            return Some(Shape::Prim(if self.floats > 0 {
                Prim::Double
            } else {
                Prim::Int32
            }));
        }
        Some(Shape::Prim(Prim::Boolean))
    }

    fn object_shape(&self, depth: usize) -> Shape {
        let filled = self.objects - self.empty_objects;
        if filled == 0 {
            return Shape::Object;
        }
        let n_matched: u32 = self.matched.values().sum();
        if n_matched * 2 >= filled {
            // The most frequent match; ties go to the smaller name (BTreeMap order).
            let mut best: Option<(&String, u32)> = None;
            for (name, n) in &self.matched {
                if best.is_none_or(|(_, m)| *n > m) {
                    best = Some((name, *n));
                }
            }
            if let Some((name, _)) = best {
                return Shape::Ref(name.clone());
            }
        }
        if self.uniform == self.unmatched {
            let value = self.values.as_ref().and_then(|ev| ev.shape_at(depth + 1));
            return Shape::Map(Box::new(value.unwrap_or(Shape::Any)));
        }
        let fields = self.fields.as_deref().map(|fields| {
            let shape_of = |ev: &Evidence| ev.shape_at(depth + 1).unwrap_or(Shape::Any);
            fields
                .iter()
                .map(|(key, ev)| (key.clone(), shape_of(ev)))
                .collect()
        });
        Shape::Inline(fields.unwrap_or_default())
    }
}

fn merge_boxed(mine: &mut Option<Box<Evidence>>, other: Option<Box<Evidence>>) {
    if let Some(other) = other {
        mine.get_or_insert_with(Default::default).merge(*other);
    }
}

/// Walks sample values along the schemas they belong to and keeps what it learns.
pub(crate) struct Walker<'a> {
    registry: &'a Registry,
    matcher: &'a mut Matcher,
    /// Type names the page generator writes for lost types (see `placeholders`).
    placeholders: &'a BTreeSet<String>,
    /// Evidence for vague (and doubtful) properties of tables, by (schema, property).
    pub(crate) vague: HashMap<String, HashMap<String, Evidence>>,
    /// Properties of types that no table defines, learned from samples, by schema.
    pub(crate) learned: BTreeMap<String, IndexMap<String, Evidence>>,
}

impl<'a> Walker<'a> {
    pub(crate) fn new(
        registry: &'a Registry,
        matcher: &'a mut Matcher,
        placeholders: &'a BTreeSet<String>,
    ) -> Self {
        let (vague, learned) = (HashMap::new(), BTreeMap::new());
        Walker {
            registry,
            matcher,
            placeholders,
            vague,
            learned,
        }
    }

    /// Walks `value` as a value of `shape`.
    pub(crate) fn walk(&mut self, shape: &Shape, value: &Value) {
        self.walk_shape(shape, value, 0);
    }

    /// Sums up a value of unknown shape (a vague top-level body).
    /// `hint` names the value (its operation), for choosing between equal matches.
    pub(crate) fn observe(&mut self, value: &Value, hint: &str) -> Evidence {
        let mut ev = Evidence::default();
        self.add(&mut ev, value, hint, 0);
        ev
    }

    fn walk_shape(&mut self, shape: &Shape, value: &Value, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match (shape, value) {
            (Shape::Ref(name), Value::Object(_)) => self.walk_named(name, value, depth),
            (Shape::Array(item), Value::Array(elements)) => {
                for element in elements {
                    self.walk_shape(item, element, depth + 1);
                }
            }
            (Shape::Map(value_shape), Value::Object(entries)) => {
                for entry in entries.values() {
                    self.walk_shape(value_shape, entry, depth + 1);
                }
            }
            _ => {}
        }
    }

    fn walk_named(&mut self, schema: &str, value: &Value, depth: usize) {
        let Value::Object(object) = value else { return };
        let registry = self.registry;
        let Some(draft) = registry.drafts.get(schema) else {
            return;
        };
        let tableless = draft.n_tables == 0;
        for (key, val) in object {
            // A placeholder name says nothing, and a sample object sharing no property with
            // the named type shows the name is wrong: both are read like vague cells.
            let doubtful =
                |name: &str| self.placeholders.contains(name) || contradicts(registry, name, val);
            // CLR `String` cells of request tables also stand for dates.
            let request_string = draft.origin == Origin::Request && matches!(val, Value::String(_));
            match draft.props.get(key).map(|p| &p.declared) {
                Some(TypeWord::Named(name)) if !doubtful(name) => {
                    self.walk_named(name, val, depth + 1)
                }
                Some(TypeWord::Known(Shape::Prim(Prim::String))) if request_string => {
                    self.record(schema, key, val, depth + 1)
                }
                Some(TypeWord::Known(shape)) => self.walk_shape(shape, val, depth + 1),
                Some(word) if word.is_vague() || matches!(word, TypeWord::Named(_)) => {
                    self.record(schema, key, val, depth + 1)
                }
                Some(_) => {}
                None if tableless => {
                    let ev = self.observe_at(val, key, depth + 1);
                    let props = self.learned.entry(schema.to_string()).or_default();
                    props.entry(key.clone()).or_default().merge(ev);
                }
                None => {}
            }
        }
    }

    /// Adds what `value` shows to the evidence for `schema.key`.
    fn record(&mut self, schema: &str, key: &str, value: &Value, depth: usize) {
        let ev = self.observe_at(value, key, depth);
        // Look up before inserting: most slots exist already, and keys are owned strings.
        match self
            .vague
            .get_mut(schema)
            .and_then(|props| props.get_mut(key))
        {
            Some(slot) => slot.merge(ev),
            None => {
                let props = self.vague.entry(schema.to_string()).or_default();
                props.insert(key.to_string(), ev);
            }
        }
    }

    fn observe_at(&mut self, value: &Value, hint: &str, depth: usize) -> Evidence {
        let mut ev = Evidence::default();
        self.add(&mut ev, value, hint, depth);
        ev
    }

    fn add(&mut self, ev: &mut Evidence, value: &Value, hint: &str, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match value {
            Value::Null => ev.nulls += 1,
            Value::Bool(_) => ev.bools += 1,
            Value::Number(n) if n.is_f64() => ev.floats += 1,
            Value::Number(_) => ev.ints += 1,
            Value::String(text) => {
                ev.strings += 1;
                ev.dates += u32::from(looks_like_date_time(text));
            }
            Value::Array(elements) => {
                ev.arrays += 1;
                let items = ev.items.get_or_insert_with(Default::default);
                for element in elements {
                    self.add(items, element, hint, depth + 1);
                }
            }
            Value::Object(object) => self.add_object(ev, object, value, hint, depth),
        }
    }

    fn add_object(
        &mut self,
        ev: &mut Evidence,
        object: &serde_json::Map<String, Value>,
        value: &Value,
        hint: &str,
        depth: usize,
    ) {
        ev.objects += 1;
        if object.is_empty() {
            ev.empty_objects += 1;
            return;
        }
        let keys = object.keys().map(String::as_str);
        let registry = self.registry;
        let fits = |name: &str| values_fit(registry, name, object);
        if let Some(name) = self.matcher.best(keys, hint, Fit::Sample, fits) {
            let name = name.to_string();
            self.walk_named(&name, value, depth + 1);
            *ev.matched.entry(name).or_default() += 1;
            return;
        }
        ev.unmatched += 1;
        ev.uniform += u32::from(dictionary_like(object.values()));
        let values = ev.values.get_or_insert_with(Default::default);
        for val in object.values() {
            self.add(values, val, hint, depth + 1);
        }
        let fields = ev.fields.get_or_insert_with(Default::default);
        for (key, val) in object {
            let slot = fields.entry(key.clone()).or_default();
            self.add(slot, val, key, depth + 1);
        }
    }
}

/// Whether every value of `object` can be a value of its property in the table of `name`:
/// a sample `true` under a `string` property shows the object is of some other type.
fn values_fit(registry: &Registry, name: &str, object: &serde_json::Map<String, Value>) -> bool {
    let Some(draft) = registry.drafts.get(name) else {
        return true;
    };
    let admits = |word: &TypeWord, value: &Value| match word {
        TypeWord::Known(Shape::Prim(prim)) => prim.admits(value),
        TypeWord::Known(Shape::Array(_)) => value.is_array() || value.is_null(),
        // Named types may be enums written as strings; vague words say nothing.
        _ => true,
    };
    let fits = |(key, value): (&String, &Value)| {
        draft
            .props
            .get(key)
            .is_none_or(|prop| admits(&prop.declared, value))
    };
    object.iter().all(fits)
}

/// Whether `value` is an object none of whose keys is a property of the table of `name`.
fn contradicts(registry: &Registry, name: &str, value: &Value) -> bool {
    let Value::Object(object) = value else {
        return false;
    };
    let Some(draft) = registry.drafts.get(name) else {
        return false;
    };
    let known = draft.n_tables > 0 && !draft.props.is_empty();
    known && !object.is_empty() && !object.keys().any(|k| draft.props.contains_key(k))
}

/// Whether all non-null values are strings, or all are structures. Objects of numbers or
/// booleans are records (`{"BerthId": 1, "PierId": 2}`), not dictionaries.
fn dictionary_like<'v>(values: impl Iterator<Item = &'v Value>) -> bool {
    let mut kind = None;
    for value in values {
        let this = match value {
            Value::Null => continue,
            Value::Bool(_) | Value::Number(_) => return false,
            Value::String(_) => 0,
            Value::Array(_) | Value::Object(_) => 1,
        };
        if kind.is_some_and(|k| k != this) {
            return false;
        }
        kind = Some(this);
    }
    kind.is_some()
}

/// Whether a string reads as an ISO 8601 timestamp (`2024-05-01T10:00:00`).
pub(crate) fn looks_like_date_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits =
        |range: std::ops::Range<usize>| range.into_iter().all(|i| bytes[i].is_ascii_digit());
    bytes.len() >= 19
        && digits(0..4)
        && bytes[4] == b'-'
        && digits(5..7)
        && bytes[7] == b'-'
        && digits(8..10)
        && bytes[10] == b'T'
        && digits(11..13)
        && bytes[13] == b':'
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn evidence_of(values: &[Value]) -> Evidence {
        let registry = Registry::default();
        let mut matcher = Matcher::build(&registry);
        let placeholders = BTreeSet::new();
        let mut walker = Walker::new(&registry, &mut matcher, &placeholders);
        let mut ev = Evidence::default();
        for value in values {
            ev.merge(walker.observe(value, ""));
        }
        ev
    }

    /// A registry of named tables, given as (name, [(property, type word)]), voted.
    fn registry_of(tables: &[(&str, &[(&str, &str)])]) -> Registry {
        let mut registry = Registry::default();
        for (page, (name, rows)) in tables.iter().enumerate() {
            let props: Vec<docspec_parse::Property> = rows
                .iter()
                .map(|(prop, word)| docspec_parse::Property {
                    name: prop.to_string(),
                    type_text: word.to_string(),
                    description: String::new(),
                    line: 1,
                })
                .collect();
            let at = crate::schemas::Loc { page, line: 1 };
            registry.add_table(name, &props, at, Origin::Named);
        }
        for draft in registry.drafts.values_mut() {
            for prop in draft.props.values_mut() {
                prop.declared = prop.votes[0].0.clone();
            }
        }
        registry
    }

    /// The type `sample` is matched to among these tables.
    fn sample_match(tables: &[(&str, &[(&str, &str)])], sample: Value) -> Option<String> {
        let registry = registry_of(tables);
        let mut matcher = Matcher::build(&registry);
        let placeholders = BTreeSet::new();
        let mut walker = Walker::new(&registry, &mut matcher, &placeholders);
        let ev = walker.observe(&sample, "");
        ev.matched.keys().next().cloned()
    }

    const BUOY: (&str, &[(&str, &str)]) = (
        "Buoy",
        &[
            ("BuoyId", "int32"),
            ("Colour", "string"),
            ("Lit", "bool"),
            ("Depth", "double"),
        ],
    );

    #[test]
    fn a_sample_showing_half_of_a_type_or_more_is_that_type() {
        let half = json!({ "BuoyId": 1, "Colour": "red" });
        assert_eq!(sample_match(&[BUOY], half).as_deref(), Some("Buoy"));
        let too_little = json!({ "BuoyId": 1 });
        assert_eq!(sample_match(&[BUOY], too_little), None);
    }

    #[test]
    fn the_smallest_type_holding_every_key_wins() {
        let mark: (&str, &[(&str, &str)]) = ("Mark", &[("BuoyId", "int32"), ("Colour", "string")]);
        let sample = json!({ "BuoyId": 1, "Colour": "red" });
        assert_eq!(sample_match(&[BUOY, mark], sample).as_deref(), Some("Mark"));
        // `Mark` lacks `Lit`, however close it is otherwise.
        let lit = json!({ "BuoyId": 1, "Colour": "red", "Lit": true });
        assert_eq!(sample_match(&[BUOY, mark], lit).as_deref(), Some("Buoy"));
    }

    #[test]
    fn a_type_whose_member_cannot_hold_the_value_is_no_match() {
        let wrong_kind = json!({ "BuoyId": 1, "Colour": "red", "Lit": "yes" });
        assert_eq!(sample_match(&[BUOY], wrong_kind), None);
        let fraction = json!({ "BuoyId": 1.5, "Colour": "red", "Lit": true });
        assert_eq!(sample_match(&[BUOY], fraction), None);
        let nulls = json!({ "BuoyId": null, "Colour": null, "Lit": null });
        assert_eq!(sample_match(&[BUOY], nulls).as_deref(), Some("Buoy"));
    }

    #[test]
    fn a_table_matches_a_known_type_only_if_nearly_all_of_it() {
        let registry = registry_of(&[BUOY]);
        let mut matcher = Matcher::build(&registry);
        let three = ["BuoyId", "Colour", "Lit"];
        let found = matcher.best(three.into_iter(), "", Fit::Table, |_| true);
        assert_eq!(found, Some("Buoy"));
        let two = ["BuoyId", "Colour"];
        assert_eq!(
            matcher.best(two.into_iter(), "", Fit::Table, |_| true),
            None
        );
    }

    #[test]
    fn primitives_from_samples() {
        let shape = |v: Value| evidence_of(&[v]).shape();
        assert_eq!(shape(json!(3)), Some(Shape::Prim(Prim::Int32)));
        assert_eq!(shape(json!(3.5)), Some(Shape::Prim(Prim::Double)));
        assert_eq!(shape(json!("quay")), Some(Shape::Prim(Prim::String)));
        assert_eq!(
            shape(json!("2024-05-01T10:00:00+02:00")),
            Some(Shape::Prim(Prim::DateTime))
        );
        assert_eq!(shape(json!(true)), Some(Shape::Prim(Prim::Boolean)));
        assert_eq!(shape(json!(null)), None);
    }

    #[test]
    fn string_valued_objects_are_maps() {
        let shape = evidence_of(&[json!({"Pier1": "north", "Pier2": "south"})]).shape();
        assert_eq!(shape, Some(Shape::Map(Box::new(Shape::Prim(Prim::String)))));
    }

    #[test]
    fn mixed_objects_are_inline() {
        let shape = evidence_of(&[json!({"Length": 12, "Name": "Gull"})]).shape();
        let fields = vec![
            ("Length".to_string(), Shape::Prim(Prim::Int32)),
            ("Name".to_string(), Shape::Prim(Prim::String)),
        ];
        assert_eq!(shape, Some(Shape::Inline(fields)));
    }

    #[test]
    fn arrays_keep_their_items() {
        let shape = evidence_of(&[json!([1, 2]), json!([])]).shape();
        assert_eq!(
            shape,
            Some(Shape::Array(Box::new(Shape::Prim(Prim::Int32))))
        );
        let unknown = evidence_of(&[json!([])]).shape();
        assert_eq!(unknown, Some(Shape::Array(Box::new(Shape::Any))));
    }
}
