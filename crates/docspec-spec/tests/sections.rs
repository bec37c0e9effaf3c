//! One test per section form: small pages of a made-up marina API are parsed with
//! `docspec_parse::parse_page`, built into a spec, and checked through its JSON form.

use std::path::Path;

use docspec_parse::Diagnostic;
use docspec_spec::{SpecSettings, build_spec};
use serde_json::{Value, json};

/// Builds the spec of these pages (file `pageN.md`, tag `Berth`); returns the document as
/// JSON and the builder's diagnostics.
fn check(pages: &[&str]) -> (Value, Vec<Diagnostic>) {
    let mut parsed = Vec::new();
    for (idx, source) in pages.iter().enumerate() {
        let file = format!("page{idx}.md");
        let mut diagnostics = Vec::new();
        let page = docspec_parse::parse_page(Path::new(&file), "Berth", source, &mut diagnostics);
        parsed.push(page.unwrap_or_else(|| panic!("page {idx} parses: {diagnostics:#?}")));
    }
    let settings = SpecSettings {
        title: "Marina".to_string(),
        version: "1".to_string(),
    };
    let built = build_spec(&parsed, &settings);
    (
        serde_json::to_value(&built.openapi).unwrap(),
        built.diagnostics,
    )
}

fn kinds(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    diagnostics.iter().map(|d| d.kind).collect()
}

const GET_BERTH: &str = r#"---
title: GET Berth/{id}
uid: v1BerthEntity_GetBerth
---

# GET Berth/{id}

```http
GET /api/v1/Berth/{id}
```

Gets a berth.

Only berths of the caller's marina are visible.

NsApiSlow threshold: 500 ms.

| Path Part | Type | Description |
|-----------|------|-------------|
| id | int32 | The berth id. **Required** |

## Query String Parameters

| Parameter Name | Type |  Description |
|----------------|------|--------------|
| units | Enum: Metric, Imperial |  Units of lengths. |
| full | bool |  **Required** Include the history. |

## Request Headers

| Parameter Name | Description |
|----------------|-------------|
| Authorization  | Accepts 'Basic', 'HarbourPass' and 'Bearer' schemes. |
| X-XSRF-TOKEN   | Needed without Authorization. |
| Accept         | Answer formats: `application/json`, `text/xml` |
| SO-Language | Language of texts. |

## Response:

Berth found.

| Response | Description |
|----------------|-------------|
| 200 | Berth found. |
| 404 | Not Found. |

### Response body: BerthEntity

| Property Name | Type |  Description |
|----------------|------|--------------|
| BerthId | int32 | Primary key. |
| Pier | Pier | Where it is. |
| Moorings | array | Rings and cleats. |
| Tags | object | Free tags. |

## Sample response

```http_
HTTP/1.1 200 Berth found.
Content-Type: application/json; charset=utf-8

{
  "BerthId": 12,
  "Pier": null,
  "Moorings": [ { "MooringId": 3, "Kind": "Ring" } ],
  "Tags": { "Tag1": "blue", "Tag2": "quiet" }
}
```
"#;

const LIST_MOORINGS: &str = r#"---
title: GET Mooring
uid: v1MooringEntity_ListMoorings
---

# GET Mooring

```http
GET /api/v1/Mooring
```

Lists all moorings.

## Response:array

OK

| Response | Description |
|----------------|-------------|
| 200 | OK |

### Response body: array

| Property Name | Type |  Description |
|----------------|------|--------------|
| MooringId | int32 | Primary key. |
| Kind | string | Ring or cleat. |
"#;

#[test]
fn operation_id_tag_path_summary_description_and_notes() {
    let (doc, _) = check(&[GET_BERTH]);
    assert_eq!(doc["servers"], json!([{ "url": "/api/v1" }]));
    let op = &doc["paths"]["/Berth/{id}"]["get"];
    assert_eq!(op["operationId"], "v1BerthEntity_GetBerth");
    assert_eq!(op["tags"], json!(["Berth"]));
    assert_eq!(op["summary"], "Gets a berth.");
    let description = op["description"].as_str().unwrap();
    assert!(description.starts_with("Only berths of the caller's marina are visible."));
    assert!(description.contains("NsApiSlow threshold"), "{description}");
}

