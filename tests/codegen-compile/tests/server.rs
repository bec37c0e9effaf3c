//! Serves the `server_pets` fixture's trait on 127.0.0.1 (a random port) and calls it with
//! reqwest: good calls get typed bodies, malformed ones readable 4xx answers.

#![cfg(feature = "server")]

use std::sync::{Arc, Mutex};

use codegen_compile::fixture_server_pets::{handlers, server, types};
use serde_json::{Value, json};

#[derive(Default)]
struct Store {
    pets: Mutex<Vec<types::Pet>>,
}

impl handlers::Pets for Store {
    async fn create_pet(
        &self,
        params: types::CreatePetParams,
        body: types::NewPet,
    ) -> types::CreatePetResponse {
        if body.name.is_empty() {
            let message = format!("empty name (request {:?})", params.x_request_id);
            return types::CreatePetResponse::Default {
                status: 400,
                body: types::Error { message },
            };
        }
        let mut pets = self.pets.lock().unwrap();
        let pet = types::Pet {
            id: pets.len() as i64 + 1,
            name: body.name,
            kind: body.kind,
            born_at: None,
        };
        pets.push(pet.clone());
        types::CreatePetResponse::Created(pet)
    }

    async fn delete_pet(&self, params: types::DeletePetParams) -> types::DeletePetResponse {
        self.pets
            .lock()
            .unwrap()
            .retain(|pet| pet.id != params.pet_id);
        types::DeletePetResponse::NoContent
    }

    async fn get_pet(&self, params: types::GetPetParams) -> types::GetPetResponse {
        let pets = self.pets.lock().unwrap();
        match pets.iter().find(|pet| pet.id == params.pet_id) {
            Some(pet) => types::GetPetResponse::Ok(pet.clone()),
            None => types::GetPetResponse::NotFound(types::Error {
                message: format!("no pet {}", params.pet_id),
            }),
        }
    }

    async fn list_pets(&self, params: types::ListPetsParams) -> types::ListPetsResponse {
        let pets = self.pets.lock().unwrap();
        let wanted = params.tag.unwrap_or_default();
        let listed = pets
            .iter()
            .filter(|pet| {
                wanted.is_empty()
                    || pet
                        .kind
                        .as_ref()
                        .is_some_and(|k| wanted.iter().any(|w| w == k.as_str()))
            })
            .take(usize::try_from(params.limit).unwrap_or_default())
            .cloned()
            .collect();
        types::ListPetsResponse::Ok(listed)
    }
}

async fn serve() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = server::router(Arc::new(Store::default()));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

#[tokio::test]
async fn routers_nest_under_a_path_with_parameters() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let store = Store::default();
    store.pets.lock().unwrap().push(types::Pet {
        id: 12,
        name: "Rex".to_owned(),
        kind: None,
        born_at: None,
    });
    let app = axum::Router::new().nest("/tenant/{tenant}", server::router(Arc::new(store)));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    // The outer `{tenant}` comes first among the request's path parameters; `petId` is still
    // read from the pet's own segment.
    let url = format!("http://{address}/tenant/7/pets/12");
    let fetched = reqwest::get(url).await.unwrap();
    assert_eq!(fetched.status(), 200);
    assert_eq!(fetched.json::<types::Pet>().await.unwrap().id, 12);
}

async fn message(response: reqwest::Response) -> String {
    let body: Value = response.json().await.unwrap();
    body["message"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn serves_typed_calls() {
    let base = serve().await;
    let client = reqwest::Client::new();

    let created = client
        .post(format!("{base}/pets"))
        .header("X-Request-Id", "r1")
        .json(&json!({ "name": "Rex", "kind": "dog" }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let pet: types::Pet = created.json().await.unwrap();
    assert_eq!(
        (pet.id, pet.name.as_str(), pet.kind.clone()),
        (1, "Rex", Some(types::Kind::Dog))
    );

    let fetched = client.get(format!("{base}/pets/1")).send().await.unwrap();
    assert_eq!(fetched.status(), 200);
    assert_eq!(fetched.json::<types::Pet>().await.unwrap(), pet);

    let listed = client
        .get(format!("{base}/pets?limit=5&tag=dog&tag=cat"))
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), 200);
    assert_eq!(listed.json::<Vec<types::Pet>>().await.unwrap(), vec![pet]);

    let missing = client.get(format!("{base}/pets/9")).send().await.unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(message(missing).await, "no pet 9");

    let refused = client
        .post(format!("{base}/pets"))
        .json(&json!({ "name": "" }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);

    let deleted = client
        .delete(format!("{base}/pets/1"))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
}

#[tokio::test]
async fn rejects_malformed_requests_readably() {
    let base = serve().await;
    let client = reqwest::Client::new();

    let bad_json = client
        .post(format!("{base}/pets"))
        .header("content-type", "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(bad_json.status(), 400);
    assert!(message(bad_json).await.starts_with("invalid JSON body"));

    let wrong_shape = client
        .post(format!("{base}/pets"))
        .json(&json!({ "name": 5 }))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_shape.status(), 422);
    assert!(message(wrong_shape).await.contains("invalid type"));

    let bad_path = client.get(format!("{base}/pets/abc")).send().await.unwrap();
    assert_eq!(bad_path.status(), 400);
    assert!(
        message(bad_path)
            .await
            .starts_with("invalid path parameter")
    );

    let no_limit = client.get(format!("{base}/pets")).send().await.unwrap();
    assert_eq!(no_limit.status(), 400);
    assert!(message(no_limit).await.contains("missing field `limit`"));

    let bad_limit = client
        .get(format!("{base}/pets?limit=lots"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad_limit.status(), 400);
}
