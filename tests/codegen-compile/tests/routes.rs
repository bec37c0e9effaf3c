//! axum refuses some route sets only when the router is built (two parameter names for one
//! segment, say). Builds a router from the route table of every generated module.

#![cfg(feature = "server")]

use axum::routing::{MethodFilter, on};
use codegen_compile::ALL_ROUTES;

#[test]
fn every_generated_route_table_builds_a_router() {
    for (module, routes) in ALL_ROUTES {
        let built = std::panic::catch_unwind(|| {
            let mut router = axum::Router::<()>::new();
            for (method, path) in *routes {
                let filter =
                    MethodFilter::try_from(method.parse::<axum::http::Method>().unwrap()).unwrap();
                router = router.route(path, on(filter, || async {}));
            }
            router
        });
        assert!(
            built.is_ok(),
            "{module}: axum refused the routes {routes:?}"
        );
    }
}