#[test]
fn path_and_query_parameters() {
    let (doc, _) = check(&[GET_BERTH]);
    let params = &doc["paths"]["/Berth/{id}"]["get"]["parameters"];
    assert_eq!(params[0]["in"], "path");
    assert_eq!(params[0]["name"], "id");
    assert_eq!(params[0]["required"], true);
    assert_eq!(
        params[0]["schema"],
        json!({ "type": "integer", "format": "int32" })
    );
    assert_eq!(params[1]["name"], "units");
    assert_eq!(
        params[1]["schema"],
        json!({ "type": "string", "enum": ["Metric", "Imperial"] })
    );
    assert_eq!(params[1].get("required"), None);
    assert_eq!(params[2]["name"], "full");
    assert_eq!(params[2]["required"], true);
}

#[test]
fn headers_become_shared_parameters_security_and_media_types() {
    let (doc, _) = check(&[GET_BERTH]);
    let op = &doc["paths"]["/Berth/{id}"]["get"];
    let params = op["parameters"].as_array().unwrap();
    assert_eq!(
        params.len(),
        4,
        "no Authorization/Accept/X-XSRF-TOKEN parameter"
    );
    assert_eq!(
        params[3],
        json!({ "$ref": "#/components/parameters/SO-Language" })
    );
    let shared = &doc["components"]["parameters"]["SO-Language"];
    assert_eq!(shared["in"], "header");
    assert_eq!(shared.get("required"), None);
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["Basic"]["scheme"], "basic");
    assert_eq!(schemes["Bearer"]["scheme"], "bearer");
    assert_eq!(schemes["HarbourPass"]["type"], "http");
    assert_eq!(
        op["security"],
        json!([{ "Basic": [] }, { "HarbourPass": [] }, { "Bearer": [] }])
    );
    let content = op["responses"]["200"]["content"].as_object().unwrap();
    assert_eq!(
        content.keys().collect::<Vec<_>>(),
        ["application/json", "text/xml"]
    );
}

#[test]
fn every_status_is_a_response_and_the_named_table_a_component() {
    let (doc, _) = check(&[GET_BERTH]);
    let responses = &doc["paths"]["/Berth/{id}"]["get"]["responses"];
    assert_eq!(responses["404"], json!({ "description": "Not Found." }));
    let ok = &responses["200"]["content"]["application/json"];
    assert_eq!(
        ok["schema"],
        json!({ "$ref": "#/components/schemas/BerthEntity" })
    );
    assert_eq!(ok["example"]["BerthId"], 12);
}

#[test]
fn vague_types_are_recovered_from_samples() {
    let (doc, _) = check(&[GET_BERTH, LIST_MOORINGS]);
    let props = &doc["components"]["schemas"]["BerthEntity"]["properties"];
    // The sample's mooring objects match the element table of the list page, which is
    // named after its operation (`ListMoorings` gives `Mooring`).
    let item = json!({ "$ref": "#/components/schemas/Mooring" });
    assert_eq!(props["Moorings"]["items"], item);
    // An object whose sample values are all strings is a map.
    assert_eq!(
        props["Tags"]["additionalProperties"],
        json!({ "type": "string" })
    );
    // A named type without a table still gets a component.
    assert_eq!(doc["components"]["schemas"]["Pier"]["type"], "object");
}

