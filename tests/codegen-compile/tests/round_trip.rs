//! Serde behaviour of generated types: what real payloads carry must deserialize, and
//! serializing must write it back.

use codegen_compile::{fixture_formats, fixture_nullable, fixture_one_of, fixture_string_enums};
use serde_json::json;

#[test]
fn date_time_with_seven_fraction_digits_and_offset_round_trips() {
    let payload = json!({ "at": "2018-04-18T18:28:50.3864118+02:00", "blob": "aGk=" });
    let sample: fixture_formats::types::Sample = serde_json::from_value(payload.clone()).unwrap();
    assert_eq!(sample.at.as_chrono().timestamp_subsec_nanos(), 386_411_800);
    assert_eq!(
        sample.blob.as_deref().map(|b| b.to_vec()),
        Some(b"hi".to_vec())
    );
    assert_eq!(serde_json::to_value(&sample).unwrap(), payload);
}

#[test]
fn date_time_without_offset_and_with_z() {
    for text in ["2018-04-18T18:28:50", "2018-04-18T18:28:50Z"] {
        let sample: fixture_formats::types::Sample =
            serde_json::from_value(json!({ "at": text })).unwrap();
        assert_eq!(serde_json::to_value(&sample).unwrap()["at"], text);
    }
}

#[test]
fn unknown_enum_value_is_kept() {
    use fixture_string_enums::types::{Holder, HolderMode};
    let holder: Holder = serde_json::from_value(json!({ "mode": "turbo" })).unwrap();
    assert_eq!(holder.mode, Some(HolderMode::Other("turbo".to_owned())));
    assert_eq!(
        serde_json::to_value(&holder).unwrap(),
        json!({ "mode": "turbo" })
    );
    let known: Holder = serde_json::from_value(json!({ "mode": "fast" })).unwrap();
    assert_eq!(known.mode, Some(HolderMode::Fast));
}

#[test]
fn absent_and_null_fields() {
    use fixture_nullable::types::Record;
    // Optional fields may be absent; a required nullable field may be null.
    let record: Record = serde_json::from_value(json!({ "id": "a", "deletedAt": null })).unwrap();
    assert_eq!(record.note, None);
    assert_eq!(record.deleted_at, None);
    // Absent optional fields stay absent; the required nullable one is written as null.
    assert_eq!(
        serde_json::to_value(&record).unwrap(),
        json!({ "id": "a", "deletedAt": null })
    );
    // An optional field sent as null reads as None too.
    let record: Record =
        serde_json::from_value(json!({ "id": "a", "deletedAt": null, "parent": null })).unwrap();
    assert_eq!(record.parent, None);
    // A missing required field is an error.
    assert!(serde_json::from_value::<Record>(json!({ "deletedAt": null })).is_err());
    // Nullable array items.
    let record: Record =
        serde_json::from_value(json!({ "id": "a", "deletedAt": null, "scores": [1, null] }))
            .unwrap();
    assert_eq!(record.scores, Some(vec![Some(1), None]));
}

#[test]
fn references_to_nullable_components_take_null() {
    use fixture_nullable::types::{Holder, MaybeOwner};
    let sent = json!({ "owner": null, "label": null, "labels": ["a", null], "viaAlias": null });
    let holder: Holder = serde_json::from_value(sent.clone()).unwrap();
    assert_eq!(holder.owner, None);
    assert_eq!(holder.labels, vec![Some("a".to_owned()), None]);
    assert_eq!(serde_json::to_value(&holder).unwrap(), sent);
    let sent = json!({ "owner": { "name": "Ana" }, "label": "x", "labels": [], "viaAlias": null });
    let holder: Holder = serde_json::from_value(sent).unwrap();
    let ana = MaybeOwner {
        name: "Ana".to_owned(),
    };
    assert_eq!(holder.owner, Some(ana));
}

#[test]
fn untagged_enums_pick_the_matching_variant() {
    use fixture_one_of::types::{Command, Scalar, Shape};
    let shape: Shape = serde_json::from_value(json!({ "side": 2.0 })).unwrap();
    assert!(matches!(shape, Shape::Square(_)));
    let command: Command = serde_json::from_value(json!({ "stop": true })).unwrap();
    assert!(matches!(command, Command::Stop(_)));
    let scalar: Scalar = serde_json::from_value(json!(7)).unwrap();
    assert_eq!(scalar, Scalar::Integer(7));
}

#[test]
fn hostile_wire_names_survive_a_round_trip() {
    use codegen_compile::fixture_hostile_names::types::Result;
    // Every key needs its exact spelling back: some fields carry a `rename`, the others rely
    // on the struct's `rename_all` rule.
    let payload = json!({
        "type": "t", "self": "s", "$select": "a", "select": "b", "odata.metadata": "m",
        "_Links": { "href": "h" }, "1st": 1, "größe": 1.5, "": "empty", "async": true,
        "Ok": { "some": [{ "value": "v" }] }
    });
    let result: Result = serde_json::from_value(payload.clone()).unwrap();
    assert_eq!(result.type_.as_deref(), Some("t"));
    assert_eq!(serde_json::to_value(&result).unwrap(), payload);
}
