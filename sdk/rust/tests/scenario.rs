//! The SDK scenario shared by every language, against a live `micro server` (test/sdk/rust.test.ts starts one
//! and sets MICRO_SDK_SCENARIO=1 with MICRO_PROXY and the admin's MICRO_AUTH_ID/MICRO_AUTH_SECRET).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use micro_sdk::{config, events, registry, store, Client, Options};

fn client() -> Option<Client> {
    if std::env::var("MICRO_SDK_SCENARIO").unwrap_or_default().is_empty() {
        eprintln!("skipped: needs a live server (run test/sdk/rust.test.ts)");
        return None;
    }
    Some(Client::from_env().expect("client"))
}

#[tokio::test]
async fn store_write_read_and_not_found() {
    let Some(c) = client() else { return };
    let mut s = store::StoreClient::new(&c);
    let record = store::Record { key: "sdk-rust".into(), value: b"hello from rust".to_vec(), ..Default::default() };
    s.write(store::WriteRequest { record: Some(record), ..Default::default() }).await.unwrap();
    let rsp = s.read(store::ReadRequest { key: "sdk-rust".into(), ..Default::default() }).await.unwrap();
    assert_eq!(rsp.records.iter().map(|r| r.value.clone()).collect::<Vec<_>>(), vec![b"hello from rust".to_vec()]);
    let err = s.read(store::ReadRequest { key: "sdk-rust-missing".into(), ..Default::default() }).await.unwrap_err();
    assert_eq!(err.code, 404, "{err}");
    assert_eq!(err.status, "Not Found");
    assert!(!err.id.is_empty());
    println!("scenario: store ok");
}

#[tokio::test]
async fn config_set_get() {
    let Some(c) = client() else { return };
    let ns = c.options().namespace.clone();
    let mut cfg = config::ConfigClient::new(&c);
    let value = config::Value { data: r#"{"ok":true}"#.into(), format: "json".into() };
    cfg.set(config::SetRequest { namespace: ns.clone(), path: "sdk.rust".into(), value: Some(value), ..Default::default() }).await.unwrap();
    let got = cfg.get(config::GetRequest { namespace: ns, path: "sdk.rust".into(), ..Default::default() }).await.unwrap();
    assert_eq!(got.value.unwrap().data, r#"{"ok":true}"#);
    println!("scenario: config ok");
}

#[tokio::test]
async fn events_publish_consume() {
    let Some(c) = client() else { return };
    let mut ev = events::StreamClient::new(&c);
    let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64 - 1;
    ev.publish(events::PublishRequest { topic: "sdk-rust".into(), payload: br#""ping""#.to_vec(), ..Default::default() }).await.unwrap();
    // An offset replays from that time, so the event published above is delivered.
    let mut stream = ev
        .consume(events::ConsumeRequest { topic: "sdk-rust".into(), offset: since, auto_ack: true, ..Default::default() })
        .await
        .unwrap();
    let event = tokio::time::timeout(Duration::from_secs(30), stream.message()).await.expect("an event in time").unwrap().expect("one event");
    assert_eq!(event.topic, "sdk-rust");
    assert_eq!(event.payload, br#""ping""#.to_vec());
    println!("scenario: events ok");
}

#[tokio::test]
async fn registry_register_list() {
    let Some(c) = client() else { return };
    let mut reg = registry::RegistryClient::new(&c);
    let node = registry::Node { id: "sdk-rust-1".into(), address: "127.0.0.1:9".into(), ..Default::default() };
    let svc = registry::Service { name: "sdk-rust".into(), version: "1.0.0".into(), nodes: vec![node], ..Default::default() };
    reg.register(svc.clone()).await.unwrap();
    let listed = reg.list_services(registry::ListRequest::default()).await.unwrap();
    reg.deregister(svc).await.unwrap();
    assert!(listed.services.iter().any(|s| s.name == "sdk-rust"));
    println!("scenario: registry ok");
}

#[tokio::test]
async fn bad_token_is_401() {
    if client().is_none() {
        return;
    }
    let c = Client::new(Options::from_env().token("not-a-token").credentials("", "")).unwrap();
    let err = registry::RegistryClient::new(&c).list_services(registry::ListRequest::default()).await.unwrap_err();
    assert_eq!(err.code, 401, "{err}");
    println!("scenario: bad token ok");
}