#[test]
fn array_response_with_element_table() {
    let (doc, _) = check(&[LIST_MOORINGS]);
    let schema = &doc["paths"]["/Mooring"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"];
    let item = json!({ "$ref": "#/components/schemas/Mooring" });
    assert_eq!(schema, &json!({ "type": "array", "items": item }));
    let props = &doc["components"]["schemas"]["Mooring"]["properties"];
    assert_eq!(props["Kind"]["type"], "string");
}

const BOOK_BERTH: &str = r#"---
title: POST Agents/Berth/BookBerth
uid: v1BerthAgent_BookBerth
---

# POST Agents/Berth/BookBerth

```http
POST /api/v1/Agents/Berth/BookBerth
```

Books a berth.

## Request Body: request

BerthId, Nights

| Property Name | Type |  Description |
|----------------|------|--------------|
| BerthId | Integer | The berth. |
| Nights | Integer | How many nights. |

## Response:int32

OK

| Response | Description |
|----------------|-------------|
| 200 | OK |

### Response body: int32

## Sample request

```http!
POST /api/v1/Agents/Berth/BookBerth
Content-Type: application/json; charset=utf-8

{ "BerthId": 12, "Nights": 3 }
```

## Sample response

```http_
HTTP/1.1 200 OK
Content-Type: application/json; charset=utf-8

501
```
"#;

#[test]
fn request_table_is_a_component_named_after_the_operation() {
    let (doc, _) = check(&[BOOK_BERTH]);
    let body = &doc["paths"]["/Agents/Berth/BookBerth"]["post"]["requestBody"];
    assert_eq!(body["required"], true);
    let json_body = &body["content"]["application/json"];
    assert_eq!(
        json_body["schema"],
        json!({ "$ref": "#/components/schemas/BookBerthRequest" })
    );
    assert_eq!(json_body["example"], json!({ "BerthId": 12, "Nights": 3 }));
    let props = &doc["components"]["schemas"]["BookBerthRequest"]["properties"];
    assert_eq!(
        props["Nights"],
        json!({ "type": "integer", "description": "How many nights." })
    );
}

#[test]
fn primitive_response_with_example() {
    let (doc, _) = check(&[BOOK_BERTH]);
    let responses = &doc["paths"]["/Agents/Berth/BookBerth"]["post"]["responses"];
    let ok = &responses["200"]["content"]["application/json"];
    assert_eq!(
        ok["schema"],
        json!({ "type": "integer", "format": "int32" })
    );
    assert_eq!(ok["example"], 501);
}

const SET_PLAN: &str = r#"---
uid: v1BerthEntity_SetPlan
---

# PUT Berth/{id}/Plan

```http
PUT /api/v1/Berth/{id}/Plan
```

Uploads the plan drawing.

| Path Part | Type | Description |
|-----------|------|-------------|
| id | int32 | The berth. **Required** |

## Request Body: plan binary

The drawing, as PNG.

## Response:

No Content

| Response | Description |
|----------------|-------------|
| 204 | Plan saved. |

### Response body: TideInfo

| Property Name | Type |  Description |
|----------------|------|--------------|
"#;

#[test]
fn binary_body_and_no_content_under_a_placeholder_name() {
    let (doc, _) = check(&[SET_PLAN]);
    let op = &doc["paths"]["/Berth/{id}/Plan"]["put"];
    let content = &op["requestBody"]["content"];
    assert_eq!(
        content["application/octet-stream"]["schema"],
        json!({ "type": "string", "format": "binary" })
    );
    assert_eq!(op["requestBody"]["description"], "The drawing, as PNG.");
    assert_eq!(
        op["responses"]["204"],
        json!({ "description": "Plan saved." })
    );
    assert_eq!(doc["components"]["schemas"].get("TideInfo"), None);
}

const CHECK_FREE: &str = r#"---
uid: v1BerthAgent_AreFree
---

# POST Agents/Berth/AreFree

```http
POST /api/v1/Agents/Berth/AreFree
```

Tells whether the berths are free.

## Request Body: berthIds

The berths.

## Response:bool

OK

| Response | Description |
|----------------|-------------|
| 200 | OK |

### Response body: bool

## Sample request

```http!
POST /api/v1/Agents/Berth/AreFree
Content-Type: application/json

[4, 8]
```

## Sample response

```http_
HTTP/1.1 200 OK
Content-Type: application/xml

<bool>true</bool>
```
"#;

#[test]
fn body_without_table_is_read_from_the_sample_and_text_samples_are_reported() {
    let (doc, diagnostics) = check(&[CHECK_FREE]);
    let op = &doc["paths"]["/Agents/Berth/AreFree"]["post"];
    let schema = &op["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(
        schema,
        &json!({ "type": "array", "items": { "type": "integer", "format": "int32" } })
    );
    let ok = &op["responses"]["200"]["content"]["application/json"];
    assert_eq!(ok["schema"], json!({ "type": "boolean" }));
    assert_eq!(ok["example"], "<bool>true</bool>");
    assert_eq!(kinds(&diagnostics), ["sample-not-json"]);
}

/// A page returning `BerthEntity` whose `BerthId` row says `string`.
const GET_BERTH_ODD: &str = r#"---
uid: v1BerthEntity_GetBerthOdd
---

# GET Berth/{id}/Odd

```http
GET /api/v1/Berth/{id}/Odd
```

Gets a berth another way.

| Path Part | Type | Description |
|-----------|------|-------------|
| id | int32 | The berth. **Required** |

## Response:

OK

| Response | Description |
|----------------|-------------|
| 200 | OK |

### Response body: BerthEntity

| Property Name | Type |  Description |
|----------------|------|--------------|
| BerthId | string | Primary key. |
| Pier | Pier | Where it is. |
"#;

#[test]
fn majority_wins_and_the_dissent_is_reported_at_its_line() {
    let third = GET_BERTH.replace("v1BerthEntity_GetBerth\n", "v1BerthEntity_GetBerth3\n");
    let third = third.replace("Berth/{id}", "Berth/{id}/Third");
    let (doc, diagnostics) = check(&[GET_BERTH, GET_BERTH_ODD, &third]);
    let props = &doc["components"]["schemas"]["BerthEntity"]["properties"];
    assert_eq!(props["BerthId"]["type"], "integer");
    let dissent: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.kind == "type-disagreement")
        .collect();
    assert_eq!(dissent.len(), 1);
    assert_eq!(dissent[0].file, Path::new("page1.md"));
    assert_eq!(dissent[0].line, 29);
}

