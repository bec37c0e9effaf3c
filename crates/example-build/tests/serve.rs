//! Serves the example on 127.0.0.1 (a free port) and calls it over real HTTP, checking status
//! codes and typed bodies.

use std::sync::Arc;

use example_build::api::types::{Berth, Boat, Skipper};
use example_build::{Marina, serve};
use reqwest::StatusCode;

fn berth(id: i32, name: &str, pier: &str, max_length: f64) -> Berth {
    Berth {
        berth_id: Some(id),
        name: Some(name.to_string()),
        pier: Some(pier.to_string()),
        max_length: Some(max_length),
        daily_rate: Some(42.0),
        features: Some(vec!["water".to_string()]),
        ..Berth::default()
    }
}

fn boat() -> Boat {
    let skipper = Skipper {
        skipper_id: Some(7),
        full_name: Some("Ingrid Solberg".to_string()),
        ..Skipper::default()
    };
    Boat {
        boat_id: Some(3),
        name: Some("Sjøsprøyt".to_string()),
        skipper: Some(skipper),
        ..Boat::default()
    }
}

/// Starts the server on a free loopback port and returns its base URL.
async fn start() -> String {
    let marina = Marina::new(
        vec![
            berth(12, "N-12", "North", 11.5),
            berth(31, "S-31", "South", 14.0),
        ],
        vec![boat()],
    );
    marina.insure(3, 2026);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, Arc::new(marina)));
    format!("http://{addr}/api/v1")
}

#[tokio::test]
async fn berths_can_be_listed_read_replaced_and_deleted() {
    let base = start().await;
    let client = reqwest::Client::new();

    let res = client
        .get(format!("{base}/Berth?$top=10&pier=North"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let berths: Vec<Berth> = res.json().await.unwrap();
    assert_eq!(berths, vec![berth(12, "N-12", "North", 11.5)]);

    // `$top` is required: without it the generated glue refuses the request.
    let res = client.get(format!("{base}/Berth")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);

    let res = client.get(format!("{base}/Berth/31")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.json::<Berth>().await.unwrap(),
        berth(31, "S-31", "South", 14.0)
    );

    let replacement = Berth {
        has_power: Some(true),
        ..berth(31, "S-31b", "South", 15.0)
    };
    let res = client
        .put(format!("{base}/Berth/31"))
        .json(&replacement)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Berth>().await.unwrap(), replacement);

    let res = client
        .delete(format!("{base}/Berth/31"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = client.get(format!("{base}/Berth/31")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = client
        .delete(format!("{base}/Berth/31"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn photos_travel_as_raw_bytes() {
    let base = start().await;
    let client = reqwest::Client::new();
    let jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];

    let res = client
        .get(format!("{base}/Berth/12/Photo"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    let res = client
        .put(format!("{base}/Berth/12/Photo"))
        .header("Content-Type", "image/jpeg")
        .body(jpeg.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);

    let res = client
        .get(format!("{base}/Berth/12/Photo?size=Thumbnail"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.bytes().await.unwrap().to_vec(), jpeg);

    let res = client
        .put(format!("{base}/Berth/12/Photo"))
        .body("not an image")
        .send()
        .await;
    assert_eq!(res.unwrap().status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn boats_answer_with_nested_types_and_primitives() {
    let base = start().await;
    let client = reqwest::Client::new();

    let res = client.get(format!("{base}/Boat/3")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Boat>().await.unwrap(), boat());

    let res = client
        .get(format!("{base}/Boat/3/Skipper"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.json::<Skipper>().await.unwrap().full_name.as_deref(),
        Some("Ingrid Solberg")
    );

    let insured = |year: i32| client.get(format!("{base}/Boat/3/Insurance/{year}")).send();
    assert!(insured(2026).await.unwrap().json::<bool>().await.unwrap());
    assert!(!insured(2025).await.unwrap().json::<bool>().await.unwrap());

    let res = client
        .get(format!("{base}/Boat/not-a-number"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn berths_can_be_patched() {
    let base = start().await;
    let client = reqwest::Client::new();

    // Paths ignore case and may leave out the leading slash.
    let patch = serde_json::json!([{ "op": "remove", "path": "features" }]);
    let res = client
        .patch(format!("{base}/Berth/12"))
        .json(&patch)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let patched: Berth = res.json().await.unwrap();
    assert_eq!(
        patched,
        Berth {
            features: None,
            ..berth(12, "N-12", "North", 11.5)
        }
    );

    let patch = serde_json::json!([{ "op": "move", "path": "/Name" }]);
    let res = client
        .patch(format!("{base}/Berth/12"))
        .json(&patch)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);

    let res = client
        .patch(format!("{base}/Berth/99"))
        .json(&patch)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn boats_can_be_registered() {
    let base = start().await;
    let client = reqwest::Client::new();

    let new_boat = Boat {
        boat_id: Some(0),
        length: Some(7.9),
        ..boat()
    };
    let res = client
        .post(format!("{base}/Boat"))
        .json(&new_boat)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: Boat = res.json().await.unwrap();
    assert_eq!(
        created,
        Boat {
            boat_id: Some(4),
            ..new_boat
        }
    );

    let res = client.get(format!("{base}/Boat/4")).send().await.unwrap();
    assert_eq!(res.json::<Boat>().await.unwrap(), created);

    let nameless = Boat {
        name: None,
        ..created
    };
    let res = client
        .post(format!("{base}/Boat"))
        .json(&nameless)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}
