//! Issue 10, bounded work: live sockets are limited per login session and per conciergerie, and
//! a client that stops reading its socket is disconnected and its memory released.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use majordome::actors::hub::CountSessions;
use protocol::events::ServerEvent;
use protocol::ConciergerieId;
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{spawn_app_with, TestApp};
use crate::support::*;

async fn open_sockets_become(app: &TestApp, n: usize) {
    eventually(&format!("{n} open sockets"), || async {
        app.state().socket_limits.open() == n
    })
    .await;
}

#[actix_web::test]
async fn one_session_holds_so_many_sockets_and_a_closed_one_gives_its_place_back() {
    let app = spawn_app_with(&[("WS_MAX_PER_TOKEN", "2")]).await;
    let token = app.login_demo().await;
    let first = connect_ws(&app, &token).await;
    let _second = connect_ws(&app, &token).await;
    assert_eq!(
        try_connect(&app, &token).await.err(),
        Some(StatusCode::TOO_MANY_REQUESTS)
    );
    // The answer says when to retry (checked over plain HTTP: same route, same refusal).
    let refused = app
        .fresh_client()
        .get(app.url("/ws"))
        .bearer_auth(&token)
        .header("Connection", "Upgrade")
        .header("Upgrade", "websocket")
        .header("Sec-WebSocket-Version", "13")
        .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().contains_key("retry-after"));
    // Another login of the same conciergerie has its own allowance.
    let other_login = app.login_demo().await;
    let _third = connect_ws(&app, &other_login).await;

    drop(first);
    open_sockets_become(&app, 2).await;
    connect_ws(&app, &token).await;
}

#[actix_web::test]
async fn a_conciergerie_holds_so_many_sockets_and_others_are_not_affected() {
    let app = spawn_app_with(&[("WS_MAX_PER_CONCIERGERIE", "2")]).await;
    let (a, b) = (app.login_demo().await, app.login_demo().await);
    let _sockets = (connect_ws(&app, &a).await, connect_ws(&app, &b).await);
    let c = app.login_demo().await;
    assert_eq!(
        try_connect(&app, &c).await.err(),
        Some(StatusCode::TOO_MANY_REQUESTS)
    );
    let admin = app.admin_login().await;
    let other = app
        .new_tenant(&admin, "voisine", "whatsapp:+33499999999")
        .await;
    connect_ws(&app, &other.token).await;
}

/// A raw WebSocket client that completes the handshake and then never reads, with a receive
/// buffer as small as the kernel allows so its window closes quickly.
async fn connect_never_reading(app: &TestApp, token: &str) -> tokio::net::TcpStream {
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let address: std::net::SocketAddr = format!("127.0.0.1:{}", app.port).parse().unwrap();
    socket.connect(&address.into()).unwrap();
    socket.set_nonblocking(true).unwrap();
    let mut stream = tokio::net::TcpStream::from_std(socket.into()).unwrap();
    let request = format!(
        "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\
         Authorization: Bearer {token}\r\n\r\n",
        app.port
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    // Read the 101 answer byte by byte, and not one byte more.
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let mut byte = [0u8; 1];
        stream.read_exact(&mut byte).await.unwrap();
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head);
    assert!(head.starts_with("HTTP/1.1 101"), "{head}");
    stream
}

#[actix_web::test]
async fn a_client_that_stops_reading_is_disconnected_and_released_while_others_keep_receiving() {
    let app = spawn_app_with(&[("WS_STALL_TIMEOUT_SECS", "2")]).await;
    let token = app.login_demo().await;
    let mut stalled = connect_never_reading(&app, &token).await;

    // A well-behaved dashboard of the same conciergerie, read all along.
    let mut reader = connect_ws(&app, &token).await;
    let received = Arc::new(AtomicUsize::new(0));
    let counter = received.clone();
    actix_web::rt::spawn(async move {
        while next_event(&mut reader, Duration::from_secs(120))
            .await
            .is_some()
        {
            counter.fetch_add(1, Ordering::SeqCst);
        }
    });
    open_sockets_become(&app, 2).await;
    let hub = app.state().hub.clone();
    assert_eq!(hub.send(CountSessions).await.unwrap(), 2);

    // Big events until the hub drops the socket that does not read (its queue is bounded).
    let body = "x".repeat(16 * 1024);
    let tenant = ConciergerieId(1);
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut sent = 0;
    while hub.send(CountSessions).await.unwrap() == 2 {
        assert!(
            Instant::now() < deadline,
            "the silent client was never dropped"
        );
        for _ in 0..20 {
            app.state().notify_tenant(
                tenant,
                ServerEvent::SimulatorReply {
                    to: "+33600000000".into(),
                    body: body.clone(),
                    media: Vec::new(),
                },
            );
            sent += 1;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(
        sent < 20_000,
        "dropped after a bounded backlog ({sent} events)"
    );

    // The kernel gives up on the silent peer; its socket actor and buffers go with it.
    open_sockets_become(&app, 1).await;
    // The silent client finds its connection cut once it reads what was buffered.
    let cut_off = async {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match stalled.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(30), cut_off)
        .await
        .expect("the silent client's connection is closed");

    // The reader was served throughout, and still is.
    let before = received.load(Ordering::SeqCst);
    assert!(before > 0);
    app.state().notify_tenant(
        tenant,
        ServerEvent::SimulatorReply {
            to: "+33600000000".into(),
            body: "encore".into(),
            media: Vec::new(),
        },
    );
    eventually("the reader's next event", || async {
        received.load(Ordering::SeqCst) > before
    })
    .await;
    assert_eq!(hub.send(CountSessions).await.unwrap(), 1);
}