#[test]
fn repeated_ids_and_endpoints_are_reported() {
    let twin = GET_BERTH.replace("Berth/{id}", "Berth/{id}/Twin");
    let (doc, diagnostics) = check(&[GET_BERTH, GET_BERTH, &twin]);
    let repeats: Vec<&str> = kinds(&diagnostics)
        .into_iter()
        .filter(|k| k.starts_with("duplicate"))
        .collect();
    assert_eq!(repeats, ["duplicate-endpoint", "duplicate-operation-id"]);
    let twin_op = &doc["paths"]["/Berth/{id}/Twin"]["get"];
    assert_eq!(twin_op["operationId"], "v1BerthEntity_GetBerth_2");
}

/// A page whose response table is headed `TideInfo`, with the given rows.
fn tide_page(uid: &str, path: &str, rows: &str) -> String {
    format!(
        r#"---
uid: {uid}
---

# GET {path}

```http
GET /api/v1/{path}
```

Reads something.

## Response:

OK

| Response | Description |
|----------------|-------------|
| 200 | OK |

### Response body: TideInfo

| Property Name | Type |  Description |
|----------------|------|--------------|
{rows}
"#
    )
}

#[test]
fn a_name_over_unrelated_tables_is_a_placeholder() {
    let first = tide_page(
        "v1Tide_GetLevels",
        "Tide/Levels",
        "| Level | int32 | |\n| At | date-time | |",
    );
    let second = tide_page(
        "v1Tide_GetOwner",
        "Tide/Owner",
        "| Name | string | |\n| Phone | string | |",
    );
    let (doc, _) = check(&[&first, &second]);
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas.get("TideInfo"),
        None,
        "no type merges the unrelated tables"
    );
    let schema = |path: &str| {
        doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
            .clone()
    };
    assert_eq!(
        schema("/Tide/Levels"),
        json!({ "$ref": "#/components/schemas/GetLevelsResponse" })
    );
    assert_eq!(
        schema("/Tide/Owner"),
        json!({ "$ref": "#/components/schemas/GetOwnerResponse" })
    );
}

const SAVE_BERTH: &str = r#"---
uid: v1BerthEntity_SaveBerth
---

# PUT Berth/{id}

```http
PUT /api/v1/Berth/{id}
```

Saves a berth.

| Path Part | Type | Description |
|-----------|------|-------------|
| id | int32 | The berth. **Required** |

## Request Body: entity

| Property Name | Type |  Description |
|----------------|------|--------------|
| BerthId | Integer | Primary key. |
| Pier | Object | Where it is. |
| Moorings | Array | Rings and cleats. |

## Response:

OK

| Response | Description |
|----------------|-------------|
| 204 | Saved. |
"#;

const REMOVE_BERTHS: &str = r#"---
uid: v1BerthAgent_RemoveBerths
---

# POST Agents/Berth/RemoveBerths

```http
POST /api/v1/Agents/Berth/RemoveBerths
```

Removes berths.

## Request Body: berthIds

The berths to remove.

## Response:

OK

| Response | Description |
|----------------|-------------|
| 204 | Removed. |
"#;

#[test]
fn an_entity_body_refers_to_the_type_its_table_matches() {
    let (doc, _) = check(&[GET_BERTH, SAVE_BERTH]);
    let body = &doc["paths"]["/Berth/{id}"]["put"]["requestBody"]["content"]["application/json"];
    assert_eq!(
        body["schema"],
        json!({ "$ref": "#/components/schemas/BerthEntity" })
    );
}

#[test]
fn a_body_of_ids_without_table_or_sample_is_a_list_of_integers() {
    let (doc, _) = check(&[REMOVE_BERTHS]);
    let op = &doc["paths"]["/Agents/Berth/RemoveBerths"]["post"];
    let schema = &op["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(
        schema,
        &json!({ "type": "array", "items": { "type": "integer", "format": "int32" } })
    );
    assert_eq!(op["responses"]["204"], json!({ "description": "Removed." }));
}

/// A `GET Harbour/...` page whose `200` response is headed `Response body: {heading}` over
/// `rows`, with `sample` as the response sample's body.
fn harbour_page(uid: &str, path: &str, heading: &str, rows: &str, sample: &str) -> String {
    format!(
        r#"---
uid: {uid}
---

# GET {path}

```http
GET /api/v1/{path}
```

Reads something of a harbour.

## Response:{heading}

OK

| Response | Description |
|----------------|-------------|
| 200 | OK |

### Response body: {heading}

| Property Name | Type |  Description |
|----------------|------|--------------|
{rows}

## Sample response

```http_
HTTP/1.1 200 OK
Content-Type: application/json; charset=utf-8

{sample}
```
"#
    )
}

/// Known types for the matching tests: `Mooring` (five members), `Pier` (four), `LitPier`
/// (`Pier` and three more) and `Checkout` (two members; its `State` is a string).
fn known_type_pages() -> Vec<String> {
    let page = |name: &str, rows: &str| {
        let uid = format!("v1HarbourEntity_Get{name}");
        harbour_page(&uid, &format!("Harbour/{name}"), name, rows, "{}")
    };
    vec![
        page(
            "Mooring",
            "| MooringId | int32 | |\n| Kind | string | |\n| Depth | double | |\n\
             | Notes | string | |\n| Rating | int32 | |",
        ),
        page(
            "Pier",
            "| PierId | int32 | |\n| Name | string | |\n| Length | double | |\n\
             | Depth | double | |",
        ),
        page(
            "LitPier",
            "| PierId | int32 | |\n| Name | string | |\n| Length | double | |\n\
             | Depth | double | |\n| Lit | bool | |\n| Power | int32 | |\n| Water | bool | |",
        ),
        page("Checkout", "| Name | string | |\n| State | string | |"),
    ]
}

/// A harbour whose vague arrays hold objects that show only some members of known types.
fn harbour_entity_page() -> String {
    let rows = "| HarbourId | int32 | |\n| Moorings | array | |\n| Piers | array | |\n\
                | Switches | array | |";
    let sample = r#"{
  "HarbourId": 4,
  "Moorings": [ { "MooringId": 3, "Kind": "Ring", "Depth": 2.5 } ],
  "Piers": [ { "PierId": 1, "Name": "North", "Length": 80.5, "Depth": 4.0, "Lit": true } ],
  "Switches": [ { "Name": "Lights", "State": true } ]
}"#;
    harbour_page(
        "v1HarbourEntity_GetHarbour",
        "Harbour/{id}",
        "HarbourEntity",
        rows,
        sample,
    )
}

/// The item schema of `HarbourEntity.{prop}` built from these pages.
fn harbour_items(pages: &[String], prop: &str) -> Value {
    let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
    let (doc, _) = check(&pages);
    doc["components"]["schemas"]["HarbourEntity"]["properties"][prop]["items"].clone()
}

#[test]
fn a_sample_object_showing_some_members_of_a_known_type_is_that_type() {
    let mut pages = known_type_pages();
    pages.push(harbour_entity_page());
    // Three of `Mooring`'s five members: the sample generator left two out.
    assert_eq!(
        harbour_items(&pages, "Moorings"),
        json!({ "$ref": "#/components/schemas/Mooring" })
    );
}

#[test]
fn a_type_lacking_one_of_the_sample_keys_is_no_match() {
    let mut pages = known_type_pages();
    pages.push(harbour_entity_page());
    // `Pier` shares four of the five keys but has no `Lit`; `LitPier` has them all.
    assert_eq!(
        harbour_items(&pages, "Piers"),
        json!({ "$ref": "#/components/schemas/LitPier" })
    );
    // Without `LitPier`, no type holds the object: it is read from the sample, `Lit` included.
    pages.remove(2);
    let items = harbour_items(&pages, "Piers");
    assert_eq!(items["properties"]["Lit"], json!({ "type": "boolean" }));
}

#[test]
fn a_type_whose_member_cannot_hold_the_sample_value_is_no_match() {
    let mut pages = known_type_pages();
    pages.push(harbour_entity_page());
    // `Checkout` has both keys, but its `State` is a string and the sample's a boolean.
    let items = harbour_items(&pages, "Switches");
    assert_eq!(items["properties"]["State"], json!({ "type": "boolean" }));
}

#[test]
fn an_object_response_whose_sample_is_a_dictionary_of_its_table_is_a_map() {
    let sample = r#"{
  "north": { "Depth": 3.5, "Bottom": "Sand" },
  "south": { "Depth": 2.0, "Bottom": "Rock" }
}"#;
    let rows = "| Depth | double | |\n| Bottom | string | |";
    let page = harbour_page(
        "v1HarbourAgent_GetSoundings",
        "Harbour/Soundings",
        "object",
        rows,
        sample,
    );
    let (doc, _) = check(&[&page]);
    let schema = &doc["paths"]["/Harbour/Soundings"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"];
    let value = json!({ "$ref": "#/components/schemas/GetSoundingsResponse" });
    assert_eq!(schema["additionalProperties"], value);
    let props = &doc["components"]["schemas"]["GetSoundingsResponse"]["properties"];
    assert_eq!(props["Bottom"]["type"], "string");
}

#[test]
fn a_sample_contradicting_a_primitive_body_is_reported_and_the_type_kept() {
    let page = harbour_page(
        "v1HarbourAgent_GetArea",
        "Harbour/Area",
        "int64",
        "",
        "99.99",
    );
    let (doc, diagnostics) = check(&[&page]);
    let schema = &doc["paths"]["/Harbour/Area"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"];
    assert_eq!(schema, &json!({ "type": "integer", "format": "int64" }));
    assert!(
        kinds(&diagnostics).contains(&"sample-contradicts-type"),
        "{diagnostics:#?}"
    );
}
